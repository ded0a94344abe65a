package dev.atoll.internal.store;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Edges of the store's write path: records whose key slots no longer match, and collections it never saw. */
class StoreCoreEdgesTest {
    private static final CollectionDef ONE_INDEX = new CollectionDef("Item", List.of(
            new CollectionDef.IndexDef("a", false, false)));
    private static final CollectionDef TWO_INDEXES = new CollectionDef("Item", List.of(
            new CollectionDef.IndexDef("a", false, false), new CollectionDef.IndexDef("b", false, false)));

    @TempDir
    Path dir;

    private StoreCore core;

    @BeforeEach
    void open() {
        core = StoreCore.open(dir, "edges", StoreOptions.DEFAULT);
    }

    @AfterEach
    void close() {
        core.close();
    }

    private static WriteBatch.Put put(long id, String... slotKeys) {
        byte[][][] keys = new byte[slotKeys.length][][];
        for (int i = 0; i < slotKeys.length; i++) {
            keys[i] = new byte[][] {(slotKeys[i] + "\0").getBytes(StandardCharsets.UTF_8)};
        }
        return new WriteBatch.Put("Item", id, Records.encode(keys, new byte[] {(byte) id}), keys);
    }

    private void write(WriteBatch.Op op) {
        core.apply(new WriteBatch(0, List.of(op), WriteBatch.ReadSet.NONE, false));
        core.commit();
    }

