package dev.atoll;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * When a query watcher runs its query again ({@code Watchers.QueryTarget}): a commit that touches an
 * object matching its where clauses (on the id or an index) and filters, one that removes an object from
 * its results or shifts them (an offset), and a clear. Each expected delivery is also a barrier: a
 * watcher's messages come in commit order, so a delivery missed or sent too early shows up as the wrong
 * next message.
 */
class QueryWatchTest {
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("QueryWatchTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private static void put(Atoll db, long id, String name, int size) {
        db.writeTxnSync(() -> db.collection(WatchedItem.class).put(new WatchedItem(id, name, size)));
    }

    private static List<String> names(List<WatchedItem> items) {
        return items.stream().map(i -> i.name).toList();
    }

    @Test
    void whereOnTheId_objectsEnteringTheRange_deliverAtItsBoundsOnly() {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "idRange");
        try {
            TestProbe<List<String>> probe = kit.createTestProbe();
            db.collection(WatchedItem.class).query().where(Where.between("id", 2L, 4L))
                    .watch(probe.getRef(), QueryWatchTest::names);
            put(db, 1, "below", 0);
            put(db, 5, "above", 0);
            put(db, 2, "low", 0);
            assertEquals(List.of("low"), probe.receiveMessage(), "nothing for ids 1 and 5");
            put(db, 4, "high", 0);
            assertEquals(List.of("low", "high"), probe.receiveMessage());
            put(db, 3, "mid", 0);
            assertEquals(List.of("low", "mid", "high"), probe.receiveMessage());
        } finally {
            db.close();
        }
    }

    @Test
    void whereOnAnIndexAndAFilter_onlyMatchingObjectsDeliver() {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "indexFilter");
        try {
            TestProbe<List<String>> probe = kit.createTestProbe();
            db.collection(WatchedItem.class).query().where(Where.startsWith("name", "m"))
                    .filter(Filter.greaterThan("size", 10)).watch(probe.getRef(), QueryWatchTest::names);
            put(db, 1, "other", 50);
            put(db, 2, "mini", 5);
            put(db, 3, "max", 20);
            assertEquals(List.of("max"), probe.receiveMessage(), "nothing for a name or a size that does not match");
            put(db, 3, "max", 2);
            assertEquals(List.of(), probe.receiveMessage(), "the object left the results");
            put(db, 4, "mega", 11);
            assertEquals(List.of("mega"), probe.receiveMessage());
        } finally {
            db.close();
        }
    }

    @Test
    void offset_deleteOfASkippedObject_shiftsTheResults() {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "offset");
        try {
            put(db, 1, "a", 0);
            put(db, 2, "b", 0);
            put(db, 3, "c", 0);
            TestProbe<List<String>> probe = kit.createTestProbe();
            db.collection(WatchedItem.class).query().sortBy("name").offset(1)
                    .watch(WatchOptions.fireImmediately(), probe.getRef(), QueryWatchTest::names);
            assertEquals(List.of("b", "c"), probe.receiveMessage());
            db.writeTxnSync(() -> db.collection(WatchedItem.class).delete(1));
            assertEquals(List.of("c"), probe.receiveMessage(), "object 1 was skipped, not in the results");
        } finally {
            db.close();
        }
    }

    @Test
    void clear_emptiesTheResults() {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "clear");
        try {
            put(db, 1, "a", 0);
            TestProbe<List<String>> probe = kit.createTestProbe();
            db.collection(WatchedItem.class).query().where(Where.any("name"))
                    .watch(WatchOptions.fireImmediately(), probe.getRef(), QueryWatchTest::names);
            assertEquals(List.of("a"), probe.receiveMessage());
            db.writeTxnSync(() -> db.collection(WatchedItem.class).clear());
            assertEquals(List.of(), probe.receiveMessage());
            put(db, 2, "b", 0);
            assertEquals(List.of("b"), probe.receiveMessage());
        } finally {
            db.close();
        }
    }
}
