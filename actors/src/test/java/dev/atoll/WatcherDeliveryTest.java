package dev.atoll;

import dev.atoll.internal.watch.Watchers;

import com.typesafe.config.ConfigFactory;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What a watcher delivers for an event (issue 12, watcher side): the object as the latest commit left
 * it, once, also for a slow subscriber; acknowledged query watchers (latest results, no queue);
 * property-scoped object watchers; count watchers; the dispatcher; the tie to an owner actor.
 */
class WatcherDeliveryTest {
    private static final String DISPATCHER = "watcher-delivery-test-dispatcher";
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("WatcherDeliveryTest", ConfigFactory.parseString(DISPATCHER
                + " { type = Dispatcher, executor = thread-pool-executor,"
                + " thread-pool-executor.fixed-pool-size = 1 }").withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    /** The message of an acknowledged query watcher in these tests. */
    record Results(List<String> names, ActorRef<WatchAck> ackTo) {
    }

    private static void put(Atoll db, long id, String name, int size) {
        db.writeTxnSync(() -> db.collection(WatchedItem.class).put(new WatchedItem(id, name, size)));
    }

    private static <E> E next(BlockingQueue<E> queue) throws InterruptedException {
        E e = queue.poll(10, TimeUnit.SECONDS);
        assertNotNull(e, "no delivery within 10 s");
        return e;
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(10, TimeUnit.SECONDS), "latch not released within 10 s");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    // ---- watchObject: the latest state, once ----

    @Test
    void watchObject_slowCallback_deliversTheLatestStateOnceNotOncePerCommit() throws Exception {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "slowObject");
        try {
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            db.collection(WatchedItem.class).watchObject(1, item -> {
                if (item.name.equals("a")) {
                    entered.countDown();
                    await(release);
                }
                seen.add(item.name);
            });
            put(db, 1, "a", 1);
            await(entered);           // the watcher read "a" and its callback is stuck
            put(db, 1, "b", 1);
            put(db, 1, "c", 1);
            release.countDown();
            List<String> names = new ArrayList<>();
            names.add(next(seen));
            names.add(next(seen));
            // "b" is skipped: the read for its event saw "c" (d is committed only after this, or that read
            // could rightly see "d")
            assertEquals(List.of("a", "c"), names);
            put(db, 1, "d", 1);       // a barrier: deliveries come in commit order
            while (!names.get(names.size() - 1).equals("d")) {
                names.add(next(seen));
            }
            // and "c" came once, not once per commit
            assertEquals(List.of("a", "c", "d"), names);
        } finally {
            db.close();
        }
    }

