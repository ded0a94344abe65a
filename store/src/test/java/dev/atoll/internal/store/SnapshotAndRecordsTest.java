package dev.atoll.internal.store;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import org.h2.mvstore.Cursor;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reading a snapshot, the record layout, and the store options. */
class SnapshotAndRecordsTest {
    private static final CollectionDef ITEMS = new CollectionDef("Item", List.of(
            new CollectionDef.IndexDef("tag", false, false)));

    @TempDir
    Path dir;

    private static WriteBatch.Put put(long id, String tag) {
        byte[][][] keys = {{(tag + "\u0000").getBytes(StandardCharsets.UTF_8)}};
        return new WriteBatch.Put("Item", id, Records.encode(keys, new byte[] {(byte) id}), keys);
    }

    private StoreCore open() {
        StoreCore core = StoreCore.open(dir, "snap", StoreOptions.DEFAULT);
        core.define(List.of(ITEMS), Map.of("Item", new byte[] {7, 8}));
        core.commit();
        return core;
    }

    @Test
    void snapshot_readsRecordsCursorsAndIndexEntries() {
        StoreCore core = open();
        try {
            core.apply(new WriteBatch(0, List.of(put(3, "b"), put(1, "a"), put(2, "b")), WriteBatch.ReadSet.NONE,
                    false));
            core.commit();
            try (Snapshot s = core.snapshot()) {
                assertEquals(3, s.maxId("Item"));
                assertTrue(s.contains("Item", 2));
                assertFalse(s.contains("Item", 4));
                List<Long> from2 = new ArrayList<>();
                Cursor<Long, byte[]> c = s.records("Item", 2);
                while (c.hasNext()) {
                    from2.add(c.next());
                }
                assertEquals(List.of(2L, 3L), from2);
                List<Long> owners = new ArrayList<>();
                Cursor<byte[], Boolean> ix = s.indexEntries("Item", "tag", "b\u0000".getBytes(StandardCharsets.UTF_8));
                while (ix.hasNext()) {
                    owners.add(IndexEntries.entryId(ix.next()));
                }
                assertEquals(List.of(2L, 3L), owners);
                assertEquals(2, s.firstOwner("Item", "tag", "b\u0000".getBytes(StandardCharsets.UTF_8)));
                assertEquals(0, s.firstOwner("Item", "tag", "c\u0000".getBytes(StandardCharsets.UTF_8)));
                assertEquals(0, s.firstOwner("Item", "tag", "b".getBytes(StandardCharsets.UTF_8)),
                        "a prefix of a key is not the key");
            }
            assertArrayEquals(new byte[] {7, 8}, core.layouts().get("Item"));
            assertEquals(Set.of("Item"), core.layouts().keySet());
            assertEquals("snap", core.name());
            assertEquals(dir.resolve("snap.atoll"), core.file());
        } finally {
            core.close();
        }
    }

    @Test
    void snapshot_unknownCollectionOrIndex_isRefusedNamingIt() {
        StoreCore core = open();
        try (Snapshot s = core.snapshot()) {
            IllegalArgumentException noColl = assertThrows(IllegalArgumentException.class, () -> s.count("Nope"));
            assertEquals("no collection 'Nope' in this instance", noColl.getMessage());
            IllegalArgumentException noIndex = assertThrows(IllegalArgumentException.class,
                    () -> s.firstOwner("Item", "nope", new byte[] {1}));
            assertEquals("no index 'nope' in collection 'Item'", noIndex.getMessage());
            assertEquals(0, s.maxId("Item"), "an empty collection's highest id is 0");
        } finally {
            core.close();
        }
    }

    @Test
    void snapshot_heldAcrossCommits_staysReadableUntilClosed() {
        StoreCore core = open();
        try {
            Snapshot held = core.snapshot();
            for (int i = 1; i <= 3; i++) {
                core.apply(new WriteBatch(0, List.of(put(i, "t")), WriteBatch.ReadSet.NONE, false));
                core.commit();
            }
            assertEquals(0, held.count("Item"));
            held.close();
            try (Snapshot now = core.snapshot()) {
                assertEquals(3, now.count("Item"));
                assertEquals(core.committedVersion(), now.version());
            }
        } finally {
            core.close();
        }
    }

    @Test
    void entry_isTheKeyThenTheIdBigEndian() {
        byte[] entry = IndexEntries.entry(new byte[] {9}, 0x0102030405060708L);
        assertArrayEquals(new byte[] {9, 1, 2, 3, 4, 5, 6, 7, 8}, entry);
        assertEquals(0x0102030405060708L, IndexEntries.entryId(entry));
        assertTrue(IndexEntries.isNullKey(new byte[] {0}));
        assertFalse(IndexEntries.isNullKey(new byte[] {1}));
        assertFalse(IndexEntries.isNullKey(new byte[] {0, 0}));
    }

