package dev.atoll.internal.codec;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import dev.atoll.schema.CollectionSchema;
import dev.atoll.testmodel.Indexed;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The persisted schema layout read back from bytes whose checksum is right but whose content is not: every
 * field id, count and index flag is checked, so a layout written wrong never maps a stored field to
 * another property.
 */
class LayoutBytesTest {
    private static final int MAGIC = 0x41544C59;

    /** One index of a crafted layout. */
    private record Ix(String name, List<String> properties, int flags, String keyDefinition) {
    }

    /** A layout in the persisted form of the given version, with a correct checksum. */
    private static byte[] layout(int version, long fingerprint, int nextId, Object[][] ids, int idCount, Ix... indexes) {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeByte(version);
            out.writeUTF("C");
            out.writeLong(fingerprint);
            out.writeInt(nextId);
            out.writeInt(idCount);
            for (Object[] id : ids) {
                out.writeUTF((String) id[0]);
                out.writeInt((Integer) id[1]);
            }
            out.writeInt(indexes.length);
            for (Ix ix : indexes) {
                out.writeUTF(ix.name());
                out.writeInt(ix.properties().size());
                for (String p : ix.properties()) {
                    out.writeUTF(p);
                }
                out.writeByte(ix.flags());
                if (version == 2) {
                    out.writeUTF(ix.keyDefinition());
                }
            }
            return sealed(bytes.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] layout(int nextId, Object[][] ids, Ix... indexes) {
        return layout(2, 77L, nextId, ids, ids.length, indexes);
    }

    private static byte[] sealed(byte[] content) {
        CRC32C crc = new CRC32C();
        crc.update(content);
        byte[] out = java.util.Arrays.copyOf(content, content.length + 4);
        int c = (int) crc.getValue();
        out[content.length] = (byte) (c >>> 24);
        out[content.length + 1] = (byte) (c >>> 16);
        out[content.length + 2] = (byte) (c >>> 8);
        out[content.length + 3] = (byte) c;
        return out;
    }

    private static String damage(byte[] bytes) {
        return Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> SchemaLayout.fromBytes(bytes))).getMessage();
    }

    private static final Ix NAME = new Ix("name", List.of("name"), 4, "def");

    @Test
    void fromBytes_wellFormed_readsEveryPart() {
        SchemaLayout l = SchemaLayout.fromBytes(layout(3, new Object[][] {{"a:INT", 1}, {"name:STRING", 2}}, NAME));
        assertEquals("C", l.collection());
        assertEquals(77L, l.fingerprint());
        assertEquals(3, l.nextId());
        assertEquals(2, l.idOf("name:STRING"));
        assertEquals("def", l.keyDefinitions().get("name"));
        assertEquals(1, l.indexes().size());
    }

    @Test
    void fromBytes_eightBytes_tooShortNineBytesReadFurther() {
        assertEquals("schema layout is damaged: only 8 bytes", damage(new byte[8]));
        assertEquals("schema layout is damaged: bad magic or version", damage(sealed(new byte[5])));
    }

    @Test
    void fromBytes_fieldIdZeroOrNotBelowTheNextId_isDamage() {
        assertEquals("schema layout of 'C' is damaged: field id 0 of 'a:INT' is invalid",
            damage(layout(3, new Object[][] {{"a:INT", 0}})));
        assertEquals("schema layout of 'C' is damaged: field id 3 of 'a:INT' is invalid",
            damage(layout(3, new Object[][] {{"a:INT", 3}})));
        assertEquals(2, SchemaLayout.fromBytes(layout(3, new Object[][] {{"a:INT", 2}})).idOf("a:INT"));
    }

    @Test
    void fromBytes_twoKeysWithOneFieldId_isDamage() {
        assertEquals("schema layout of 'C' is damaged: field id 1 of 'b:INT' is invalid",
            damage(layout(3, new Object[][] {{"a:INT", 1}, {"b:INT", 1}})));
    }

    @Test
    void fromBytes_negativeCount_isDamageNamingIt() {
        assertEquals("schema layout is damaged: count -1 exceeds the data",
            damage(layout(2, 77L, 3, new Object[0][], -1)));
    }

    @Test
    void fromBytes_indexFlagsAbove31OrNoProperties_isDamage() {
        assertEquals(31, flagsOf(SchemaLayout.fromBytes(layout(3, new Object[0][],
            new Ix("n", List.of("name"), 31, "d"))).indexes().get(0)));
        assertEquals("schema layout is damaged: bad index 'n'",
            damage(layout(3, new Object[0][], new Ix("n", List.of("name"), 32, "d"))));
        assertEquals("schema layout is damaged: bad index 'n'",
            damage(layout(3, new Object[0][], new Ix("n", List.of(), 0, "d"))));
    }

    private static int flagsOf(dev.atoll.schema.IndexSchema ix) {
        return (ix.unique() ? 1 : 0) | (ix.replace() ? 2 : 0) | (ix.caseSensitive() ? 4 : 0) | (ix.hash() ? 8 : 0)
            | (ix.multiEntry() ? 16 : 0);
    }

    @Test
    void fromBytes_indexNamedTwiceInVersion2_isDamageInVersion1AKeyEncodingWithoutDefinitions() {
        assertEquals("schema layout is damaged: index 'name' twice",
            damage(layout(3, new Object[0][], NAME, NAME)));
        SchemaLayout v1 = SchemaLayout.fromBytes(layout(1, 77L, 3, new Object[0][], 0, NAME));
        assertEquals(List.of("name"), v1.indexes().stream().map(dev.atoll.schema.IndexSchema::name).toList());
        assertEquals(java.util.Map.of(), v1.keyDefinitions());
    }

    @Test
    void equals_layoutsDifferingOnlyInFingerprintOrNextId_areNotEqual() {
        Object[][] ids = {{"a:INT", 1}};
        SchemaLayout base = SchemaLayout.fromBytes(layout(2, 77L, 3, ids, 1, NAME));
        assertEquals(base, SchemaLayout.fromBytes(layout(2, 77L, 3, ids, 1, NAME)));
        assertEquals(base.hashCode(), SchemaLayout.fromBytes(layout(2, 77L, 3, ids, 1, NAME)).hashCode());
        assertNotEquals(base, SchemaLayout.fromBytes(layout(2, 78L, 3, ids, 1, NAME)));
        assertNotEquals(base, SchemaLayout.fromBytes(layout(2, 77L, 4, ids, 1, NAME)));
    }

    @Test
    void keysDifferFrom_theSchemaItWasMadeFrom_isFalse() {
        CollectionSchema s = CollectionSchema.of(Indexed.class);
        assertFalse(SchemaLayout.initial(s).keysDifferFrom(s));
        assertFalse(SchemaLayout.fromBytes(SchemaLayout.initial(s).toBytes()).keysDifferFrom(s));
    }
}
