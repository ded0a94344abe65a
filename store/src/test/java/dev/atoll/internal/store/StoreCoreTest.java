package dev.atoll.internal.store;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import dev.atoll.feed.ChangedIds;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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

class StoreCoreTest {
    private static final CollectionDef ITEMS = new CollectionDef("Item", List.of(
            new CollectionDef.IndexDef("uuid", true, false),
            new CollectionDef.IndexDef("tag", false, false)));
    private static final CollectionDef REPLACING = new CollectionDef("Item", List.of(
            new CollectionDef.IndexDef("uuid", true, true),
            new CollectionDef.IndexDef("tag", false, false)));

    @TempDir
    Path dir;

    private static StoreCore open(Path dir, CollectionDef def) {
        StoreCore core = StoreCore.open(dir, "test", StoreOptions.DEFAULT);
        core.define(List.of(def), Map.of(def.name(), new byte[] {1}));
        core.commit();
        return core;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static WriteBatch.Put put(long id, String value, String uuid, String... tags) {
        byte[][] tagKeys = new byte[tags.length][];
        for (int i = 0; i < tags.length; i++) {
            tagKeys[i] = key(tags[i]);
        }
        byte[][][] keys = {{key(uuid)}, tagKeys};
        return new WriteBatch.Put("Item", id, Records.encode(keys, bytes(value)), keys);
    }

    /** A prefix-free key: the string and a terminator. */
    private static byte[] key(String s) {
        byte[] b = bytes(s + "\u0000");
        return b;
    }

    private static WriteBatch blind(WriteBatch.Op... ops) {
        return new WriteBatch(0, List.of(ops), WriteBatch.ReadSet.NONE, false);
    }

    private static String value(Snapshot s, long id) {
        byte[] record = s.get("Item", id);
        return record == null ? null : new String(Records.value(record), StandardCharsets.UTF_8);
    }

    @Tag("slow") // writes 20 MB: mutation testing leaves it out (tests/pom.xml)
    @Test
    void mvstore_autoCommitDisabledAlone_stillWritesAPartialBatch() throws Exception {
        // Pins the behaviour of h2-mvstore 2.4.240 that StoreCore works around: the auto-commit
        // delay of 0 does not stop MVStore from saving a big uncommitted batch on its own, once its
        // unsaved memory passes autoCommitBufferSize (about 19 MB by default).
        Path file = dir.resolve("plain.mv");
        MVStore store = new MVStore.Builder().fileName(file.toString()).autoCommitDisabled().open();
        MVMap<Integer, byte[]> map = store.openMap("m");
        map.put(0, new byte[10]);
        store.commit();
        for (int i = 1; i <= 40_000; i++) {
            map.put(i, new byte[1000]);
        }
        store.closeImmediately();
        MVStore reopened = new MVStore.Builder().fileName(file.toString()).open();
        int size = reopened.openMap("m").size();
        reopened.close();
        assertTrue(size > 1, "expected MVStore 2.4.240 to have saved part of the batch, found " + size);
    }

    @Test
    void apply_bigBatchNeverCommitted_leavesNothingInTheFile() {
        StoreCore core = open(dir, ITEMS);
        core.apply(blind(put(1, "kept", "u1")));
        core.commit();
        List<WriteBatch.Op> ops = new ArrayList<>();
        for (int i = 2; i < 40_000; i++) {
            ops.add(put(i, "x".repeat(1000), "u" + i));
        }
        core.apply(blind(ops.toArray(WriteBatch.Op[]::new)));
        core.crashForTest();

        StoreCore reopened = open(dir, ITEMS);
        try (Snapshot s = reopened.snapshot()) {
            assertEquals(1, s.count("Item"));
            assertEquals("kept", value(s, 1));
            assertEquals(1, s.version());
        } finally {
            reopened.close();
        }
    }

    @Test
    void commit_thenReopen_keepsDataIndexesAndVersion() {
        StoreCore core = open(dir, ITEMS);
        core.apply(blind(put(1, "a", "u1", "red"), put(2, "b", "u2", "red", "blue")));
        assertEquals(1, core.commit());
        core.close();

        StoreCore reopened = open(dir, ITEMS);
        try (Snapshot s = reopened.snapshot()) {
            assertEquals(1, s.version());
            assertEquals("b", value(s, 2));
            assertEquals(2, s.firstOwner("Item", "uuid", key("u2")));
            assertEquals(1, s.firstOwner("Item", "tag", key("red")));
            assertEquals(2, s.firstOwner("Item", "tag", key("blue")));
            assertEquals(2, s.maxId("Item"));
        } finally {
            reopened.close();
        }
    }

    @Test
    void snapshot_takenBeforeACommit_doesNotSeeIt() {
        StoreCore core = open(dir, ITEMS);
        core.apply(blind(put(1, "a", "u1")));
        core.commit();
        try (Snapshot before = core.snapshot()) {
            core.apply(blind(put(1, "changed", "u1"), put(2, "b", "u2")));
            try (Snapshot uncommitted = core.snapshot()) {
                assertEquals(1, uncommitted.count("Item"), "applied but uncommitted writes must be invisible");
            }
            core.commit();
            assertEquals("a", value(before, 1));
            assertEquals(1, before.count("Item"));
            try (Snapshot after = core.snapshot()) {
                assertEquals("changed", value(after, 1));
                assertEquals(2, after.count("Item"));
            }
        } finally {
            core.close();
        }
    }

    @Test
    void apply_uniqueViolation_failsWholeBatchAndLeavesMapsAsTheyWere() {
        StoreCore core = open(dir, ITEMS);
        core.apply(blind(put(1, "a", "u1", "red")));
        core.commit();
        RuntimeException e = Faults.require(Fault.UNIQUE_VIOLATION, assertThrows(RuntimeException.class, () -> core.apply(blind(
                put(2, "b", "u2", "green"), new WriteBatch.Delete("Item", 1), put(3, "c", "u2")))));
        assertTrue(e.getMessage().contains("'uuid'") && e.getMessage().contains("'Item'"), e.getMessage());
        core.apply(blind(put(4, "d", "u4")));
        core.commit();
        try (Snapshot s = core.snapshot()) {
            assertEquals("a", value(s, 1));
            assertNull(value(s, 2));
            assertEquals(0, s.firstOwner("Item", "tag", key("green")));
            assertEquals(1, s.firstOwner("Item", "tag", key("red")));
            assertEquals(1, s.firstOwner("Item", "uuid", key("u1")));
            assertEquals(2, s.count("Item"));
            assertEquals(2, s.version(), "the failed batch must not take a version");
        } finally {
            core.close();
        }
    }

    @Test
    void apply_replaceIndex_deletesTheObjectThatHeldTheValue() {
        StoreCore core = open(dir, REPLACING);
        core.apply(blind(put(1, "a", "u1", "red")));
        StoreCore.Applied applied = core.apply(blind(put(2, "b", "u1", "blue")));
        core.commit();
        assertEquals(ChangedIds.of(false, new long[] {2}, new long[0], new long[] {1}), applied.changes().get("Item"));
        try (Snapshot s = core.snapshot()) {
            assertNull(value(s, 1));
            assertEquals(2, s.firstOwner("Item", "uuid", key("u1")));
            assertEquals(0, s.firstOwner("Item", "tag", key("red")));
        } finally {
            core.close();
        }
    }

    @Test
    void applyMigration_replacingIndexMeetsARepeatedValue_failsWholeBatchAndDeletesNothing() {
        StoreCore core = open(dir, REPLACING);
        core.apply(blind(put(1, "a", "u1", "red"), put(2, "b", "u2", "blue")));
        core.commit();
        // a rebuild whose new keys repeat u1: a put would replace object 1, a migration must not
        RuntimeException e = Faults.require(Fault.UNIQUE_VIOLATION, assertThrows(RuntimeException.class, () -> core.applyMigration(
                blind(new WriteBatch.Clear("Item"), put(1, "a", "u1", "red"), put(2, "b", "u1", "blue")))));
        assertTrue(e.getMessage().contains("'uuid'") && e.getMessage().contains("object 1"), e.getMessage());
        core.commit();
        try (Snapshot s = core.snapshot()) {
            assertEquals("a", value(s, 1));
            assertEquals("b", value(s, 2));
            assertEquals(2, s.firstOwner("Item", "uuid", key("u2")));
            assertEquals(1, s.firstOwner("Item", "tag", key("red")));
        } finally {
            core.close();
        }
    }

    @Test
    void applyMigration_distinctValues_rebuildsTheKeys() {
        StoreCore core = open(dir, REPLACING);
        core.apply(blind(put(1, "a", "u1", "red"), put(2, "b", "u2", "blue")));
        core.commit();
        StoreCore.Applied applied = core.applyMigration(
                blind(new WriteBatch.Clear("Item"), put(1, "a", "x1", "red"), put(2, "b", "x2", "green")));
        core.commit();
        assertEquals(2, applied.version());
        try (Snapshot s = core.snapshot()) {
            assertEquals(2, s.firstOwner("Item", "uuid", key("x2")));
            assertEquals(0, s.firstOwner("Item", "uuid", key("u2")));
            assertEquals(2, s.firstOwner("Item", "tag", key("green")));
            assertEquals(0, s.firstOwner("Item", "tag", key("blue")));
        } finally {
            core.close();
        }
    }

    @Test
    void apply_overwrite_movesIndexEntries() {
        StoreCore core = open(dir, ITEMS);
        core.apply(blind(put(1, "a", "u1", "red")));
        core.apply(blind(put(1, "a2", "u9", "blue")));
        core.commit();
        try (Snapshot s = core.snapshot()) {
            assertEquals(0, s.firstOwner("Item", "uuid", key("u1")));
            assertEquals(1, s.firstOwner("Item", "uuid", key("u9")));
            assertEquals(0, s.firstOwner("Item", "tag", key("red")));
            assertEquals(1, s.count("Item"));
        } finally {
            core.close();
        }
    }

    @Test
    void apply_clearThenFailure_restoresTheCollection() {
        StoreCore core = open(dir, ITEMS);
        core.apply(blind(put(1, "a", "u1"), put(2, "b", "u2")));
        core.commit();
        Faults.require(Fault.UNIQUE_VIOLATION, assertThrows(RuntimeException.class, () -> core.apply(blind(new WriteBatch.Clear("Item"),
                put(3, "c", "u3"), put(4, "d", "u3")))));
        core.apply(blind(put(5, "e", "u5")));
        core.commit();
        try (Snapshot s = core.snapshot()) {
            assertEquals(3, s.count("Item"));
            assertEquals("a", value(s, 1));
            assertEquals(2, s.firstOwner("Item", "uuid", key("u2")));
            assertEquals(0, s.firstOwner("Item", "uuid", key("u3")));
        } finally {
            core.close();
        }
    }

    @Test
    void apply_readObjectChangedSinceSnapshot_conflicts() {
        StoreCore core = open(dir, ITEMS);
        core.apply(blind(put(1, "a", "u1"), put(2, "b", "u2")));
        long v = core.commit();
        core.apply(blind(put(1, "a2", "u1")));
        core.commit();
        WriteBatch readOne = new WriteBatch(v, List.of(put(3, "c", "u3")),
                new WriteBatch.ReadSet(Set.of(), Map.of("Item", Set.of(1L))), false);
        Faults.require(Fault.TRANSACTION_CONFLICT, assertThrows(RuntimeException.class, () -> core.apply(readOne)));
        WriteBatch readTwo = new WriteBatch(v, List.of(put(3, "c", "u3")),
                new WriteBatch.ReadSet(Set.of(), Map.of("Item", Set.of(2L))), false);
        assertEquals(v + 2, core.apply(readTwo).version(), "object 2 did not change: no conflict");
        WriteBatch readAll = new WriteBatch(v, List.of(put(4, "d", "u4")),
                new WriteBatch.ReadSet(Set.of("Item"), Map.of()), false);
        Faults.require(Fault.TRANSACTION_CONFLICT, assertThrows(RuntimeException.class, () -> core.apply(readAll)));
        core.commit();
        core.close();
    }

    @Test
    void open_sameFileTwice_isLocked() {
        StoreCore core = open(dir, ITEMS);
        try {
            RuntimeException e = Faults.require(Fault.INSTANCE_LOCKED, assertThrows(RuntimeException.class, () -> StoreCore.open(dir, "test", StoreOptions.DEFAULT)));
            assertTrue(e.getMessage().contains("test.atoll"), e.getMessage());
        } finally {
            core.close();
        }
    }

    @Test
    void open_garbageFile_isCorrupt() throws Exception {
        Files.write(dir.resolve("test.atoll"), bytes("this is not a store ".repeat(500)));
        Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> StoreCore.open(dir, "test", StoreOptions.DEFAULT)));
    }

    @Test
    void define_collectionLeftOut_staysUntouched() {
        StoreCore core = StoreCore.open(dir, "test", StoreOptions.DEFAULT);
        CollectionDef other = new CollectionDef("Other", List.of());
        core.define(List.of(ITEMS, other), Map.of());
        core.apply(blind(put(1, "a", "u1"), new WriteBatch.Put("Other", 7, Records.encode(new byte[0][][],
                bytes("o")), new byte[0][][])));
        core.commit();
        core.close();

        StoreCore onlyItems = open(dir, ITEMS);
        assertThrows(IllegalArgumentException.class, () -> onlyItems.apply(blind(new WriteBatch.Clear("Other"))));
        onlyItems.close();

        StoreCore both = StoreCore.open(dir, "test", StoreOptions.DEFAULT);
        both.define(List.of(ITEMS, other), Map.of());
        both.commit();
        try (Snapshot s = both.snapshot()) {
            assertNotNull(s.get("Other", 7));
        } finally {
            both.close();
        }
    }

    @Test
    void records_keysAndValue_roundTrip() {
        byte[][][] keys = {{bytes("a"), bytes("bc")}, {}, {new byte[300]}};
        byte[] record = Records.encode(keys, bytes("value"));
        byte[][][] back = Records.keys(record);
        assertEquals(3, back.length);
        assertArrayEquals(bytes("bc"), back[0][1]);
        assertEquals(0, back[1].length);
        assertEquals(300, back[2][0].length);
        assertArrayEquals(bytes("value"), Records.value(record));
        Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> Records.keys(new byte[] {5, 1, 100})));
        assertFalse(Records.valueOffset(Records.encode(new byte[0][][], new byte[0])) != 1);
    }

    @Test
    void lastId_deletedClearedOrRefused_keepsTheLargestCommittedId() {
        StoreCore core = open(dir, ITEMS);
        assertEquals(0, core.lastId("Item"));
        assertEquals(0, core.lastId("Unknown"));
        core.apply(blind(put(9, "nine", "u9"), put(5, "five", "u5")));
        core.commit();
        assertEquals(9, core.lastId("Item"));
        core.apply(blind(new WriteBatch.Delete("Item", 9), new WriteBatch.Clear("Item")));
        core.commit();
        assertEquals(9, core.lastId("Item"), "deleted and cleared ids stay taken");
        Faults.require(Fault.UNIQUE_VIOLATION, assertThrows(RuntimeException.class, () -> core.apply(blind(put(20, "twenty", "u20"), put(30, "thirty", "u20")))));
        assertEquals(9, core.lastId("Item"), "a refused batch gives no id");
        core.apply(blind(put(7, "seven", "u7")));
        core.commit();
        assertEquals(9, core.lastId("Item"), "a smaller id does not lower it");
        core.close();
        StoreCore reopened = open(dir, ITEMS);
        assertEquals(9, reopened.lastId("Item"));
        reopened.close();
    }
}
