package dev.atoll.internal.codec;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import dev.atoll.schema.CollectionSchema;
import dev.atoll.schema.PropertySchema;
import dev.atoll.schema.PropertyType;
import dev.atoll.testmodel.Forest;
import dev.atoll.testmodel.TreeBranch;
import dev.atoll.testmodel.TreeNode;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Embedded classes that contain themselves (trees): schema, layout and codec. */
class TreeTest {

    private static PropertySchema property(List<PropertySchema> level, String name) {
        return level.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }

    static Forest forest() {
        TreeNode leaf = new TreeNode("leaf");
        TreeNode mid = new TreeNode("mid", leaf, new TreeNode("leaf2"));
        mid.first = new TreeNode("first");
        mid.branch = new TreeBranch();
        mid.branch.weight = 4;
        mid.branch.node = new TreeNode("under a branch", new TreeNode("deep"));
        Forest f = new Forest();
        f.title = "woods";
        f.root = new TreeNode("root", mid, new TreeNode("other"));
        f.more = new ArrayList<>(List.of(new TreeNode("second"), new TreeNode("third", new TreeNode("x"))));
        return f;
    }

    @Test
    void derive_treeClass_recursionPointsBackToTheEnclosingOccurrence() {
        CollectionSchema schema = CollectionSchema.of(Forest.class);
        PropertySchema root = property(schema.properties(), "root");
        assertFalse(root.isRecursive());
        PropertySchema children = property(root.embedded(), "children");
        PropertySchema element = children.element();
        assertTrue(element.isRecursive());
        assertEquals(1, element.recursion().up());
        assertSame(root.embedded(), element.embedded(), "walking down a path goes round the tree");
        PropertySchema first = property(root.embedded(), "first");
        assertEquals(1, first.recursion().up());
        PropertySchema node = property(property(root.embedded(), "branch").embedded(), "node");
        assertEquals(2, node.recursion().up());
        assertSame(root.embedded(), node.embedded());
        assertEquals("EMBEDDED?{^1}", first.signature());
        assertTrue(root.signature().contains("children:LIST?<EMBEDDED?{^1}>"), root.signature());
        assertEquals(CollectionSchema.of(Forest.class), schema, "equality ends at the recursion");
        assertEquals(schema.fingerprint(), CollectionSchema.of(Forest.class).fingerprint());
        assertEquals(Optional.empty(), schema.differenceFrom(CollectionSchema.of(Forest.class)));
    }

    @Test
    void layout_tree_finiteKeysAndTheRecursionKeepsTheEnclosingIds() {
        SchemaLayout layout = SchemaLayout.initial(CollectionSchema.of(Forest.class));
        assertEquals(new TreeSet<>(List.of("more:LIST<EMBEDDED>", "more[].branch:EMBEDDED", "more[].branch.node:EMBEDDED",
                "more[].branch.weight:INT", "more[].children:LIST<EMBEDDED>", "more[].first:EMBEDDED",
                "more[].name:STRING", "root:EMBEDDED", "root.branch:EMBEDDED", "root.branch.node:EMBEDDED",
                "root.branch.weight:INT", "root.children:LIST<EMBEDDED>", "root.first:EMBEDDED",
                "root.name:STRING", "title:STRING")), new TreeSet<>(layout.fieldIds().keySet()));
    }

    @Test
    void codec_tree_roundTrips() {
        CollectionCodec<Forest> codec = TestCodecs.of(Forest.class).codec(Forest.class);
        Forest f = forest();
        byte[] value = codec.encode(f, 9);
        Forest back = codec.decode(9, value, 0, value.length);
        assertEquals(f.title, back.title);
        assertEquals(f.root, back.root);
        assertEquals(f.more, back.more);
        assertEquals("deep", back.root.children.get(0).branch.node.children.get(0).name);
        assertNull(back.root.children.get(1).first);
    }

