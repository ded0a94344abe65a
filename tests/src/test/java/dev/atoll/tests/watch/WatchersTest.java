package dev.atoll.tests.watch;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.Filter;
import dev.atoll.Subscription;
import dev.atoll.WatchOptions;
import dev.atoll.tests.Counter;
import dev.atoll.tests.Message;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
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
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every kind of watcher, in both forms, with writes from other actors and handles: fires for the
 * commits that touch what it watches, in commit order, never for others, and stops after cancel()
 * or when its subscriber stops.
 */
class WatchersTest {
    private static final List<Class<?>> CLASSES = List.of(Message.class, Counter.class);
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("WatchersTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    /** Runs a body in a fresh actor, with a handle of its own on the instance. */
    private void inAnotherActor(String name, Consumer<Atoll> body) throws Exception {
        Atoll.compute(kit.system(), unused -> {
            Atoll mine = Atoll.open(kit.system(), CLASSES, dir, name);
            try {
                body.accept(mine);
                return 0;
            } finally {
                mine.close();
            }
        }, 0).toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static Message message(long id, String content) {
        Message m = new Message(content);
        m.id = id;
        return m;
    }

    private static void put(Atoll db, long id, String content) {
        db.writeTxnSync(() -> db.collection(Message.class).put(message(id, content)));
    }

    private static Object next(BlockingQueue<Object> queue) throws InterruptedException {
        Object value = queue.poll(10, TimeUnit.SECONDS);
        assertTrue(value != null, "no delivery within 10 s");
        return value;
    }

    @Test
    void watchObject_callbackForm_deliversEachChangeFromAnotherActorInOrder() throws Exception {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "object");
        try {
            BlockingQueue<Object> seen = new LinkedBlockingQueue<>();
            db.collection(Message.class).watchObject(7, m -> seen.add(m == null ? "gone" : m.content));
            inAnotherActor("object", mine -> {
                for (int i = 1; i <= 5; i++) {
                    put(mine, 7, "v" + i);
                    put(mine, 8, "neighbour " + i);
                    int k = i;
                    mine.writeTxnSync(() -> mine.collection(Counter.class).put(new Counter(1, k)));
                }
                mine.writeTxnSync(() -> mine.collection(Message.class).delete(7));
                put(mine, 8, "last neighbour");
                put(mine, 7, "back");
            });
            List<Object> got = new ArrayList<>();
            for (int i = 0; i < 7; i++) {
                got.add(next(seen));
            }
            assertEquals(List.of("v1", "v2", "v3", "v4", "v5", "gone", "back"), got);
        } finally {
            db.close();
        }
    }

    @Test
    void watchObject_actorForm_firesOnlyForItsObject_andStopsAfterCancel() throws Exception {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "objectActor");
        try {
            TestProbe<String> probe = kit.createTestProbe();
            Subscription s = db.collection(Message.class).watchObject(3, probe.getRef(),
                    m -> m == null ? "gone" : m.content);
            inAnotherActor("objectActor", mine -> {
                put(mine, 4, "not mine");
                put(mine, 3, "mine");
            });
            probe.expectMessage("mine");
            inAnotherActor("objectActor", mine -> put(mine, 3, "again"));
            probe.expectMessage("again");  // the next message: nothing came for object 4
            s.cancel();
            assertTrue(s.isCancelled());
            // A barrier: another watcher of object 3 on the same probe. After cancel() returns the first
            // sends nothing new, so the next messages are the second watcher's, for both commits.
            db.collection(Message.class).watchObject(3, probe.getRef(), m -> "second " + m.content);
            inAnotherActor("objectActor", mine -> put(mine, 3, "after cancel"));
            inAnotherActor("objectActor", mine -> put(mine, 3, "later"));
            probe.expectMessage("second after cancel");
            probe.expectMessage("second later");
        } finally {
            db.close();
        }
    }

