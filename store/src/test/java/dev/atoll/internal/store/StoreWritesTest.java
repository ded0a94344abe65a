package dev.atoll.internal.store;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import dev.atoll.feed.ChangedIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The store's own tests of Delete and Clear, of the ids and slots a put must have, and of the
 * conflicts a clear causes.
 */
class StoreWritesTest {
    private static final CollectionDef ITEMS = new CollectionDef("Item", List.of(
            new CollectionDef.IndexDef("uuid", true, false),
            new CollectionDef.IndexDef("tag", false, false)));
    private static final CollectionDef OTHER = new CollectionDef("Other", List.of());

    @TempDir
    Path dir;

    private StoreCore core;

    @BeforeEach
    void open() {
        core = reopen();
    }

    @AfterEach
    void close() {
        core.close();
    }

    private StoreCore reopen() {
        StoreCore opened = StoreCore.open(dir, "test", StoreOptions.DEFAULT);
        opened.define(List.of(ITEMS, OTHER), Map.of());
        opened.commit();
        return opened;
    }

    private static byte[] key(String s) {
        return (s + "\u0000").getBytes(StandardCharsets.UTF_8);
    }

    private static WriteBatch.Put put(long id, String uuid, String... tags) {
        byte[][] tagKeys = new byte[tags.length][];
        for (int i = 0; i < tags.length; i++) {
            tagKeys[i] = key(tags[i]);
        }
        byte[][][] keys = {{key(uuid)}, tagKeys};
        return new WriteBatch.Put("Item", id, Records.encode(keys, uuid.getBytes(StandardCharsets.UTF_8)), keys);
    }

    private static WriteBatch.Put other(long id) {
        return new WriteBatch.Put("Other", id, Records.encode(new byte[0][][], new byte[] {(byte) id}),
                new byte[0][][]);
    }

    private static WriteBatch blind(WriteBatch.Op... ops) {
        return new WriteBatch(0, List.of(ops), WriteBatch.ReadSet.NONE, false);
    }

    private static WriteBatch reading(long readVersion, Set<String> collections, Map<String, Set<Long>> ids,
                                      WriteBatch.Op... ops) {
        return new WriteBatch(readVersion, List.of(ops), new WriteBatch.ReadSet(collections, ids), false);
    }

    private long commit(WriteBatch.Op... ops) {
        core.apply(blind(ops));
        return core.commit();
    }

    private static List<Long> indexIds(Snapshot s, String index) {
        List<Long> ids = new ArrayList<>();
        var c = s.indexEntries("Item", index, null);
        while (c.hasNext()) {
            ids.add(IndexEntries.entryId(c.next()));
        }
        return ids;
    }

    // --- Delete ---

    @Test
    void delete_presentObject_removesItAndEveryIndexEntryAndReportsTheId() {
        commit(put(1, "u1", "red", "blue"), put(2, "u2", "red"));
        StoreCore.Applied applied = core.apply(blind(new WriteBatch.Delete("Item", 1)));
        core.commit();

        assertEquals(ChangedIds.of(false, new long[0], new long[0], new long[] {1}), applied.changes().get("Item"));
        try (Snapshot s = core.snapshot()) {
            assertNull(s.get("Item", 1));
            assertFalse(s.contains("Item", 1));
            assertTrue(s.contains("Item", 2));
            assertEquals(1, s.count("Item"));
            assertEquals(List.of(2L), indexIds(s, "uuid"));
            assertEquals(List.of(2L), indexIds(s, "tag"));
            assertEquals(0, s.firstOwner("Item", "uuid", key("u1")));
        }
    }

    @Test
    void delete_absentObject_changesNothingAndReportsNoChange() {
        long before = commit(put(1, "u1", "red"));
        StoreCore.Applied applied = core.apply(blind(new WriteBatch.Delete("Item", 7)));
        core.commit();

        assertEquals(before + 1, applied.version(), "the batch still takes a version");
        assertEquals(Map.of(), applied.changes());
        try (Snapshot s = core.snapshot()) {
            assertEquals(1, s.count("Item"));
            assertEquals(List.of(1L), indexIds(s, "tag"));
        }
    }

