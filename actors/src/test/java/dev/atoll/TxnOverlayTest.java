package dev.atoll;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * A write transaction's reads see its own staged writes ({@link Txn}'s overlay): get, count, and the
 * unique-index owner that a put with a replace index looks up, after puts, deletes, re-puts and clears
 * in the same transaction.
 */
class TxnOverlayTest {
    private static ActorTestKit kit;
    private static Atoll db;
    private static AtollCollection<QDoc> docs;

    @BeforeAll
    static void start(@TempDir Path dir) {
        kit = ActorTestKit.create("TxnOverlayTest");
        db = Atoll.open(kit.system(), List.of(QDoc.class), dir, "overlay");
        docs = db.collection(QDoc.class);
    }

    @AfterAll
    static void stop() {
        db.close();
        kit.shutdownTestKit();
    }

    /** Objects 1, 2 and 3 with keys k1, k2 and k3, and nothing else. */
    @BeforeEach
    void reset() {
        List<QDoc> base = new ArrayList<>();
        for (long id = 1; id <= 3; id++) {
            base.add(doc(id, "k" + id));
        }
        db.writeTxnSync(() -> {
            docs.clear();
            docs.putAll(base);
        });
    }

    private static QDoc doc(long id, String key) {
        QDoc d = new QDoc(id * 10, key, "t", "c", List.of(), 1);
        d.id = id;
        return d;
    }

    @Test
    void get_inWriteTxn_seesStagedPutsDeletesAndClears() {
        db.writeTxnSync(() -> {
            docs.put(doc(4, "k4"));
            assertEquals("k4", docs.get(4).key);
            assertEquals("k1", docs.get(1).key, "an object the transaction did not touch comes from the snapshot");
            docs.delete(2);
            assertNull(docs.get(2));
            docs.put(doc(2, "again"));
            assertEquals("again", docs.get(2).key);
            docs.clear();
            assertNull(docs.get(1));
            assertNull(docs.get(4), "a clear hides staged objects too");
            docs.put(doc(5, "k5"));
            assertEquals("k5", docs.get(5).key);
            assertNull(docs.get(3));
        });
        assertNull(docs.get(1));
        assertEquals("k5", docs.get(5).key);
    }

    @Test
    void count_inWriteTxn_addsInsertsAndSubtractsDeletesOfStoredObjectsOnly() {
        db.writeTxnSync(() -> {
            assertEquals(3, docs.count());
            docs.put(doc(10, "k10"));
            assertEquals(4, docs.count(), "an insert");
            docs.put(doc(1, "k1b"));
            assertEquals(4, docs.count(), "an update of a stored object");
            docs.delete(2);
            assertEquals(3, docs.count(), "a delete of a stored object");
            docs.delete(99);
            assertEquals(3, docs.count(), "a delete of nothing");
            docs.delete(10);
            assertEquals(2, docs.count(), "a delete of a staged insert");
            docs.clear();
            assertEquals(0, docs.count());
            docs.put(doc(7, "k7"));
            docs.put(doc(1, "k1c"));
            assertEquals(2, docs.count(), "after a clear every put is an insert, stored id or not");
        });
        assertEquals(2, docs.count());
    }

    @Test
    void uniqueReplace_keyMovedAwayInTheSameTxn_doesNotReplaceItsOldOwner() {
        db.writeTxnSync(() -> {
            docs.put(doc(1, "k9"));
            docs.put(doc(2, "k1"));
        });
        assertEquals("k9", docs.get(1).key, "object 1 gave up k1 before object 2 took it");
        assertEquals("k1", docs.get(2).key);
        assertEquals(3, docs.count());
    }

    @Test
    void uniqueReplace_keyStagedInTheSameTxn_replacesTheStagedOwner() {
        db.writeTxnSync(() -> {
            docs.put(doc(5, "x"));
            docs.put(doc(6, "x"));
            assertNull(docs.get(5), "replaced within the transaction");
            assertEquals(4, docs.count());
        });
        assertNull(docs.get(5));
        assertEquals("x", docs.get(6).key);
    }

    @Test
    void uniqueReplace_keyRePutInTheSameTxn_freesTheOldKey() {
        long[] assigned = new long[1];
        db.writeTxnSync(() -> {
            docs.put(doc(7, "a"));
            docs.put(doc(7, "b"));
            QDoc fresh = doc(0, "a");
            assigned[0] = docs.put(fresh);
        });
        assertNotEquals(7, assigned[0], "key a was no longer object 7's: the put takes a new id");
        assertEquals("b", docs.get(7).key);
        assertEquals("a", docs.get(assigned[0]).key);
    }

    @Test
    void uniqueReplace_afterAClear_findsNoStoredOwner() {
        long[] assigned = new long[1];
        db.writeTxnSync(() -> {
            docs.clear();
            assigned[0] = docs.put(doc(0, "k1"));
        });
        assertNotEquals(1, assigned[0], "the cleared object 1 held k1: its id is not taken over");
        assertNotNull(docs.get(assigned[0]));
        assertEquals(1, docs.count());
    }

    @Test
    void uniqueReplace_idLessPutOfAStoredKey_takesOverTheOwnersId() {
        long id = db.writeTxnSync(() -> docs.put(doc(0, "k2")));
        assertEquals(2, id);
        assertEquals(0, docs.get(2).at, "the new object (at 0), under the old one's id");
        assertEquals(3, docs.count());
    }
}
