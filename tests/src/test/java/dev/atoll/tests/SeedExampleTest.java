package dev.atoll.tests;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.feed.ChangeEvent;
import dev.atoll.Subscription;
import dev.atoll.WatchOptions;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The example of the seed documents, and the watchers it relies on. */
class SeedExampleTest {
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("SeedExampleTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void compute_insertsTenThousandMessages_andTheMainActorsWatcherFires() throws Exception {
        Atoll isar = Atoll.open(kit.system(), List.of(Message.class), dir, "myInstance");
        try {
            CountDownLatch changed = new CountDownLatch(1);
            AtomicInteger fired = new AtomicInteger();
            isar.collection(Message.class).watchLazy(() -> {
                fired.incrementAndGet();
                changed.countDown();
            });
            Long inserted = Atoll.compute(kit.system(), count -> {
                Atoll mine = Atoll.open(kit.system(), List.of(Message.class), dir, "myInstance");
                try {
                    AtollCollection<Message> messages = mine.collection(Message.class);
                    List<Message> batch = IntStream.range(0, count).mapToObj(i -> new Message("Message " + i)).toList();
                    mine.writeTxnSync(() -> messages.putAll(batch));
                    return (long) batch.size();
                } finally {
                    mine.close();
                }
            }, 10_000).toCompletableFuture().get(60, TimeUnit.SECONDS);
            assertEquals(10_000, inserted);
            assertTrue(changed.await(10, TimeUnit.SECONDS), "omg the messages changed! was never said");
            assertEquals(1, fired.get(), "one commit, one call");
            assertEquals(10_000, isar.collection(Message.class).count());
        } finally {
            isar.close();
        }
    }

    @Test
    void watchLazy_actorForm_firesForItsCollectionOnly_andStopsAfterCancel() {
        Atoll db = Atoll.open(kit.system(), List.of(Message.class, Counter.class), dir, "watch");
        try {
            TestProbe<String> probe = kit.createTestProbe();
            Subscription s = db.collection(Message.class).watchLazy(probe.getRef(), "changed");
            db.writeTxnSync(() -> db.collection(Counter.class).put(new Counter(1, 1)));
            db.writeTxnSync(() -> db.collection(Message.class).put(new Message("m")));
            probe.expectMessage("changed");
            probe.expectNoMessage(Duration.ofMillis(200));
            s.cancel();
            assertTrue(s.isCancelled());
            db.writeTxnSync(() -> db.collection(Message.class).put(new Message("n")));
            probe.expectNoMessage(Duration.ofMillis(300));
        } finally {
            db.close();
        }
    }

    @Test
    void watchLazy_fireImmediately_firesOnceAtOnce() {
        Atoll db = Atoll.open(kit.system(), List.of(Message.class), dir, "immediate");
        try {
            TestProbe<String> probe = kit.createTestProbe();
            db.collection(Message.class).watchLazy(WatchOptions.fireImmediately(), probe.getRef(), "now");
            probe.expectMessage("now");
            probe.expectNoMessage(Duration.ofMillis(200));
        } finally {
            db.close();
        }
    }

    @Test
    void changes_deliverEveryCommitInOrderWithConsecutiveVersions() {
        Atoll db = Atoll.open(kit.system(), List.of(Message.class, Counter.class), dir, "events");
        try {
            TestProbe<ChangeEvent> probe = kit.createTestProbe();
            Subscription s = Atoll.changes(kit.system(), "events", probe.getRef());
            long id = db.writeTxnSync(() -> db.collection(Message.class).put(new Message("a")));
            db.writeTxnSync(() -> db.collection(Counter.class).put(new Counter(9, 1)));
            ChangeEvent first = probe.receiveMessage();
            ChangeEvent second = probe.receiveMessage();
            assertEquals("events", first.instance());
            assertTrue(first.touches("Message", id));
            assertEquals(first.version() + 1, second.version());
            assertTrue(second.touches("Counter", 9));
            assertTrue(!second.touches("Message"));
            s.cancel();
        } finally {
            db.close();
        }
    }
}
