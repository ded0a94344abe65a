package dev.atoll.tests.values;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.AtollException;
import dev.atoll.internal.store.CollectionDef;
import dev.atoll.internal.store.Records;
import dev.atoll.internal.store.StoreCore;
import dev.atoll.internal.store.StoreOptions;
import dev.atoll.internal.store.WriteBatch;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Ids given by hand and auto-increment: big ids, clear, deletes and reopening never make an id come back. */
class IdsTest {
    private static ActorTestKit kit;

    @TempDir
    Path dir;
    private Atoll db;
    private AtollCollection<Defaults> coll;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("IdsTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @BeforeEach
    void open() {
        reopen();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void reopen() {
        if (db != null) {
            db.close();
        }
        db = Atoll.open(kit.system(), List.of(Defaults.class), dir, "ids");
        coll = db.collection(Defaults.class);
    }

    private static Defaults withId(long id) {
        Defaults d = new Defaults();
        d.id = id;
        return d;
    }

    private long putAuto() {
        return db.writeTxnSync(() -> coll.put(new Defaults()));
    }

    @Test
    void put_idAboveMaxId_refusedAndTheTransactionWritesNothing() {
        for (long id : new long[] {Long.MAX_VALUE, AtollCollection.MAX_ID + 1}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> db.writeTxnSync(() -> {
                coll.put(withId(5));
                return coll.put(withId(id));
            }));
            assertEquals("id " + id + " of an object of collection 'Defaults' is above 4611686018427387903"
                    + " (AtollCollection.MAX_ID), the largest id a put may give: larger ids are kept for"
                    + " auto-increment", e.getMessage());
            assertEquals(0, coll.count());
        }
        assertEquals(6, putAuto(), "a refused id does not move auto-increment (5, seen in the failed body, does)");
        assertEquals(4611686018427387903L, AtollCollection.MAX_ID);
    }

    @Test
    void autoIncrement_afterTheLargestIdByHand_keepsGivingIds() {
        assertEquals(AtollCollection.MAX_ID, (long) db.writeTxnSync(() -> coll.put(withId(AtollCollection.MAX_ID))));
        assertEquals(AtollCollection.MAX_ID + 1, putAuto());
        assertEquals(AtollCollection.MAX_ID + 2, putAuto());
        reopen();
        assertEquals(AtollCollection.MAX_ID + 3, putAuto());
        assertEquals(4, coll.count());
        assertEquals(AtollCollection.MAX_ID + 1, coll.get(AtollCollection.MAX_ID + 1).id);
    }

    @Test
    void putAll_importJsonAboveMaxId_refused() {
        assertThrows(IllegalArgumentException.class,
                () -> db.writeTxnSync(() -> coll.importJson("[{\"id\":9223372036854775807}]")));
        assertEquals(0, coll.count());
    }

    @Test
    void clear_autoIncrementContinues_alsoAfterReopening() {
        assertEquals(1, putAuto());
        assertEquals(2, putAuto());
        db.writeTxnSync(() -> coll.clear());
        assertEquals(3, putAuto(), "ids are never reused: Isar starts again at 1");
        db.writeTxnSync(() -> coll.clear());
        reopen();
        assertEquals(4, putAuto(), "not even after the file is reopened");
    }

    @Test
    void deleteHighest_reopened_idNotReused() {
        assertEquals(1, putAuto());
        long big = db.writeTxnSync(() -> coll.put(withId(1000)));
        db.writeTxnSync(() -> coll.delete(big));
        reopen();
        assertEquals(1001, putAuto());
        assertNull(coll.get(1000));
    }

    @Test
    void refusedTransaction_ids_notRecordedAsHeld() {
        assertThrows(IllegalStateException.class, () -> db.writeTxnSync(() -> {
            coll.put(withId(500));
            throw new IllegalStateException("body fails");
        }));
        reopen();
        assertEquals(1, putAuto(), "an id that was never committed is not held");
    }

    @Test
    void autoIncrement_fileHoldingLongMaxValue_refusedWithAClearMessage() {
        db.close();
        db = null;
        StoreCore core = StoreCore.open(dir, "old", StoreOptions.DEFAULT);
        core.define(List.of(new CollectionDef("Defaults", List.of(new CollectionDef.IndexDef("s", false, false)))),
                Map.of());
        byte[][][] keys = {{}};
        core.apply(new WriteBatch(0, List.of(new WriteBatch.Put("Defaults", Long.MAX_VALUE,
                Records.encode(keys, new byte[] {1}), keys)), WriteBatch.ReadSet.NONE, false));
        core.commit();
        assertEquals(Long.MAX_VALUE, core.lastId("Defaults"));
        assertEquals(0, core.lastId("Nothing"));
        core.close();
        db = Atoll.open(kit.system(), List.of(Defaults.class), dir, "old");
        coll = db.collection(Defaults.class);
        AtollException e = assertThrows(AtollException.class, this::putAuto);
        assertEquals("collection 'Defaults' has no auto-increment id left: it held the id 9223372036854775807;"
                + " give ids by hand (up to 4611686018427387903)", e.getMessage());
        assertEquals(3, (long) db.writeTxnSync(() -> coll.put(withId(3))), "ids by hand still work");
    }
}
