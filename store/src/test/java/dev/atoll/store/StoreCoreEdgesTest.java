package dev.atoll.store;

import dev.atoll.CorruptFileException;
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
        CorruptFileException e = assertThrows(CorruptFileException.class, () -> write(put(1, "y", "z")));
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
}
