package dev.atoll.tests.watch;

import com.typesafe.config.ConfigFactory;
import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.feed.ChangeEvent;
import dev.atoll.feed.ChangedIds;
import dev.atoll.Subscription;
import dev.atoll.tests.Counter;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The change feed as a log: change sets by kind, the version a read sees, resuming from a version (also in
 * a new actor system on the same file), history lost beyond the retention, backpressure, and the ends of a
 * subscription.
 */
class ChangeFeedTest {
    /** A small log, so that a test can go beyond it. */
    private static final int RETAINED = 20;

    @TempDir
    Path dir;

    private ActorTestKit kit;

    @BeforeEach
    void start() {
        kit = newKit();
    }

    @AfterEach
    void stop() {
        kit.shutdownTestKit();
    }

    private static ActorTestKit newKit() {
        return ActorTestKit.create("ChangeFeedTest", ConfigFactory.parseString(
                "atoll.change-log.max-entries = " + RETAINED + "\natoll.durability = write")
                .withFallback(ConfigFactory.load()));
    }

    private Atoll open(String name) {
        return Atoll.open(kit.system(), List.of(Counter.class), dir, name);
    }

    private static long put(Atoll db, long id, long value) {
        AtollCollection<Counter> counters = db.collection(Counter.class);
        db.writeTxnSync(() -> counters.put(new Counter(id, value)));
        return db.version(); // the commit is readable once acknowledged; no other writer in these tests
    }

    private static List<Long> versions(List<ChangeEvent> events) {
        return events.stream().map(ChangeEvent::version).toList();
    }

    private static List<Long> range(long fromInclusive, long toInclusive) {
        return LongStream.rangeClosed(fromInclusive, toInclusive).boxed().toList();
    }