    @Test
    void records_varIntsAtEachLengthBoundary_roundTrip() {
        for (int len : new int[] {0, 1, 127, 128, 16_383, 16_384}) {
            byte[][][] keys = {{new byte[len]}};
            byte[] record = Records.encode(keys, new byte[] {42});
            assertEquals(len, Records.keys(record)[0][0].length, "key of " + len + " bytes");
            assertArrayEquals(new byte[] {42}, Records.value(record));
            assertEquals(record.length - 1, Records.valueOffset(record));
        }
        assertEquals(1, Records.varIntSize(127));
        assertEquals(2, Records.varIntSize(128));
        assertEquals(3, Records.varIntSize(16_384));
        assertEquals(5, Records.varIntSize(Integer.MAX_VALUE));
    }

    @Test
    void records_damagedKeySections_areCorruptNeverAnotherException() {
        byte[][] damaged = {
            {(byte) 0x80},                                   // a varint that ends early
            {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1}, // longer than 5 bytes
            {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x0F},  // negative
            {9},                                             // more slots than bytes
            {1, 9},                                          // more keys than bytes
            {1, 1, 5, 1},                                    // a key past the end
        };
        for (byte[] record : damaged) {
            Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> Records.keys(record), java.util.Arrays.toString(record)));
        }
        Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> Records.valueOffset(new byte[] {1, 1, 5, 1})));
        Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> Records.value(new byte[] {(byte) 0x80})));
    }

    @Test
    void storeOptions_validateCopyAndCompare() {
        assertThrows(NullPointerException.class, () -> new StoreOptions(null, 1));
        IllegalArgumentException cache = assertThrows(IllegalArgumentException.class,
                () -> new StoreOptions(StoreOptions.Durability.SYNC, -1));
        assertEquals("cacheSizeMb must not be negative: -1", cache.getMessage());
        assertEquals(0, new StoreOptions(StoreOptions.Durability.SYNC, 0).cacheSizeMb());
        assertThrows(IllegalArgumentException.class, () -> StoreOptions.DEFAULT.withEncryptionKey(new char[0]));

        char[] key = {'k', 'e', 'y'};
        StoreOptions encrypted = StoreOptions.DEFAULT.withEncryptionKey(key);
        key[0] = 'X';
        assertArrayEquals(new char[] {'k', 'e', 'y'}, encrypted.encryptionKey(), "the key is copied in");
        encrypted.encryptionKey()[0] = 'Y';
        assertArrayEquals(new char[] {'k', 'e', 'y'}, encrypted.encryptionKey(), "and copied out");
        assertTrue(encrypted.encrypted());
        assertFalse(StoreOptions.DEFAULT.encrypted());
        assertNull(StoreOptions.DEFAULT.encryptionKey());
        assertFalse(encrypted.toString().contains("key"), encrypted.toString());
        assertTrue(encrypted.toString().contains("encrypted=true"), encrypted.toString());

        assertEquals(StoreOptions.DEFAULT, new StoreOptions(StoreOptions.Durability.SYNC, 16));
        assertEquals(StoreOptions.DEFAULT.hashCode(), new StoreOptions(StoreOptions.Durability.SYNC, 16).hashCode());
        assertEquals(encrypted, StoreOptions.DEFAULT.withEncryptionKey(new char[] {'k', 'e', 'y'}));
        assertNotEquals(StoreOptions.DEFAULT, encrypted);
        assertNotEquals(StoreOptions.DEFAULT, new StoreOptions(StoreOptions.Durability.WRITE, 16));
        assertNotEquals(StoreOptions.DEFAULT, new StoreOptions(StoreOptions.Durability.SYNC, 8));
        assertNotEquals(StoreOptions.DEFAULT, StoreOptions.DEFAULT.withFilePermissions(null));
        assertNotEquals(StoreOptions.DEFAULT, StoreOptions.DEFAULT.withFileNamePrefix("x:"));
        assertNotEquals(StoreOptions.DEFAULT, "options");
        assertEquals("", StoreOptions.DEFAULT.withFileNamePrefix(null).fileNamePrefix());
        assertNull(StoreOptions.DEFAULT.withFilePermissions(null).filePermissions());
        assertEquals(StoreOptions.OWNER_ONLY, StoreOptions.DEFAULT.filePermissions());
    }

    @Test
    void directoryPermissions_addExecuteWhereReadIsAllowed() {
        assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE,
                PosixFilePermission.OWNER_EXECUTE), StoreFile.directoryPermissions(StoreOptions.OWNER_ONLY));
        assertEquals(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_EXECUTE,
                PosixFilePermission.GROUP_READ, PosixFilePermission.GROUP_EXECUTE,
                PosixFilePermission.OTHERS_READ, PosixFilePermission.OTHERS_EXECUTE),
                StoreFile.directoryPermissions(EnumSet.of(PosixFilePermission.OWNER_READ,
                        PosixFilePermission.GROUP_READ, PosixFilePermission.OTHERS_READ)));
        assertEquals(EnumSet.of(PosixFilePermission.GROUP_WRITE),
                StoreFile.directoryPermissions(EnumSet.of(PosixFilePermission.GROUP_WRITE)));
    }
}