    @Test
    void difference_treeAgainstPlainEmbedded_named() {
        PropertySchema tree = PropertySchema.recursive("first", "TreeNode", 1);
        PropertySchema plain = new PropertySchema("first", PropertyType.EMBEDDED, true, null, List.of(), null,
            "TreeNode");
        assertThrows(IllegalStateException.class, tree::embedded, "an unresolved recursion");
        assertThrows(IllegalArgumentException.class, () -> new PropertySchema.Recursion(0));
        PropertySchema.Recursion r = new PropertySchema.Recursion(2);
        r.resolve(List.of());
        assertThrows(IllegalStateException.class, () -> r.resolve(List.of()));
        assertEquals("^2", r.toString());
        assertEquals(new PropertySchema.Recursion(2), r);
        assertEquals(2, r.hashCode());
        assertFalse(plain.isRecursive());
        assertThrows(IllegalArgumentException.class, () -> new PropertySchema("x", PropertyType.STRING, true, null,
            null, null, null, new PropertySchema.Recursion(1)));
        assertThrows(IllegalArgumentException.class, () -> new PropertySchema("x", PropertyType.EMBEDDED, true, null,
            List.of(plain), null, "T", new PropertySchema.Recursion(1)));
    }

    /** A chain of nodes linked by 'first', depth nodes long. */
    private static TreeNode chain(int depth) {
        TreeNode top = new TreeNode("n1");
        TreeNode n = top;
        for (int i = 2; i <= depth; i++) {
            n.first = new TreeNode("n" + i);
            n = n.first;
        }
        return top;
    }

    @Test
    void codec_treeAtMaxDepth_roundTripsAndDeeperIsRefused() {
        CollectionCodec<Forest> codec = TestCodecs.of(Forest.class).codec(Forest.class);
        Forest f = new Forest();
        f.root = chain(MessageCodec.MAX_DEPTH);
        byte[] value = codec.encode(f, 1);
        assertEquals(f.root, codec.decode(1, value, 0, value.length).root);
        f.root = chain(MessageCodec.MAX_DEPTH + 1);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> codec.encode(f, 1));
        assertEquals("property 'first': embedded objects nest deeper than 100 levels (does an object contain"
            + " itself?)", e.getMessage());
        f.root = new TreeNode("loop");
        f.root.children.add(f.root);
        assertThrows(IllegalArgumentException.class, () -> codec.encode(f, 1), "a cycle in the data");
        f.root = chain(3);
        byte[] again = codec.encode(f, 2);
        assertEquals(f.root, codec.decode(2, again, 0, again.length).root, "a refused write leaves no depth behind");
    }

    @Test
    void decode_valueNestedDeeperThanMaxDepth_corrupt() {
        CollectionSchema schema = CollectionSchema.of(Forest.class);
        SchemaLayout layout = SchemaLayout.initial(schema);
        int rootTag = layout.fieldIds().get("root:EMBEDDED") << 3 | 2;
        int firstTag = layout.fieldIds().get("root.first:EMBEDDED") << 3 | 2;
        java.io.ByteArrayOutputStream inner = new java.io.ByteArrayOutputStream();
        byte[] message = new byte[0];
        for (int i = 0; i <= MessageCodec.MAX_DEPTH; i++) {
            inner.reset();
            varint(inner, i == MessageCodec.MAX_DEPTH ? rootTag : firstTag);
            varint(inner, message.length);
            inner.writeBytes(message);
            message = inner.toByteArray();
        }
        java.io.ByteArrayOutputStream value = new java.io.ByteArrayOutputStream();
        value.write(CollectionCodec.FORMAT_VERSION);
        varint(value, message.length);
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        crc.update(java.nio.ByteBuffer.allocate(8).putLong(5).array());
        crc.update(message);
        value.writeBytes(java.nio.ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        value.writeBytes(message);
        byte[] bytes = value.toByteArray();
        CollectionCodec<Forest> codec = TestCodecs.of(Forest.class).codec(Forest.class);
        RuntimeException e = Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> codec.decode(5, bytes, 0, bytes.length)));
        assertTrue(e.getMessage().endsWith("embedded objects nest deeper than 100 levels"), e.getMessage());
    }

    private static void varint(java.io.ByteArrayOutputStream out, int v) {
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
    }
}
