package dev.atoll.internal.codec;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import dev.atoll.schema.CollectionSchema;
import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;
import dev.atoll.schema.IndexSchema;
import dev.atoll.testmodel.Color;
import dev.atoll.testmodel.ColorV2;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Key definitions: what the keys of an index mean. Every change that changes keys changes the definition
 * (and so makes {@link SchemaLayout#keysDifferFrom} ask for a rebuild); {@code replace} alone does not.
 */
class KeyDefinitionTest {
    @Entity(name = "K")
    static class Base {
        @Id
        long id;
        @Index
        Color color;
        @Index
        String name;
        @Index
        int rank;
        @Index(unique = true)
        String code;
        @Index
        List<Color> colors;
        String note;
    }

    @Entity(name = "K")
    static class EnumChanged {
        @Id
        long id;
        @Index
        ColorV2 color;
        @Index
        String name;
        @Index
        int rank;
        @Index(unique = true)
        String code;
        @Index
        List<Color> colors;
        String note;
    }

    @Entity(name = "K")
    static class ListEnumChanged {
        @Id
        long id;
        @Index
        Color color;
        @Index
        String name;
        @Index
        int rank;
        @Index(unique = true)
        String code;
        @Index
        List<ColorV2> colors;
        String note;
    }

    @Entity(name = "K")
    static class CaseInsensitive {
        @Id
        long id;
        @Index
        Color color;
        @Index(caseSensitive = false)
        String name;
        @Index
        int rank;
        @Index(unique = true)
        String code;
        @Index
        List<Color> colors;
        String note;
    }

    @Entity(name = "K")
    static class Hashed {
        @Id
        long id;
        @Index
        Color color;
        @Index(hash = true)
        String name;
        @Index
        int rank;
        @Index(unique = true)
        String code;
        @Index
        List<Color> colors;
        String note;
    }

    @Entity(name = "K")
    static class NotUnique {
        @Id
        long id;
        @Index
        Color color;
        @Index
        String name;
        @Index
        int rank;
        @Index
        String code;
        @Index
        List<Color> colors;
        String note;
    }

    @Entity(name = "K")
    static class Replacing {
        @Id
        long id;
        @Index
        Color color;
        @Index
        String name;
        @Index
        int rank;
        @Index(unique = true, replace = true)
        String code;
        @Index
        List<Color> colors;
        String note;
    }

    @Entity(name = "K")
    static class LongRank {
        @Id
        long id;
        @Index
        Color color;
        @Index
        String name;
        @Index
        long rank;
        @Index(unique = true)
        String code;
        @Index
        List<Color> colors;
        String note;
    }

    @Entity(name = "K")
    static class BoxedRank {
        @Id
        long id;
        @Index
        Color color;
        @Index
        String name;
        @Index
        Integer rank;
        @Index(unique = true)
        String code;
        @Index
        List<Color> colors;
        String note;
    }

    @Entity(name = "K")
    static class MoreProperties {
        @Id
        long id;
        @Index
        Color color;
        @Index
        String name;
        @Index
        int rank;
        @Index(unique = true)
        String code;
        @Index
        List<Color> colors;
        String note;
        long added;
    }

    @Entity(name = "K")
    static class IndexRenamed {
        @Id
        long id;
        @Index
        Color color;
        @Index
        String name;
        @Index(name = "theRank")
        int rank;
        @Index(unique = true)
        String code;
        @Index
        List<Color> colors;
        String note;
    }

    @Entity(name = "K")
    static class NoIndexes {
        @Id
        long id;
        String name;
    }

    private static final CollectionSchema BASE = CollectionSchema.of(Base.class);

    @Test
    void keyDefinition_base_namesEncodingFlagsAndPropertyTypes() {
        Map<String, String> defs = SchemaLayout.initial(BASE).keyDefinitions();
        assertEquals("k2;-C--;color:ENUM?[RED,GREEN,BLUE]", defs.get("color"));
        assertEquals("k2;-C--;name:STRING?", defs.get("name"));
        assertEquals("k2;-C--;rank:INT", defs.get("rank"));
        assertEquals("k2;UC--;code:STRING?", defs.get("code"));
        assertEquals("k2;-C-M;colors:LIST?<ENUM?[RED,GREEN,BLUE]>", defs.get("colors"));
        assertEquals(5, defs.size());
    }

    @Test
    void keyDefinition_unknownProperty_throwsNamingIt() {
        IndexSchema bad = new IndexSchema("ghost", List.of("nothing"), false, false, true, false, false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> KeyEncoder.keyDefinition(BASE, bad));
        assertTrue(e.getMessage().contains("'nothing'") && e.getMessage().contains("'K'"), e.getMessage());
    }

    @Test
    void keysDifferFrom_everyChangeOfKeyMeaning_isTrue() {
        SchemaLayout base = SchemaLayout.initial(BASE);
        Map<Class<?>, String> changes = Map.of(EnumChanged.class, "color", ListEnumChanged.class, "colors",
            CaseInsensitive.class, "name", Hashed.class, "name", NotUnique.class, "code", LongRank.class, "rank",
            BoxedRank.class, "rank");
        changes.forEach((type, index) -> {
            CollectionSchema changed = CollectionSchema.of(type);
            assertTrue(base.keysDifferFrom(changed), type.getSimpleName());
            SchemaLayout merged = base.merge(changed);
            assertNotEquals(base.keyDefinitions().get(index), merged.keyDefinitions().get(index),
                type.getSimpleName());
            assertFalse(merged.keysDifferFrom(changed), "after the merge, " + type.getSimpleName());
            assertTrue(merged.keysDifferFrom(BASE), "and back, " + type.getSimpleName());
            assertEquals(merged, SchemaLayout.fromBytes(merged.toBytes()), type.getSimpleName());
        });
    }

    @Test
    void keysDifferFrom_indexAddedRemovedOrRenamed_isTrue() {
        SchemaLayout base = SchemaLayout.initial(BASE);
        assertTrue(base.keysDifferFrom(CollectionSchema.of(IndexRenamed.class)));
        assertTrue(base.keysDifferFrom(CollectionSchema.of(NoIndexes.class)));
        assertTrue(SchemaLayout.initial(CollectionSchema.of(NoIndexes.class)).merge(BASE).merge(
            CollectionSchema.of(NoIndexes.class)).keysDifferFrom(BASE));
    }

    @Test
    void keysDifferFrom_replaceOrUnindexedPropertiesChanged_isFalse() {
        SchemaLayout base = SchemaLayout.initial(BASE);
        assertFalse(base.keysDifferFrom(BASE));
        assertFalse(base.keysDifferFrom(CollectionSchema.of(Replacing.class)));
        assertFalse(base.keysDifferFrom(CollectionSchema.of(MoreProperties.class)));
        SchemaLayout replacing = base.merge(CollectionSchema.of(Replacing.class));
        assertNotEquals(base, replacing, "the layout records the new flag");
        assertEquals(base.keyDefinitions(), replacing.keyDefinitions());
    }

    @Test
    void merge_unchangedSchemaAndDefinitions_returnsSameLayout() {
        SchemaLayout base = SchemaLayout.initial(BASE);
        assertSame(base, base.merge(BASE));
        SchemaLayout read = SchemaLayout.fromBytes(base.toBytes());
        assertEquals(base, read);
        assertEquals(base.hashCode(), read.hashCode());
        assertSame(read, read.merge(BASE));
    }

    @Test
    void fromBytes_version1Layout_hasNoDefinitionsAndAsksForARebuild() throws IOException {
        SchemaLayout current = SchemaLayout.initial(BASE);
        SchemaLayout old = SchemaLayout.fromBytes(version1(current));
        assertEquals(Map.of(), old.keyDefinitions());
        assertEquals(current.fieldIds(), old.fieldIds());
        assertEquals(current.indexes(), old.indexes());
        assertNotEquals(current, old);
        assertTrue(old.keysDifferFrom(BASE), "keys of encoding 1");
        SchemaLayout merged = old.merge(BASE);
        assertEquals(current.keyDefinitions(), merged.keyDefinitions());
        assertEquals(current.fieldIds(), merged.fieldIds());
        // written again as it was read: empty definitions, which never match a real one
        SchemaLayout again = SchemaLayout.fromBytes(old.toBytes());
        assertTrue(again.keysDifferFrom(BASE));
        assertEquals("", again.keyDefinitions().get("name"));
    }

    @Test
    void fromBytes_version1WithoutIndexes_needsNoRebuild() throws IOException {
        CollectionSchema plain = CollectionSchema.of(NoIndexes.class);
        SchemaLayout old = SchemaLayout.fromBytes(version1(SchemaLayout.initial(plain)));
        assertFalse(old.keysDifferFrom(plain));
        assertSame(old, old.merge(plain));
    }

    @Test
    void fromBytes_unknownVersion_isCorrupt() throws IOException {
        byte[] bytes = version1(SchemaLayout.initial(BASE));
        bytes[4] = 3;
        RuntimeException e = Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> SchemaLayout.fromBytes(reseal(bytes))));
        assertTrue(e.getMessage().contains("version"), e.getMessage());
        bytes[4] = 0;
        Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> SchemaLayout.fromBytes(reseal(bytes))));
    }

    @Test
    void fromBytes_sameIndexTwice_isCorrupt() throws IOException {
        SchemaLayout layout = SchemaLayout.initial(CollectionSchema.of(NoIndexes.class));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        header(out, layout, 2);
        out.writeInt(2);
        for (int i = 0; i < 2; i++) {
            out.writeUTF("twice");
            out.writeInt(1);
            out.writeUTF("name");
            out.writeByte(4);
            out.writeUTF("k2;-C--;name:STRING?");
        }
        RuntimeException e = Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> SchemaLayout.fromBytes(seal(bytes.toByteArray()))));
        assertTrue(e.getMessage().contains("'twice'"), e.getMessage());
    }

    /** The layout as version 1 wrote it: no key definitions. */
    static byte[] version1(SchemaLayout layout) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        DataOutputStream out = new DataOutputStream(bytes);
        header(out, layout, 1);
        out.writeInt(layout.indexes().size());
        for (IndexSchema index : layout.indexes()) {
            out.writeUTF(index.name());
            out.writeInt(index.properties().size());
            for (String p : index.properties()) {
                out.writeUTF(p);
            }
            out.writeByte((index.unique() ? 1 : 0) | (index.replace() ? 2 : 0) | (index.caseSensitive() ? 4 : 0)
                | (index.hash() ? 8 : 0) | (index.multiEntry() ? 16 : 0));
        }
        return seal(bytes.toByteArray());
    }

    private static void header(DataOutputStream out, SchemaLayout layout, int version) throws IOException {
        out.writeInt(0x41544C59);
        out.writeByte(version);
        out.writeUTF(layout.collection());
        out.writeLong(layout.fingerprint());
        out.writeInt(layout.nextId());
        out.writeInt(layout.fieldIds().size());
        for (Map.Entry<String, Integer> e : layout.fieldIds().entrySet()) {
            out.writeUTF(e.getKey());
            out.writeInt(e.getValue());
        }
    }

    private static byte[] seal(byte[] body) {
        CRC32C crc = new CRC32C();
        crc.update(body);
        byte[] out = java.util.Arrays.copyOf(body, body.length + 4);
        int v = (int) crc.getValue();
        for (int i = 0; i < 4; i++) {
            out[body.length + i] = (byte) (v >>> (24 - 8 * i));
        }
        return out;
    }

    private static byte[] reseal(byte[] sealed) {
        return seal(java.util.Arrays.copyOf(sealed, sealed.length - 4));
    }
}