    @Test
    void delete_thenReopen_staysDeletedWithTheRightCounts() {
        commit(put(1, "u1", "red"), put(2, "u2", "blue"));
        commit(new WriteBatch.Delete("Item", 2));
        core.close();
        core = reopen();
        try (Snapshot s = core.snapshot()) {
            assertEquals(1, s.count("Item"));
            assertNull(s.get("Item", 2));
            assertEquals(0, s.firstOwner("Item", "tag", key("blue")));
        }
    }

    @Test
    void delete_thenPutInOneBatch_leavesTheNewObject() {
        commit(put(1, "u1", "red"));
        commit(new WriteBatch.Delete("Item", 1), put(1, "u1", "green"));
        try (Snapshot s = core.snapshot()) {
            assertEquals(1, s.firstOwner("Item", "uuid", key("u1")));
            assertEquals(1, s.firstOwner("Item", "tag", key("green")));
            assertEquals(0, s.firstOwner("Item", "tag", key("red")));
        }
    }

    // --- Clear ---

    @Test
    void clear_emptiesTheCollectionAndItsIndexesOnly() {
        commit(put(1, "u1", "red"), put(2, "u2", "blue"), other(5));
        StoreCore.Applied applied = core.apply(blind(new WriteBatch.Clear("Item")));
        core.commit();

        ChangedIds changed = applied.changes().get("Item");
        assertTrue(changed.cleared());
        assertEquals(0, changed.size());
        assertNull(applied.changes().get("Other"));
        try (Snapshot s = core.snapshot()) {
            assertEquals(0, s.count("Item"));
            assertEquals(List.of(), indexIds(s, "uuid"));
            assertEquals(List.of(), indexIds(s, "tag"));
            assertEquals(0, s.maxId("Item"));
            assertEquals(1, s.count("Other"), "another collection is untouched");
        }
    }

    @Test
    void clear_thenPutInOneBatch_keepsOnlyTheNewObjectsAndReportsBoth() {
        commit(put(1, "u1", "red"), put(2, "u2", "red"));
        StoreCore.Applied applied = core.apply(blind(new WriteBatch.Clear("Item"), put(3, "u1", "red")));
        core.commit();

        assertEquals(ChangedIds.of(true, new long[] {3}, new long[0], new long[0]), applied.changes().get("Item"));
        try (Snapshot s = core.snapshot()) {
            assertEquals(1, s.count("Item"));
            assertEquals(3, s.firstOwner("Item", "uuid", key("u1")), "the clear freed the unique value");
            assertEquals(List.of(3L), indexIds(s, "tag"));
        }
    }

    @Test
    void clear_thenReopen_opensWithTheEmptyCounts() {
        commit(put(1, "u1", "red"), put(2, "u2", "blue"));
        commit(new WriteBatch.Clear("Item"));
        core.close();
        core = reopen();
        try (Snapshot s = core.snapshot()) {
            assertEquals(0, s.count("Item"));
            assertEquals(List.of(), indexIds(s, "tag"));
        }
    }

    // --- what a put must carry ---