    @Test
    void overwrite_storedRecordWithAnotherNumberOfKeySlots_isCorruptNamingBothCountsAndChangesNothing() {
        core.define(List.of(ONE_INDEX), Map.of());
        write(put(1, "x"));
        core.define(List.of(TWO_INDEXES), Map.of()); // without the migration that rebuilds the records
        RuntimeException e = Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> write(put(1, "y", "z"))));
        assertEquals("record 1 of collection 'Item' has 1 index slots; the collection has 2", e.getMessage());
        try (Snapshot s = core.snapshot()) {
            assertEquals(1, Records.keys(s.get("Item", 1)).length, "the stored record is as it was");
        }
    }

    @Test
    void lastId_collectionNeverDefined_isZero() {
        assertEquals(0, core.lastId("Nowhere"));
        core.define(List.of(ONE_INDEX), Map.of());
        write(put(41, "x"));
        assertEquals(41, core.lastId("Item"));
        assertEquals(0, core.lastId("Nowhere"));
    }

    @Test
    void snapshot_ofACollectionNeverDefined_isRefused() {
        try (Snapshot s = core.snapshot()) {
            assertThrows(IllegalArgumentException.class, () -> s.get("Nowhere", 1));
        }
        core.define(List.of(ONE_INDEX), Map.of());
        core.commit();
        try (Snapshot s = core.snapshot()) {
            assertNull(s.get("Item", 1));
        }
    }

    private static final CollectionDef UNIQUE = new CollectionDef("Item", List.of(
            new CollectionDef.IndexDef("u", true, false)));

    /** A put whose one index slot holds the given keys (raw bytes). */
    private static WriteBatch.Put putKeys(long id, byte[]... slotKeys) {
        byte[][][] keys = {slotKeys};
        return new WriteBatch.Put("Item", id, Records.encode(keys, new byte[] {(byte) id}), keys);
    }

    private static List<Long> owners(Snapshot s, String index) {
        List<Long> ids = new java.util.ArrayList<>();
        org.h2.mvstore.Cursor<byte[], Boolean> c = s.indexEntries("Item", index, new byte[0]);
        while (c.hasNext()) {
            ids.add(IndexEntries.entryId(c.next()));
        }
        return ids;
    }

    @Test
    void define_withoutAnIndexItHad_dropsTheIndexFromNewSnapshotsAndTheFile() {
        core.define(List.of(TWO_INDEXES), Map.of());
        write(put(1, "x", "y"));
        try (Snapshot s = core.snapshot()) {
            assertEquals(List.of(1L), owners(s, "b"));
        }
        core.define(List.of(new CollectionDef("Item", List.of(new CollectionDef.IndexDef("b", false, false)))),
                Map.of());
        core.commit();
        try (Snapshot s = core.snapshot()) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> owners(s, "a"));
            assertEquals("no index 'a' in collection 'Item'", e.getMessage());
            assertEquals(List.of(1L), owners(s, "b"), "the index kept is untouched");
        }
        core.close();
        core = StoreCore.open(dir, "edges", StoreOptions.DEFAULT); // its entry count went with it: opens clean
        core.define(List.of(TWO_INDEXES), Map.of());
        core.commit();
        try (Snapshot s = core.snapshot()) {
            assertEquals(List.of(), owners(s, "a"), "defined again: a new, empty index");
        }
    }

    @Test
    void put_uniqueIndex_manyNullKeysAndOneObjectHoldingAKeyTwice_areAllowed() {
        core.define(List.of(UNIQUE), Map.of());
        byte[] nul = {0};
        write(putKeys(1, nul));
        write(putKeys(2, nul)); // null values do not collide
        byte[] k = "k\0".getBytes(StandardCharsets.UTF_8);
        write(putKeys(3, k, k)); // one object, one key twice (a list with a repeated value)
        try (Snapshot s = core.snapshot()) {
            assertEquals(List.of(1L, 2L, 3L), owners(s, "u"));
            assertEquals(3, s.count("Item"));
        }
        Faults.require(Fault.UNIQUE_VIOLATION, assertThrows(RuntimeException.class, () -> write(putKeys(4, k))));
    }

    @Test
    void lastId_ofAnIdDeletedSince_staysTheLargestEverCommitted() {
        core.define(List.of(ONE_INDEX), Map.of());
        write(put(3, "x"));
        write(put(10, "x"));
        write(put(5, "x")); // smaller than the largest: the largest stays
        write(new WriteBatch.Delete("Item", 10));
        assertEquals(10, core.lastId("Item"));
        core.close();
        core = StoreCore.open(dir, "edges", StoreOptions.DEFAULT);
        assertEquals(10, core.lastId("Item"), "kept across a reopen");
    }

    @Test
    void snapshot_afterClose_isInstanceClosed() {
        core.close();
        RuntimeException e = Faults.require(Fault.INSTANCE_CLOSED, assertThrows(RuntimeException.class, core::snapshot));
        assertEquals("instance 'edges' is closed", e.getMessage());
        core = StoreCore.open(dir, "edges", StoreOptions.DEFAULT); // for close()
    }

    @Test
    void writeBatch_hasClear_onlyWithAClearAmongItsOps() {
        WriteBatch.Op clear = new WriteBatch.Clear("Item");
        WriteBatch.Op del = new WriteBatch.Delete("Item", 1);
        assertEquals(true, new WriteBatch(0, List.of(del, clear), WriteBatch.ReadSet.NONE, false).hasClear());
        assertEquals(false, new WriteBatch(0, List.of(del, put(1, "x")), WriteBatch.ReadSet.NONE, false).hasClear());
        assertEquals(false, new WriteBatch(0, List.of(), WriteBatch.ReadSet.NONE, false).hasClear());
    }

    @Test
    void options_theSameKeyInAnotherArray_isEqualWithTheSameHash_andAnotherKeyIsNot() {
        StoreOptions a = StoreOptions.DEFAULT.withEncryptionKey("secret".toCharArray());
        StoreOptions same = StoreOptions.DEFAULT.withEncryptionKey("secret".toCharArray());
        StoreOptions other = StoreOptions.DEFAULT.withEncryptionKey("secreT".toCharArray());
        assertEquals(a, same);
        assertEquals(a.hashCode(), same.hashCode());
        assertEquals(false, a.equals(other));
        assertEquals(false, a.hashCode() == other.hashCode(), "keys that differ hash apart");
    }

    @Test
    void define_indexAddedAndDroppedBeforeACommit_leavesNoTraceInTheSnapshot() {
        core.define(List.of(TWO_INDEXES), Map.of());
        core.define(List.of(ONE_INDEX), Map.of()); // 'b' was opened and is dropped before anything committed
        write(put(1, "x"));
        try (Snapshot s = core.snapshot()) {
            assertEquals(List.of(1L), owners(s, "a"));
            assertThrows(IllegalArgumentException.class, () -> owners(s, "b"));
        }
    }
}