    @Test
    void watchObject_slowAdapterToActor_deliversTheLatestStateOnceLikeACallback() throws Exception {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "slowObjectActor");
        try {
            TestProbe<String> probe = kit.createTestProbe();
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            db.collection(WatchedItem.class).watchObject(1, probe.getRef(), item -> {
                if (item.name.equals("a")) {
                    entered.countDown();
                    await(release);
                }
                return item.name;
            });
            put(db, 1, "a", 1);
            await(entered);
            put(db, 1, "b", 1);
            put(db, 1, "c", 1);
            release.countDown();
            probe.expectMessage("a");
            // b and c were committed while the adapter held "a": the watcher reads the latest state once
            probe.expectMessage("c");
            // only now: a commit made before the watcher read for b would rightly be the state it delivers
            put(db, 1, "d", 1);
            probe.expectMessage("d"); // a barrier: a second "c" (or a "b") would have come before it
        } finally {
            db.close();
        }
    }

    @Test
    void watchObject_eachCommitReadInTime_deliversEveryState() throws Exception {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "everyState");
        try {
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            db.collection(WatchedItem.class).watchObject(1, item -> seen.add(item == null ? "gone" : item.name));
            for (String name : List.of("a", "b", "c")) {
                put(db, 1, name, 1);
                assertEquals(name, next(seen)); // the watcher reads before the next commit: that version's state
            }
            put(db, 1, "c", 1);               // the same bytes again: a commit that touched it still fires
            assertEquals("c", next(seen));
            db.writeTxnSync(() -> db.collection(WatchedItem.class).delete(1));
            assertEquals("gone", next(seen));
        } finally {
            db.close();
        }
    }

    /** Commits of the stress tests below; raise for a soak. */
    private static final int STRESS_COMMITS = Integer.getInteger("atoll.watch.stress.commits", 300);

    @Test
    void watchObject_writerFasterThanTheCallback_deliversOnlyNewerStatesAndEndsAtTheLast() throws Exception {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "stressObject",
                AtollOptions.builder().durability(AtollOptions.Durability.WRITE).build());
        try {
            BlockingQueue<Integer> seen = new LinkedBlockingQueue<>();
            db.collection(WatchedItem.class).watchObject(1, item -> {
                for (int i = 0; i < 20_000; i++) {   // some work per call: slower than the writer
                    Thread.onSpinWait();
                }
                seen.add(item.size);
            });
            for (int n = 1; n <= STRESS_COMMITS; n++) {
                put(db, 1, "x", n);
            }
            int previous = 0;
            int deliveries = 0;
            while (previous != STRESS_COMMITS) {
                int size = next(seen);
                assertTrue(size > previous, "delivered " + size + " after " + previous + ": a stale or repeated state");
                previous = size;
                deliveries++;
            }
            System.out.println("watchObject stress: " + STRESS_COMMITS + " commits, " + deliveries + " deliveries");
        } finally {
            db.close();
        }
    }

    @Test
    void queryWatchWithAck_writerFasterThanTheTarget_deliversOnlyNewerResultsAndEndsAtTheLast()
            throws InterruptedException {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "stressAck",
                AtollOptions.builder().durability(AtollOptions.Durability.WRITE).build());
        try {
            TestProbe<Results> probe = kit.createTestProbe();
            db.collection(WatchedItem.class).query()
                    .watchWithAck(probe.getRef(), (items, ackTo) -> new Results(names(items), ackTo));
            Thread writer = new Thread(() -> {
                for (int n = 1; n <= STRESS_COMMITS; n++) {
                    put(db, n, "x" + n, n);
                }
            }, "stress-writer");
            writer.start();
            int previous = 0;
            int deliveries = 0;
            while (previous != STRESS_COMMITS) {
                Results r = probe.receiveMessage(Duration.ofSeconds(20));
                assertTrue(r.names().size() > previous, r.names().size() + " results after " + previous);
                previous = r.names().size();
                deliveries++;
                r.ackTo().tell(WatchAck.INSTANCE);
            }
            System.out.println("watchWithAck stress: " + STRESS_COMMITS + " commits, " + deliveries + " deliveries");
            writer.join();
        } finally {
            db.close();
        }
    }

    // ---- query watchers to actors: acknowledged, conflated ----

    @Test
    void queryWatchWithAck_slowTarget_getsTheLatestResultsNotAQueue() {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "ackQuery");
        try {
            TestProbe<Results> probe = kit.createTestProbe();
            db.collection(WatchedItem.class).query().sortBy("name")
                    .watchWithAck(probe.getRef(), (items, ackTo) -> new Results(names(items), ackTo));
            put(db, 1, "a", 1);
            Results first = probe.receiveMessage();
            assertEquals(List.of("a"), first.names());
            for (int i = 2; i <= 6; i++) {      // the target has not acked: these are conflated
                put(db, i, "item" + i, 1);
            }
            probe.expectNoMessage(Duration.ofMillis(300)); // no queue: nothing until the ack
            first.ackTo().tell(WatchAck.INSTANCE);
            Results latest = probe.receiveMessage();
            assertEquals(List.of("a", "item2", "item3", "item4", "item5", "item6"), latest.names());
            latest.ackTo().tell(WatchAck.INSTANCE);
            latest.ackTo().tell(WatchAck.INSTANCE); // a second ack changes nothing
            put(db, 7, "item7", 1);             // a barrier: a stale message would come before it
            assertEquals(7, probe.receiveMessage().names().size());
        } finally {
            db.close();
        }
    }

    @Test
    void queryWatchWithAck_fireImmediately_waitsForTheAckOfTheFirstDelivery() {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "ackImmediate");
        try {
            put(db, 1, "a", 1);
            TestProbe<Results> probe = kit.createTestProbe();
            db.collection(WatchedItem.class).query().sortBy("name").watchWithAck(WatchOptions.fireImmediately(),
                    probe.getRef(), (items, ackTo) -> new Results(names(items), ackTo));
            Results first = probe.receiveMessage();
            assertEquals(List.of("a"), first.names());
            put(db, 2, "b", 1);
            probe.expectNoMessage(Duration.ofMillis(300));
            first.ackTo().tell(WatchAck.INSTANCE);
            assertEquals(List.of("a", "b"), probe.receiveMessage().names());
        } finally {
            db.close();
        }
    }

    @Test
    void queryWatchWithAck_ackWithNothingMissed_deliversNothingUntilTheNextChange() {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "ackIdle");
        try {
            TestProbe<Results> probe = kit.createTestProbe();
            db.collection(WatchedItem.class).query().sortBy("name")
                    .watchWithAck(probe.getRef(), (items, ackTo) -> new Results(names(items), ackTo));
            put(db, 1, "a", 1);
            probe.receiveMessage().ackTo().tell(WatchAck.INSTANCE);
            put(db, 2, "b", 1);                 // the next message is for this commit, not a repeat of "a"
            assertEquals(List.of("a", "b"), probe.receiveMessage().names());
        } finally {
            db.close();
        }
    }

    @Test
    void queryWatchWithAck_adapterThrows_doesNotWaitForAnAckThatCannotCome() {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "ackThrows");
        try {
            TestProbe<Results> probe = kit.createTestProbe();
            db.collection(WatchedItem.class).query().sortBy("name").watchWithAck(probe.getRef(), (items, ackTo) -> {
                if (items.size() == 1) {
                    throw new IllegalStateException("adapter fails on purpose");
                }
                return new Results(names(items), ackTo);
            });
            put(db, 1, "a", 1);                 // the adapter throws: nothing was sent, nothing to ack
            put(db, 2, "b", 1);
            assertEquals(List.of("a", "b"), probe.receiveMessage().names());
        } finally {
            db.close();
        }
    }

    @Test
    void watchWithAck_nullArgument_isRefused() {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "ackNull");
        try {
            Query<WatchedItem> q = db.collection(WatchedItem.class).query();
            TestProbe<Results> probe = kit.createTestProbe();
            assertThrows(NullPointerException.class, () -> q.watchWithAck(probe.getRef(), null));
            assertThrows(NullPointerException.class, () -> q.watchChanges(null));
            assertThrows(NullPointerException.class, () -> q.watchCount((java.util.function.LongConsumer) null));
        } finally {
            db.close();
        }
    }

    private static List<String> names(List<WatchedItem> items) {
        return items.stream().map(i -> i.name).toList();
    }

    // ---- watchCount ----

    @Test
    void watchCount_deliversTheCountWhenItChanges_andNothingWhenItDoesNot() throws Exception {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class, Other.class), dir, "count");
        try {
            put(db, 1, "a", 5);
            BlockingQueue<Long> counts = new LinkedBlockingQueue<>();
            TestProbe<String> probe = kit.createTestProbe();
            Query<WatchedItem> big = db.collection(WatchedItem.class).query().filter(Filter.greaterThan("size", 3));
            big.watchCount(WatchOptions.fireImmediately(), counts::add);
            Subscription all = db.collection(WatchedItem.class).query().watchCount(probe.getRef(), n -> "all " + n);
            assertFalse(all.isCancelled());
            assertEquals(1L, next(counts));
            put(db, 2, "b", 1);              // count of big unchanged: nothing; all: 2
            probe.expectMessage("all 2");
            put(db, 1, "a", 1);              // big: 0
            assertEquals(0L, next(counts));
            put(db, 3, "c", 9);              // big: 1, all: 3
            assertEquals(1L, next(counts));
            probe.expectMessage("all 3");
            db.writeTxnSync(() -> db.collection(WatchedItem.class).delete(3));
            assertEquals(0L, next(counts));
            probe.expectMessage("all 2");
            db.writeTxnSync(() -> db.collection(Other.class).put(new Other()));
            put(db, 4, "d", 1);              // the other collection fired nothing: this is next
            probe.expectMessage("all 3");
            assertTrue(counts.isEmpty(), "no count delivered for commits that left it: " + counts);
        } finally {
            db.close();
        }
    }

    @Test
    void watchCount_eventLost_countsAgain() {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class, Other.class), dir, "countLost");
        try {
            TestProbe<Long> probe = kit.createTestProbe();
            WatchOptions dropFirst = WatchOptions.defaults().droppingEvents(n -> n == 1);
            db.collection(WatchedItem.class).query().watchCount(dropFirst, probe.getRef(), n -> n);
            put(db, 1, "a", 1);                                                 // dropped
            db.writeTxnSync(() -> db.collection(Other.class).put(new Other()));  // the gap: count again
            assertEquals(1L, probe.receiveMessage());
        } finally {
            db.close();
        }
    }

    // ---- property-scoped watchObject ----

    @Test
    void watchObjectScoped_firesOnlyWhenTheScopedPropertyChanges() {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "scoped");
        try {
            TestProbe<String> probe = kit.createTestProbe();
            AtollCollection<WatchedItem> items = db.collection(WatchedItem.class);
            items.watchObject(1, "name", probe.getRef(), item -> item == null ? "gone" : item.name + "/" + item.size);
            put(db, 1, "a", 1);              // appears
            probe.expectMessage("a/1");
            put(db, 1, "a", 2);              // only size: nothing
            put(db, 1, "b", 3);              // name
            probe.expectMessage("b/3");
            db.writeTxnSync(() -> items.delete(1));
            probe.expectMessage("gone");
            put(db, 1, "b", 4);              // back, same name as before it went: it appears
            probe.expectMessage("b/4");
            db.writeTxnSync(() -> items.delete(1));
            probe.expectMessage("gone");
            put(db, 1, null, 5);             // appears with no name: still an appearance
            probe.expectMessage("null/5");
        } finally {
            db.close();
        }
    }

    @Test
    void watchObjectScoped_severalProperties_firesWhenAnyChanges() throws Exception {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "scopedMany");
        try {
            put(db, 1, "a", 1);
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            AtollCollection<WatchedItem> items = db.collection(WatchedItem.class);
            items.watchObject(WatchOptions.defaults(), 1, List.of("size", "name"),
                    item -> seen.add(item.name + "/" + item.size));
            put(db, 1, "a", 1);              // the same values: nothing
            put(db, 1, "a", 2);
            assertEquals("a/2", next(seen));
            put(db, 1, "b", 2);
            assertEquals("b/2", next(seen));
            items.watchObject(1, "size", item -> seen.add("size " + item.size));
            put(db, 1, "c", 2);              // the first watcher only
            assertEquals("c/2", next(seen));
            put(db, 1, "c", 3);
            List<String> both = List.of(next(seen), next(seen));
            assertTrue(both.containsAll(List.of("c/3", "size 3")), both.toString());
            assertTrue(seen.isEmpty(), seen.toString());
        } finally {
            db.close();
        }
    }

    @Test
    void watchObjectScoped_unknownOrNoProperty_isRefusedWithTheName() {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "scopedBad");
        try {
            AtollCollection<WatchedItem> items = db.collection(WatchedItem.class);
            int before = Watchers.live();
            IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class,
                    () -> items.watchObject(1, "title", item -> { }));
            assertTrue(unknown.getMessage().contains("title") && unknown.getMessage().contains("WatchedItem"),
                    unknown.getMessage());
            IllegalArgumentException none = assertThrows(IllegalArgumentException.class,
                    () -> items.watchObject(WatchOptions.defaults(), 1, List.of(), item -> { }));
            assertTrue(none.getMessage().contains("at least one property"), none.getMessage());
            assertThrows(IllegalArgumentException.class, () -> items.watchObject(1, (String) null, item -> { }));
            assertEquals(before, Watchers.live(), "refused before any watcher actor starts");
        } finally {
            db.close();
        }
    }

    // ---- watchChanges to an actor ----

    @Test
    void watchChangesToAnActor_everyDiffTold_appliedInTurnGiveTheResults() {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "changesActor");
        try {
            put(db, 1, "b", 1);
            TestProbe<QueryChanges<WatchedItem>> probe = kit.createTestProbe();
            Query<WatchedItem> query = db.collection(WatchedItem.class).query().sortBy("name");
            Subscription s = query.watchChanges(WatchOptions.fireImmediately(), probe.getRef(), c -> c);
            QueryChanges<WatchedItem> first = probe.receiveMessage();
            assertEquals(List.of("b"), names(first.results()));
            assertEquals(List.of(0), first.inserted(), "the first delivery compares with no results");
            put(db, 2, "a", 1);
            QueryChanges<WatchedItem> second = probe.receiveMessage();
            assertEquals(List.of("a", "b"), names(second.results()));
            assertEquals(List.of(0), second.inserted());
            assertEquals(List.of(), second.removed());
            put(db, 1, "b", 2);
            QueryChanges<WatchedItem> third = probe.receiveMessage();
            assertEquals(List.of(1), third.modified());
            db.writeTxnSync(() -> db.collection(WatchedItem.class).delete(2));
            QueryChanges<WatchedItem> fourth = probe.receiveMessage();
            assertEquals(List.of(0), fourth.removed());
            assertEquals(List.of("b"), names(fourth.results()));
            assertFalse(s.isCancelled());
            s.cancel();
            assertTrue(s.isCancelled());
        } finally {
            db.close();
        }
    }

    @Test
    void watchChangesToAnActor_targetOrOwnerStops_subscriptionEnds_andNullsAreRefused() {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "changesActorEnds");
        try {
            Query<WatchedItem> query = db.collection(WatchedItem.class).query();
            TestProbe<Object> target = kit.createTestProbe();
            Subscription toTarget = query.watchChanges(target.getRef(), c -> c);
            ActorRef<String> owner = kit.spawn(Behaviors.ignore());
            TestProbe<Object> other = kit.createTestProbe();
            Subscription tied = query.watchChanges(WatchOptions.defaults().tiedTo(owner), other.getRef(), c -> c);
            target.stop();
            kit.stop(owner);
            TestProbe<Object> waiter = kit.createTestProbe();
            waiter.awaitAssert(() -> {
                assertTrue(toTarget.isCancelled(), "the target stopped");
                assertTrue(tied.isCancelled(), "the owner stopped");
                return null;
            });
            assertThrows(NullPointerException.class, () -> query.watchChanges(null, c -> c));
            assertThrows(NullPointerException.class, () -> query.watchChanges(other.getRef(), null));
            assertThrows(NullPointerException.class, () -> query.watchChanges(null, other.getRef(), c -> c));
        } finally {
            db.close();
        }
    }

    // ---- dispatcher and lifecycle ----

    @Test
    void watchOptionsWithDispatcher_callbackRunsOnThatDispatcher() throws Exception {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "dispatcher");
        try {
            BlockingQueue<String> threads = new LinkedBlockingQueue<>();
            AtollCollection<WatchedItem> items = db.collection(WatchedItem.class);
            items.watchLazy(WatchOptions.fireImmediately().withDispatcher(DISPATCHER),
                    () -> threads.add(Thread.currentThread().getName()));
            items.watchLazy(WatchOptions.fireImmediately(), () -> threads.add(Thread.currentThread().getName()));
            List<String> names = List.of(next(threads), next(threads));
            assertEquals(1, names.stream().filter(n -> n.contains(DISPATCHER)).count(), names.toString());
            assertEquals(1, names.stream().filter(n -> n.contains("default-dispatcher")).count(), names.toString());
        } finally {
            db.close();
        }
    }

    @Test
    void instanceWatcherDispatcher_setInTheConfiguration_runsWatchers_unlessTheirOptionsNameAnother()
            throws Exception {
        ActorTestKit own = ActorTestKit.create("WatcherDispatcherTest", ConfigFactory.parseString(DISPATCHER
                + " { type = Dispatcher, executor = thread-pool-executor, thread-pool-executor.fixed-pool-size = 1 }"
                + "\natoll.watchers.dispatcher = " + DISPATCHER).withFallback(ConfigFactory.load()));
        try {
            Atoll db = Atoll.open(own.system(), List.of(WatchedItem.class), dir, "instanceDispatcher");
            try {
                BlockingQueue<String> byDefault = new LinkedBlockingQueue<>();
                BlockingQueue<String> named = new LinkedBlockingQueue<>();
                AtollCollection<WatchedItem> items = db.collection(WatchedItem.class);
                items.watchLazy(WatchOptions.fireImmediately(), () -> byDefault.add(Thread.currentThread().getName()));
                WatchOptions pekkoDefault = WatchOptions.fireImmediately()
                        .withDispatcher("pekko.actor.default-dispatcher");
                items.query().watchCount(pekkoDefault,
                        n -> named.add(Thread.currentThread().getName()));
                String instanceWide = next(byDefault);
                assertTrue(instanceWide.contains(DISPATCHER), instanceWide);
                String own2 = next(named);
                assertTrue(own2.contains("default-dispatcher") && !own2.contains(DISPATCHER), own2);
            } finally {
                db.close();
            }
        } finally {
            own.shutdownTestKit();
        }
    }

    @Test
    void watchOptionsWithDispatcher_unknownOrBlank_isRefusedWithTheName() {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "noDispatcher");
        try {
            int before = Watchers.live();
            WatchOptions missing = WatchOptions.defaults().withDispatcher("no-such-dispatcher");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> db.collection(WatchedItem.class).watchLazy(missing, () -> { }));
            assertTrue(e.getMessage().contains("no-such-dispatcher") && e.getMessage().contains("noDispatcher"),
                    e.getMessage());
            assertEquals(before, Watchers.live());
            assertThrows(IllegalArgumentException.class, () -> WatchOptions.defaults().withDispatcher(" "));
            assertThrows(NullPointerException.class, () -> WatchOptions.defaults().withDispatcher(null));
        } finally {
            db.close();
        }
    }

    @Test
    void watchOptionsTiedTo_ownerStops_subscriptionEnds() {
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "tied");
        try {
            ActorRef<String> owner = kit.spawn(Behaviors.ignore());
            BlockingQueue<String> seen = new LinkedBlockingQueue<>();
            Subscription s = db.collection(WatchedItem.class)
                    .watchObject(WatchOptions.defaults().tiedTo(owner), 1, item -> seen.add(item.name));
            Subscription free = db.collection(WatchedItem.class).watchLazy(() -> { });
            assertFalse(s.isCancelled());
            kit.stop(owner);
            TestProbe<Object> waiter = kit.createTestProbe();
            waiter.awaitAssert(() -> {
                assertTrue(s.isCancelled());
                return null;
            });
            assertFalse(free.isCancelled(), "a watcher not tied to the owner goes on");
            Subscription lazyObject = db.collection(WatchedItem.class).watchObjectLazy(1, () -> { });
            Subscription lazyQuery = db.collection(WatchedItem.class).query().watchLazy(() -> { });
            for (Subscription other : List.of(free, lazyObject, lazyQuery)) {
                other.cancel();
                assertTrue(other.isCancelled());
            }
            assertThrows(NullPointerException.class, () -> WatchOptions.defaults().tiedTo(null));
        } finally {
            db.close();
        }
    }

    @Test
    void watchOptions_accessorsAndToString_sayWhatWasSet() {
        ActorRef<String> owner = kit.spawn(Behaviors.ignore(), "owner-of-options");
        WatchOptions plain = WatchOptions.defaults();
        assertNull(plain.dispatcher());
        assertNull(plain.owner());
        assertEquals("WatchOptions[defaults]", plain.toString());
        WatchOptions all = WatchOptions.fireImmediately().withDispatcher("d").tiedTo(owner);
        assertTrue(all.firesImmediately());
        assertEquals("d", all.dispatcher());
        assertEquals(owner, all.owner());
        assertEquals("WatchOptions[fireImmediately, dispatcher=d, tiedTo=" + owner.path() + "]", all.toString());
        WatchOptions dropping = all.droppingEvents(n -> n == 2);
        assertEquals("d", dropping.dispatcher());
        assertEquals(owner, dropping.owner());
        assertTrue(dropping.drops(2));
        assertFalse(dropping.drops(1));
        kit.stop(owner);
    }
}