    private <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(20, TimeUnit.SECONDS);
    }

    @Test
    void changes_insertUpdateDeleteThroughTheApi_areToldApart() {
        Atoll db = open("kinds");
        try {
            TestProbe<ChangeEvent> probe = kit.createTestProbe();
            Atoll.changes(kit.system(), "kinds", probe.getRef());
            AtollCollection<Counter> counters = db.collection(Counter.class);
            db.writeTxnSync(() -> counters.putAll(List.of(new Counter(1, 1), new Counter(2, 2))));
            db.writeTxnSync(() -> {
                counters.put(new Counter(1, 10));
                counters.delete(2);
                counters.put(new Counter(3, 3));
            });
            db.writeTxnSync(counters::clear);
            ChangedIds first = probe.receiveMessage().changes().get("Counter");
            assertArrayEquals(new long[] {1, 2}, first.inserted());
            ChangedIds second = probe.receiveMessage().changes().get("Counter");
            assertArrayEquals(new long[] {3}, second.inserted());
            assertArrayEquals(new long[] {1}, second.updated());
            assertArrayEquals(new long[] {2}, second.deleted());
            ChangedIds third = probe.receiveMessage().changes().get("Counter");
            assertTrue(third.cleared());
            assertEquals(0, third.size(), "a clear is one marker, not a list of ids");
        } finally {
            db.close();
        }
    }

    @Test
    void version_insideATransaction_isItsSnapshot_andOutsideTheNewestCommit() {
        Atoll db = open("version");
        try {
            long v1 = put(db, 1, 1);
            assertEquals(v1, db.version());
            long seen = db.txnSync(() -> {
                long inside = db.version();
                Atoll other = Atoll.getInstance(kit.system(), "version").orElseThrow();
                try {
                    put(other, 2, 2); // a commit meanwhile does not move the snapshot
                } finally {
                    other.close();
                }
                assertEquals(inside, db.version());
                return inside;
            });
            assertEquals(v1, seen);
            assertEquals(v1 + 1, db.version());
        } finally {
            db.close();
        }
        assertThrows(dev.atoll.InstanceClosedException.class, db::version);
    }

    /** Regression: the Subscription of Atoll.changes stayed "not cancelled" after its subscriber stopped. */
    @Test
    void changes_subscriberStops_subscriptionIsCancelled() {
        Atoll db = open("stops");
        try {
            TestProbe<ChangeEvent> probe = kit.createTestProbe();
            Subscription s = Atoll.changes(kit.system(), "stops", probe.getRef());
            assertFalse(s.isCancelled());
            probe.stop();
            TestProbe<Object> waiter = kit.createTestProbe();
            waiter.awaitAssert(() -> {
                assertTrue(s.isCancelled());
                return null;
            });
        } finally {
            db.close();
        }
    }

    /** Regression: an actor subscribed with Atoll.changes was never told that the instance closed. */
    @Test
    void changes_instanceCloses_everyCommitThenALastEndMessage() {
        Atoll db = open("closes");
        TestProbe<ChangeEvent> probe = kit.createTestProbe();
        Subscription s = Atoll.changes(kit.system(), "closes", probe.getRef());
        long v1 = put(db, 1, 1);
        long v2 = put(db, 2, 2);
        db.close();
        assertEquals(v1, probe.receiveMessage().version());
        assertEquals(v2, probe.receiveMessage().version());
        assertEquals(ChangeEvent.end("closes", v2), probe.receiveMessage());
        assertTrue(s.isCancelled());
    }

    @Test
    void changes_cancel_endsWithTheLastVersionSent() {
        Atoll db = open("cancel");
        try {
            TestProbe<ChangeEvent> probe = kit.createTestProbe();
            Subscription s = Atoll.changes(kit.system(), "cancel", probe.getRef());
            long v1 = put(db, 1, 1);
            assertEquals(v1, probe.receiveMessage().version());
            s.cancel();
            assertTrue(s.isCancelled());
            assertEquals(ChangeEvent.end("cancel", v1), probe.receiveMessage());
        } finally {
            db.close();
        }
    }

    @Test
    void changes_fromAVersion_replaysTheLogThenGoesLive() {
        Atoll db = open("replay");
        try {
            long v0 = db.version();
            put(db, 1, 1);
            put(db, 2, 2);
            long v3 = put(db, 3, 3);
            TestProbe<ChangeEvent> probe = kit.createTestProbe();
            Atoll.changes(kit.system(), "replay", v0 + 1, probe.getRef());
            assertEquals(v0 + 2, probe.receiveMessage().version());
            assertEquals(v3, probe.receiveMessage().version());
            long v4 = put(db, 4, 4);
            ChangeEvent live = probe.receiveMessage();
            assertEquals(v4, live.version());
            assertTrue(live.touches("Counter", 4));
        } finally {
            db.close();
        }
    }

    @Test
    void changes_fromBeforeTheRetention_startsWithHistoryLost() {
        Atoll db = open("lostActor");
        try {
            for (int i = 1; i <= RETAINED + 5; i++) {
                put(db, i, i);
            }
            long newest = db.version();
            TestProbe<ChangeEvent> probe = kit.createTestProbe();
            Atoll.changes(kit.system(), "lostActor", 0, probe.getRef());
            ChangeEvent lost = probe.receiveMessage();
            assertEquals(ChangeEvent.historyLost("lostActor", newest - RETAINED), lost);
            for (long v = newest - RETAINED + 1; v <= newest; v++) {
                assertEquals(v, probe.receiveMessage().version());
            }
        } finally {
            db.close();
        }
    }

    @Test
    void fromVersion_negativeOrBeyondTheNewest_isRefusedNamingBoth() {
        Atoll db = open("bounds");
        try {
            long newest = db.version();
            IllegalArgumentException future = assertThrows(IllegalArgumentException.class,
                    () -> Atoll.changeSource(kit.system(), "bounds", newest + 1));
            assertTrue(future.getMessage().contains("fromVersion " + (newest + 1)) && future.getMessage()
                    .contains("newest version, " + newest), future.getMessage());
            assertThrows(IllegalArgumentException.class, () -> Atoll.changeSource(kit.system(), "bounds", -1L));
            assertThrows(IllegalArgumentException.class,
                    () -> Atoll.changes(kit.system(), "bounds", -1, kit.system().ignoreRef()));
            assertThrows(IllegalArgumentException.class,
                    () -> Atoll.changes(kit.system(), "bounds", newest + 1, kit.system().ignoreRef()));
            Atoll.changeSource(kit.system(), "bounds", newest); // the newest itself: from now on
            Atoll.changeSource(kit.system(), "bounds", 0L);
        } finally {
            db.close();
        }
    }

    /** An int (the old buffer size, or a version written as an int) is never silently taken as a version. */
    @Test
    @SuppressWarnings("removal")
    void changeSource_intArgument_isRefusedSayingToPassALong() {
        Atoll db = open("overload");
        try {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Atoll.changeSource(kit.system(), "overload", 1024));
            assertTrue(e.getMessage().contains("pass a long (1024L)"), e.getMessage());
        } finally {
            db.close();
        }
    }

    @Test
    void changeSource_fromAVersion_acrossANewActorSystem_replaysThenGoesLive() throws Exception {
        Atoll db = open("restart");
        long v0 = db.version();
        for (int i = 1; i <= 5; i++) {
            put(db, i, i);
        }
        long before = db.version();
        db.close();
        kit.shutdownTestKit();

        kit = newKit(); // another actor system on the same file: nothing in memory survives
        Atoll again = open("restart");
        try {
            assertEquals(before, again.version(), "versions continue across the restart");
            CompletionStage<List<ChangeEvent>> seen = Atoll.changeSource(kit.system(), "restart", v0 + 2)
                    .take(5).runWith(Sink.seq(), kit.system());
            long next = put(again, 6, 6);
            put(again, 7, 7);
            assertEquals(before + 1, next);
            List<ChangeEvent> events = await(seen);
            assertEquals(range(v0 + 3, v0 + 7), versions(events));
            assertTrue(events.get(0).touches("Counter", 3), "the change set of a commit before the restart");
            assertTrue(events.get(4).touches("Counter", 7));
        } finally {
            again.close();
        }
    }

    @Test
    void changeSource_behindTheRetention_historyLostThenTheOldestKept() throws Exception {
        Atoll db = open("lostStream");
        try {
            for (int i = 1; i <= RETAINED * 2; i++) {
                put(db, i, i);
            }
            long newest = db.version();
            List<ChangeEvent> events = await(Atoll.changeSource(kit.system(), "lostStream", 0L)
                    .take(RETAINED + 1).runWith(Sink.seq(), kit.system()));
            assertEquals(ChangeEvent.historyLost("lostStream", newest - RETAINED), events.get(0));
            assertEquals(range(newest - RETAINED + 1, newest), versions(events.subList(1, events.size())));
        } finally {
            db.close();
        }
    }

    /**
     * Regression: more events than a buffer held waiting for a slow downstream failed the stream. Now the
     * downstream pulls them from the log at its own pace.
     */
    @Test
    void changeSource_slowDownstream_getsEveryVersionInOrder_neverAnOverflow() throws Exception {
        ActorTestKit big = ActorTestKit.create("ChangeFeedTestBig",
                ConfigFactory.parseString("atoll.durability = write").withFallback(ConfigFactory.load()));
        Atoll db = Atoll.open(big.system(), List.of(Counter.class), dir, "slow");
        try {
            long v0 = db.version();
            Pair<Subscription, SinkQueueWithCancel<ChangeEvent>> running = Atoll.changeSource(big.system(), "slow")
                    .toMat(Sink.queue(), Keep.both()).run(big.system());
            int commits = 1_100; // more than the 1,024 events the old source buffered
            AtollCollection<Counter> counters = db.collection(Counter.class);
            for (int i = 1; i <= commits; i++) {
                long id = i;
                db.writeTxnSync(() -> counters.put(new Counter(id, id)));
            }
            List<Long> got = new ArrayList<>();
            for (int i = 0; i < commits; i++) {
                Optional<ChangeEvent> next = await(running.second().pull());
                got.add(next.orElseThrow().version());
            }
            assertEquals(range(v0 + 1, v0 + commits), got);
            assertFalse(running.first().isCancelled());
            running.first().cancel();
            assertTrue(running.first().isCancelled());
        } finally {
            db.close();
            big.shutdownTestKit();
        }
    }

    @Test
    void changeSource_instanceCloses_completesAfterTheLastCommits_andIsCancelled() throws Exception {
        Atoll db = open("end");
        long v0 = db.version();
        Pair<Subscription, CompletionStage<List<ChangeEvent>>> running = Atoll.changeSource(kit.system(), "end")
                .toMat(Sink.seq(), Keep.both()).run(kit.system());
        put(db, 1, 1);
        put(db, 2, 2);
        db.close();
        assertEquals(range(v0 + 1, v0 + 2), versions(await(running.second())));
        assertTrue(running.first().isCancelled());
        assertEquals(Map.of(), ChangeEvent.end("end", 1).changes());
    }
}
