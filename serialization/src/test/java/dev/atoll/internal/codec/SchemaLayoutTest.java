package dev.atoll.internal.codec;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import dev.atoll.schema.CollectionSchema;
import dev.atoll.testmodel.Everything;
import dev.atoll.testmodel.EvolvingV1;
import dev.atoll.testmodel.EvolvingV2;
import dev.atoll.testmodel.Indexed;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tests field id assignment, merging and the persisted form of layouts. */
class SchemaLayoutTest {
    private static final CollectionSchema V1 = CollectionSchema.of(EvolvingV1.class);
    private static final CollectionSchema V2 = CollectionSchema.of(EvolvingV2.class);

    @Test
    void initial_assignsIdsFromOneToEveryPathWithType() {
        SchemaLayout layout = SchemaLayout.initial(V1);
        Map<String, Integer> ids = layout.fieldIds();
        assertEquals(Set.of("address:EMBEDDED", "address.color:ENUM", "address.lines:LIST<STRING>",
            "address.number:INT", "address.street:STRING", "addresses:LIST<EMBEDDED>", "addresses[].color:ENUM",
            "addresses[].lines:LIST<STRING>", "addresses[].number:INT", "addresses[].street:STRING",
            "changed:INT", "color:ENUM", "kept:STRING", "removed:INT"), ids.keySet());
        Set<Integer> values = new HashSet<>(ids.values());
        assertEquals(ids.size(), values.size());
        for (int i = 1; i <= ids.size(); i++) {
            assertTrue(values.contains(i), "id " + i);
        }
        assertEquals(ids.size() + 1, layout.nextId());
        assertEquals("Evolving", layout.collection());
        assertEquals(V1.fingerprint(), layout.fingerprint());
        assertTrue(layout.covers(V1));
        assertFalse(layout.covers(V2));
    }

    @Test
    void merge_keepsExistingIdsAndNeverReusesIds() {
        SchemaLayout l1 = SchemaLayout.initial(V1);
        SchemaLayout l2 = l1.merge(V2);
        assertEquals(l1.fieldIds().get("kept:STRING"), l2.fieldIds().get("kept:STRING"));
        assertEquals(l1.fieldIds().get("address.street:STRING"), l2.fieldIds().get("address.street:STRING"));
        assertFalse(l2.fieldIds().containsKey("removed:INT"));
        assertFalse(l2.fieldIds().containsKey("changed:INT"));
        int changed = l2.fieldIds().get("changed:STRING");
        int added = l2.fieldIds().get("added:LIST<STRING>");
        int count = l2.fieldIds().get("count:INT");
        for (int id : new int[] {changed, added, count}) {
            assertTrue(id >= l1.nextId(), "new id " + id + " must not have been used before");
        }
        assertTrue(l2.covers(V2));
        assertEquals(V2.fingerprint(), l2.fingerprint());
        assertEquals(V2.indexes(), l2.indexes());
        // back to V1: removed and changed:INT are new paths again and get fresh ids
        SchemaLayout l3 = l2.merge(V1);
        assertTrue(l3.fieldIds().get("removed:INT") >= l2.nextId());
        assertTrue(l3.fieldIds().get("changed:INT") >= l2.nextId());
        assertNotEquals(l1.fieldIds().get("removed:INT"), l3.fieldIds().get("removed:INT"));
        assertEquals(l1.fieldIds().get("kept:STRING"), l3.fieldIds().get("kept:STRING"));
        Set<Integer> all = new HashSet<>(l3.fieldIds().values());
        assertEquals(l3.fieldIds().size(), all.size(), "ids are unique");
    }

    @Test
    void merge_unchangedSchema_returnsSameLayout() {
        SchemaLayout l1 = SchemaLayout.initial(V1);
        assertSame(l1, l1.merge(V1));
        SchemaLayout l2 = l1.merge(V2);
        assertSame(l2, l2.merge(V2));
        assertEquals(l2, SchemaLayout.fromBytes(l2.toBytes()).merge(V2));
    }

    @Test
    void merge_otherCollection_rejected() {
        SchemaLayout l1 = SchemaLayout.initial(V1);
        assertThrows(IllegalArgumentException.class, () -> l1.merge(CollectionSchema.of(Everything.class)));
    }

    @Test
    void toBytes_roundTrip_equal() {
        for (Class<?> c : new Class<?>[] {Everything.class, Indexed.class, EvolvingV1.class}) {
            SchemaLayout layout = SchemaLayout.initial(CollectionSchema.of(c));
            SchemaLayout copy = SchemaLayout.fromBytes(layout.toBytes());
            assertEquals(layout, copy);
            assertEquals(layout.hashCode(), copy.hashCode());
            assertEquals(layout.indexes(), copy.indexes());
            assertEquals(layout.fieldIds(), copy.fieldIds());
            assertEquals(layout.nextId(), copy.nextId());
        }
        SchemaLayout merged = SchemaLayout.initial(V1).merge(V2);
        assertEquals(merged, SchemaLayout.fromBytes(merged.toBytes()));
        assertNotEquals(SchemaLayout.initial(V1), merged);
    }

    @Test
    void fromBytes_everyFlipAndTruncation_throwsCorruptFile() {
        byte[] good = SchemaLayout.initial(CollectionSchema.of(Indexed.class)).toBytes();
        for (int i = 0; i < good.length; i++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) (1 << bit);
                Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> SchemaLayout.fromBytes(bad), "flip " + i));
            }
        }
        for (int n = 0; n < good.length; n++) {
            byte[] bad = Arrays.copyOf(good, n);
            Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> SchemaLayout.fromBytes(bad), "length " + n));
        }
        long seed = Long.getLong("atoll.test.seed", 1L);
        System.out.println("SchemaLayoutTest seed " + seed + " (repeat with -Datoll.test.seed=" + seed + ")");
        Random random = new Random(seed);
        for (int i = 0; i < 1000; i++) {
            byte[] garbage = new byte[random.nextInt(200)];
            random.nextBytes(garbage);
            Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> SchemaLayout.fromBytes(garbage)));
        }
    }
}
