package dev.atoll;

import dev.atoll.internal.watch.Watchers;

import dev.atoll.feed.ChangeEvent;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Watcher internals that need package access: lost events (a test hook drops them on purpose, as
 * Pekko's at-most-once delivery may), silent commits, and the count of live watcher actors.
 */
class WatchersInternalTest {
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("WatchersInternalTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private static void put(Atoll db, long id, String name, int size) {
        db.writeTxnSync(() -> db.collection(WatchedItem.class).put(new WatchedItem(id, name, size)));
    }

    @Test
    void watchObject_eventLost_reReadsAndDeliversTheChange() {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "lostObject");
        try {
            TestProbe<String> probe = kit.createTestProbe();
            WatchOptions dropSecond = WatchOptions.defaults().droppingEvents(n -> n == 2);
            db.collection(WatchedItem.class).watchObject(dropSecond, 1, probe.getRef(),
                    item -> item == null ? "gone" : item.name);
            put(db, 1, "a", 1);
            probe.expectMessage("a");
            put(db, 1, "b", 1);          // its event is dropped
            put(db, 2, "other", 1);      // the next event shows the gap: the watcher re-reads object 1
            probe.expectMessage("b");    // the watcher's next message, whenever it came
            put(db, 3, "other", 1);      // nothing lost, object 1 untouched: nothing
            db.writeTxnSync(() -> db.collection(WatchedItem.class).delete(1));
            probe.expectMessage("gone");
            put(db, 1, "back", 1);       // a barrier: the watcher's messages arrive in commit order, so a
            probe.expectMessage("back"); // duplicate "gone" or a message for 2 or 3 would come first
        } finally {
            db.close();
        }
    }

    @Test
    void watchObject_eventLostButObjectUnchanged_deliversNothing() {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "lostOther");
        try {
            TestProbe<String> probe = kit.createTestProbe();
            WatchOptions dropFirst = WatchOptions.defaults().droppingEvents(n -> n == 1);
            db.collection(WatchedItem.class).watchObject(dropFirst, 1, probe.getRef(),
                    item -> item == null ? "gone" : item.name);
            put(db, 2, "x", 1);          // dropped; did not touch object 1
            put(db, 3, "y", 1);          // gap seen; object 1 is as it was: nothing
            put(db, 1, "a", 1);
            probe.expectMessage("a");    // the first message: nothing came for the dropped event or the gap
            put(db, 1, "a2", 1);
            probe.expectMessage("a2");   // and nothing came in between
        } finally {
            db.close();
        }
    }

    @Test
    void watchLazy_eventLost_firesOnceAtTheNextEvent() {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class, Other.class), dir, "lostLazy");
        try {
            TestProbe<String> probe = kit.createTestProbe();
            WatchOptions dropFirst = WatchOptions.defaults().droppingEvents(n -> n == 1);
            db.collection(WatchedItem.class).watchLazy(dropFirst, probe.getRef(), "changed");
            put(db, 1, "a", 1);                                                 // dropped
            db.writeTxnSync(() -> db.collection(Other.class).put(new Other()));  // gap: fires once
            probe.expectMessage("changed");
            db.writeTxnSync(() -> db.collection(Other.class).put(new Other()));  // no gap, other collection
            probe.expectNoMessage(Duration.ofMillis(150));
        } finally {
            db.close();
        }
    }

    @Test
    void queryWatch_eventLost_reRunsTheQuery() {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "lostQuery");
        try {
            TestProbe<List<String>> probe = kit.createTestProbe();
            WatchOptions dropFirst = WatchOptions.defaults().droppingEvents(n -> n == 1);
            db.collection(WatchedItem.class).query().filter(Filter.greaterThan("size", 10)).sortBy("name")
                    .watch(dropFirst, probe.getRef(), items -> items.stream().map(i -> i.name).toList());
            put(db, 1, "big", 20);       // dropped
            put(db, 2, "small", 1);      // does not match, but the gap makes the query run again
            assertEquals(List.of("big"), probe.receiveMessage());
            put(db, 3, "huge", 30);      // a barrier: a duplicate delivery would come before this one
            assertEquals(List.of("big", "huge"), probe.receiveMessage());
        } finally {
            db.close();
        }
    }

    @Test
    void silentCommit_leavesNoGap_soNoWatcherFiresForIt() {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class, Other.class), dir, "silent");
        try {
            TestProbe<String> lazy = kit.createTestProbe();
            TestProbe<String> object = kit.createTestProbe();
            TestProbe<ChangeEvent> events = kit.createTestProbe();
            Atoll.changes(kit.system(), "silent", events.getRef());
            AtollCollection<WatchedItem> items = db.collection(WatchedItem.class);
            items.watchLazy(lazy.getRef(), "items");
            items.watchObject(1, object.getRef(), item -> item == null ? "gone" : item.name);
            db.writeTxnSync(() -> items.put(new WatchedItem(1, "quiet", 1)), true);
            db.writeTxnSync(() -> db.collection(Other.class).put(new Other()));
            ChangeEvent marker = events.receiveMessage();
            ChangeEvent next = events.receiveMessage();
            assertTrue(marker.changes().isEmpty(), "a silent commit is published without changes");
            assertEquals(marker.version() + 1, next.version());
            // A lazy watcher's messages are all alike, so no later message can show that it fired for the
            // silent commit: this one waits. The object watcher's next commit is a barrier instead: its
            // messages arrive in commit order, so one sent for the silent commit would come before "loud".
            lazy.expectNoMessage(Duration.ofMillis(150));
            put(db, 1, "loud", 1);
            lazy.expectMessage("items");
            object.expectMessage("loud");
        } finally {
            db.close();
        }
    }

    @Test
    void watcherActors_endOnCancelTargetStopAndInstanceClose_noneLeak() {
        int before = Watchers.live();
        TestProbe<Object> waiter = kit.createTestProbe();
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "leaks");
        AtollCollection<WatchedItem> items = db.collection(WatchedItem.class);
        TestProbe<String> target = kit.createTestProbe();
        Subscription cancelled = items.watchLazy(() -> { });
        Subscription byTarget = items.watchObject(1, target.getRef(), item -> "changed");
        Subscription byClose = items.query().watch(results -> { });
        Subscription stream = Atoll.changeSource(kit.system(), "leaks")
                .to(org.apache.pekko.stream.javadsl.Sink.ignore()).run(kit.system());
        waiter.awaitAssert(() -> {
            assertEquals(before + 3, Watchers.live()); // a change source reads the log: no watcher actor
            return null;
        });
        cancelled.cancel();
        waiter.awaitAssert(() -> {
            assertEquals(before + 2, Watchers.live());
            return null;
        });
        target.stop();
        waiter.awaitAssert(() -> {
            assertEquals(before + 1, Watchers.live());
            assertTrue(byTarget.isCancelled());
            return null;
        });
        db.close();
        waiter.awaitAssert(() -> {
            assertEquals(before, Watchers.live());
            assertTrue(byClose.isCancelled());
            assertTrue(stream.isCancelled());
            return null;
        });
    }

    @Test
    void watchLazy_eventLostAndGoneFromTheLog_firesOnceForTheLostHistory() {
        ActorTestKit small = ActorTestKit.create("WatchersInternalTestSmallLog", com.typesafe.config.ConfigFactory
                .parseString("atoll.change-log.max-entries = 1").withFallback(com.typesafe.config.ConfigFactory.load()));
        Atoll db = Atoll.open(small.system(), List.of(WatchedItem.class, Other.class), dir, "lostHistory");
        try {
            TestProbe<String> probe = small.createTestProbe();
            WatchOptions dropFirst = WatchOptions.defaults().droppingEvents(n -> n == 1);
            db.collection(WatchedItem.class).watchLazy(dropFirst, probe.getRef(), "changed");
            put(db, 1, "a", 1);                                                 // dropped, and trimmed from the log
            db.writeTxnSync(() -> db.collection(Other.class).put(new Other()));  // the log starts after it
            probe.expectMessage("changed");                                     // once, for the lost history
            db.writeTxnSync(() -> db.collection(Other.class).put(new Other()));
            probe.expectNoMessage(Duration.ofMillis(150));
        } finally {
            db.close();
            small.shutdownTestKit();
        }
    }

    @Test
    void changes_duplicateOrUnreadableEventsOnTheTopic_areNotPassedOn() {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "duplicates");
        try {
            TestProbe<ChangeEvent> probe = kit.createTestProbe();
            Atoll.changes(kit.system(), "duplicates", probe.getRef());
            put(db, 1, "a", 1);
            ChangeEvent first = probe.receiveMessage();
            org.apache.pekko.actor.typed.ActorRef<org.apache.pekko.actor.typed.pubsub.Topic.Command<ChangeEvent>> topic =
                    db.instance().topic;
            topic.tell(org.apache.pekko.actor.typed.pubsub.Topic.publish(first));           // a duplicate
            topic.tell(org.apache.pekko.actor.typed.pubsub.Topic.publish(new ChangeEvent("duplicates",
                    first.version() + 5, java.util.Map.of())));                              // never committed here
            put(db, 1, "b", 1);
            ChangeEvent second = probe.receiveMessage();
            assertEquals(first.version() + 1, second.version());
            assertTrue(second.touches("WatchedItem", 1));
            put(db, 1, "c", 1);
            ChangeEvent third = probe.receiveMessage();
            assertEquals(first.version() + 2, third.version());
            assertTrue(third.touches("WatchedItem", 1), "the real commit, not the forged event");
        } finally {
            db.close();
        }
    }
}