    @Test
    void put_idZero_isRefusedNamingTheIdAndTheCollection() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> core.apply(blind(put(0, "u0"))));
        assertEquals("id 0 of collection 'Item' is not above 0", e.getMessage());
        try (Snapshot s = core.snapshot()) {
            assertEquals(0, s.count("Item"));
        }
    }

    @Test
    void put_negativeId_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> core.apply(blind(put(-1, "u"))));
        assertTrue(e.getMessage().startsWith("id -1 of collection 'Item'"), e.getMessage());
    }

    @Test
    void put_idOne_isTheLowestIdAccepted() {
        commit(put(1, "u1"));
        try (Snapshot s = core.snapshot()) {
            assertNotNull(s.get("Item", 1));
            assertEquals(1, s.maxId("Item"));
        }
    }

    @Test
    void put_largestId_isStoredAndIndexed() {
        commit(put(Long.MAX_VALUE, "u", "red"));
        try (Snapshot s = core.snapshot()) {
            assertEquals(Long.MAX_VALUE, s.maxId("Item"));
            assertEquals(Long.MAX_VALUE, s.firstOwner("Item", "tag", key("red")));
        }
    }

    @Test
    void put_withTheWrongNumberOfIndexSlots_isRefusedNamingBothCounts() {
        byte[][][] oneSlot = {{key("u")}};
        WriteBatch.Put bad = new WriteBatch.Put("Item", 1, Records.encode(oneSlot, new byte[0]), oneSlot);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> core.apply(blind(bad)));
        assertEquals("a put into 'Item' carries 1 index slots; the collection has 2", e.getMessage());
    }

    @Test
    void apply_unknownCollection_isRefusedNamingItAndTheInstance() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> core.apply(blind(new WriteBatch.Delete("Nope", 1))));
        assertEquals("no collection 'Nope' in instance 'test'", e.getMessage());
    }

    @Test
    void apply_failedBatch_takesNoVersionAndLeavesTheStoreWritable() {
        long v = commit(put(1, "u1"));
        assertThrows(IllegalArgumentException.class, () -> core.apply(blind(put(2, "u2"), put(0, "u0"))));
        assertFalse(core.isBroken());
        assertEquals(v + 1, core.apply(blind(put(3, "u3"))).version());
        core.commit();
        try (Snapshot s = core.snapshot()) {
            assertNull(s.get("Item", 2), "the first put of the failed batch was undone");
            assertEquals(2, s.count("Item"));
        }
    }

    @Test
    void apply_manyIdsOverSeveralCollections_reportsEachIdUnderItsCollection() {
        List<WriteBatch.Op> ops = new ArrayList<>();
        long[] items = new long[20];
        for (int i = 0; i < 20; i++) {
            items[i] = 100 - i;
            ops.add(put(100 - i, "u" + i));
            ops.add(other(i + 1));
        }
        StoreCore.Applied applied = core.apply(new WriteBatch(0, ops, WriteBatch.ReadSet.NONE, false));
        core.commit();
        assertEquals(ChangedIds.of(false, items, new long[0], new long[0]), applied.changes().get("Item"));
        assertEquals(20, applied.changes().get("Other").size());
        assertArrayEquals(new long[] {1, 2, 3}, java.util.Arrays.copyOf(applied.changes().get("Other").toArray(), 3));
    }

    // --- conflicts after a clear ---

    @Test
    void apply_readAnObjectRacingAClear_conflicts() {
        long read = commit(put(1, "u1"), put(2, "u2"));
        commit(new WriteBatch.Clear("Item")); // the racing commit

        WriteBatch lostUpdate = reading(read, Set.of(), Map.of("Item", Set.of(1L)), put(1, "u1", "again"));
        RuntimeException e = Faults.require(Fault.TRANSACTION_CONFLICT, assertThrows(RuntimeException.class, () -> core.apply(lostUpdate)));
        assertTrue(e.getMessage().contains("Item object 1"), e.getMessage());
        try (Snapshot s = core.snapshot()) {
            assertEquals(0, s.count("Item"), "the conflicting batch wrote nothing");
        }
    }

    @Test
    void apply_readAnAbsentIdRacingAClear_conflicts() {
        long read = commit(put(1, "u1"));
        commit(new WriteBatch.Clear("Item"));
        Faults.require(Fault.TRANSACTION_CONFLICT, assertThrows(RuntimeException.class, () -> core.apply(reading(read, Set.of(), Map.of("Item", Set.of(99L)), put(99, "u99")))));
    }

    @Test
    void apply_readTheCollectionRacingAClear_conflicts() {
        long read = commit(put(1, "u1"));
        commit(new WriteBatch.Clear("Item"));
        Faults.require(Fault.TRANSACTION_CONFLICT, assertThrows(RuntimeException.class, () -> core.apply(reading(read, Set.of("Item"), Map.of(), put(2, "u2")))));
    }

    @Test
    void apply_readAnotherCollectionRacingAClear_doesNotConflict() {
        long read = commit(put(1, "u1"), other(1));
        commit(new WriteBatch.Clear("Item"));
        StoreCore.Applied applied = core.apply(reading(read, Set.of("Other"), Map.of("Other", Set.of(1L)),
                other(2)));
        assertEquals(read + 2, applied.version());
    }

    @Test
    void apply_readAfterTheClear_doesNotConflict() {
        commit(put(1, "u1"));
        long afterClear = commit(new WriteBatch.Clear("Item"));
        StoreCore.Applied applied = core.apply(reading(afterClear, Set.of("Item"), Map.of("Item", Set.of(1L)),
                put(1, "u1")));
        assertEquals(afterClear + 1, applied.version());
    }
}