    @Test
    void watchObject_fireImmediately_deliversTheCurrentObjectOrNull() {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "immediate");
        try {
            put(db, 1, "there");
            TestProbe<String> probe = kit.createTestProbe();
            AtollCollection<Message> messages = db.collection(Message.class);
            messages.watchObject(WatchOptions.fireImmediately(), 1, probe.getRef(), m -> "now " + m.content);
            probe.expectMessage("now there");
            messages.watchObject(WatchOptions.fireImmediately(), 2, probe.getRef(),
                    m -> "now " + (m == null ? null : m.content));
            probe.expectMessage("now null");
            put(db, 2, "two");             // a barrier: a second immediate delivery would come before it
            probe.expectMessage("now two");
        } finally {
            db.close();
        }
    }

    @Test
    void watchObjectLazy_bothForms_fireOncePerCommitOfTheirObject() throws Exception {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "objectLazy");
        try {
            TestProbe<String> probe = kit.createTestProbe();
            BlockingQueue<Object> calls = new LinkedBlockingQueue<>();
            AtollCollection<Message> messages = db.collection(Message.class);
            messages.watchObjectLazy(5, probe.getRef(), "five changed");
            messages.watchObjectLazy(6, () -> calls.add("six changed"));
            inAnotherActor("objectLazy", mine -> {
                put(mine, 5, "a");
                put(mine, 6, "b");
                put(mine, 9, "c");
                mine.writeTxnSync(() -> mine.collection(Message.class).deleteAll(5, 6));
            });
            probe.expectMessage("five changed");
            probe.expectMessage("five changed");
            probe.expectNoMessage(Duration.ofMillis(150));
            assertEquals("six changed", next(calls));
            assertEquals("six changed", next(calls));
            assertNull(calls.poll(100, TimeUnit.MILLISECONDS));
        } finally {
            db.close();
        }
    }

    @Test
    void watchLazy_callbackForm_firesOncePerTouchingCommit_neverForOthers() throws Exception {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "lazy");
        try {
            BlockingQueue<Object> calls = new LinkedBlockingQueue<>();
            db.collection(Counter.class).watchLazy(() -> calls.add("counters"));
            inAnotherActor("lazy", mine -> {
                for (int i = 0; i < 10; i++) {
                    put(mine, 0, "message " + i);
                }
                for (int i = 1; i <= 3; i++) {
                    int k = i;
                    mine.writeTxnSync(() -> mine.collection(Counter.class).put(new Counter(k, k)));
                }
            });
            for (int i = 0; i < 3; i++) {
                assertEquals("counters", next(calls));
            }
            assertNull(calls.poll(150, TimeUnit.MILLISECONDS));
        } finally {
            db.close();
        }
    }

    @Test
    void watchers_subscriberStops_subscriptionsEndByThemselves() throws Exception {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "death");
        try {
            TestProbe<String> subscriber = kit.createTestProbe();
            AtollCollection<Message> messages = db.collection(Message.class);
            List<Subscription> subscriptions = List.of(
                    messages.watchLazy(subscriber.getRef(), "lazy"),
                    messages.watchObject(1, subscriber.getRef(), m -> "object"),
                    messages.watchObjectLazy(1, subscriber.getRef(), "objectLazy"),
                    messages.query().watch(subscriber.getRef(), results -> "query"),
                    messages.query().watchLazy(subscriber.getRef(), "queryLazy"));
            subscriber.stop();
            TestProbe<Object> waiter = kit.createTestProbe();
            waiter.awaitAssert(() -> {
                for (Subscription s : subscriptions) {
                    assertTrue(s.isCancelled());
                }
                return null;
            });
            put(db, 1, "nobody listens");   // no watcher left to deliver to a dead actor
        } finally {
            db.close();
        }
    }

    @Test
    void queryWatch_writesFromAnotherActor_deliversOnlyWhenResultsChange() throws Exception {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "query");
        try {
            TestProbe<List<String>> probe = kit.createTestProbe();
            db.collection(Message.class).query().filter(Filter.startsWith("content", "hot"))
                    .sortBy("content").watch(probe.getRef(), ms -> ms.stream().map(m -> m.content).toList());
            // a query watcher coalesces: each step waits for its delivery before the next one writes
            inAnotherActor("query", mine -> put(mine, 1, "hot a"));
            assertEquals(List.of("hot a"), probe.receiveMessage());
            inAnotherActor("query", mine -> {
                put(mine, 2, "cold");          // never matched, does not match: no re-run, nothing
                put(mine, 1, "hot a");         // matches, but the results are the same: nothing
                put(mine, 3, "hot b");
            });
            assertEquals(List.of("hot a", "hot b"), probe.receiveMessage());
            inAnotherActor("query", mine -> {
                put(mine, 1, "cold now");      // matched before: the results change
                mine.writeTxnSync(() -> mine.collection(Counter.class).put(new Counter(1, 1)));
            });
            assertEquals(List.of("hot b"), probe.receiveMessage());
            inAnotherActor("query", mine -> put(mine, 4, "hot c")); // a barrier: nothing came in between
            assertEquals(List.of("hot b", "hot c"), probe.receiveMessage());
        } finally {
            db.close();
        }
    }

    @Test
    void queryWatch_slowCallback_getsTheLatestResultsNotAQueue() throws Exception {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "coalesce");
        try {
            CountDownLatch release = new CountDownLatch(1);
            BlockingQueue<Object> deliveries = new LinkedBlockingQueue<>();
            db.collection(Message.class).query().watch(results -> {
                deliveries.add(results.size());
                try {
                    release.await(30, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            TestProbe<dev.atoll.feed.ChangeEvent> events = kit.createTestProbe();
            Atoll.changes(kit.system(), "coalesce", events.getRef());
            put(db, 0, "first");
            assertEquals(1, next(deliveries));          // the callback now blocks
            for (int i = 0; i < 20; i++) {
                put(db, 0, "more " + i);
            }
            // the topic tells every subscriber an event before the next one: when this probe has the last
            // event, the watcher's mailbox holds all 20
            long last = 0;
            for (int i = 0; i < 21; i++) {
                last = events.receiveMessage().version();
            }
            assertTrue(last > 0);
            release.countDown();
            assertEquals(21, next(deliveries));         // one re-run for the 20 waiting events
            assertNull(deliveries.poll(200, TimeUnit.MILLISECONDS));
        } finally {
            db.close();
        }
    }

    @Test
    void queryWatchLazy_callbackForm_firesOnlyWhenResultsChange() throws Exception {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "queryLazy");
        try {
            BlockingQueue<Object> calls = new LinkedBlockingQueue<>();
            db.collection(Message.class).query().filter(Filter.equalTo("content", "x"))
                    .watchLazy(WatchOptions.fireImmediately(), () -> calls.add("fired"));
            assertEquals("fired", next(calls));
            inAnotherActor("queryLazy", mine -> {
                put(mine, 1, "y");
                put(mine, 2, "x");
            });
            assertEquals("fired", next(calls));
            assertNull(calls.poll(150, TimeUnit.MILLISECONDS));
        } finally {
            db.close();
        }
    }
}
