package dev.atoll.tests.watch;

import dev.atoll.Atoll;
import dev.atoll.AtollWorker;
import dev.atoll.ChangeEvent;
import dev.atoll.tests.Counter;
import dev.atoll.tests.Message;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The worker actor protocol: group commit, chunks with progress, backpressure, error replies. */
class AtollWorkerTest {
    private static final List<Class<?>> CLASSES = List.of(Message.class);
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("AtollWorkerTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private static List<Message> messages(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> new Message(prefix + i)).toList();
    }

    /** Keeps the worker busy until the latch opens, so that the next requests wait in its mailbox. */
    private static void block(ActorRef<AtollWorker.Command> worker, CountDownLatch latch) {
        TestProbe<StatusReply<Boolean>> ignored = kit.createTestProbe();
        worker.tell(new AtollWorker.Query<>(Message.class, c -> {
            try {
                return latch.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }, ignored.getRef()));
    }

    @Test
    void putAll_manyRequestsWaiting_areWrittenInOneTransaction_eachSenderGetsItsIds() {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "group");
        try {
            TestProbe<ChangeEvent> events = kit.createTestProbe();
            Atoll.changes(kit.system(), "group", events.getRef());
            ActorRef<AtollWorker.Command> worker = kit.spawn(AtollWorker.create(CLASSES, dir, "group"));
            CountDownLatch latch = new CountDownLatch(1);
            block(worker, latch);
            List<TestProbe<StatusReply<List<Long>>>> senders = new ArrayList<>();
            for (int i = 0; i < 50; i++) {
                TestProbe<StatusReply<List<Long>>> sender = kit.createTestProbe();
                senders.add(sender);
                worker.tell(new AtollWorker.PutAll<>(Message.class, messages("m" + i + "-", 10), sender.getRef()));
            }
            latch.countDown();
            Set<Long> all = new HashSet<>();
            for (TestProbe<StatusReply<List<Long>>> sender : senders) {
                List<Long> ids = sender.receiveMessage().getValue();
                assertEquals(10, ids.size());
                all.addAll(ids);
            }
            assertEquals(500, all.size(), "every object its own id");
            ChangeEvent only = events.receiveMessage();
            assertEquals(500, only.changes().get("Message").size(), "50 requests, one transaction");
            assertEquals(500, db.collection(Message.class).count());
            // A barrier: events come in commit order with consecutive versions, so the next one must be this.
            db.writeTxnSync(() -> db.collection(Message.class).put(new Message("barrier")));
            assertEquals(only.version() + 1, events.receiveMessage().version(), "one transaction, one event");
        } finally {
            db.close();
        }
    }

    @Test
    void putAll_oneBadRequestInAGroup_failsAlone() {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "fallback");
        try {
            db.writeTxnSync(() -> db.collection(Message.class).put(new Message("taken", "u-1")));
            ActorRef<AtollWorker.Command> worker = kit.spawn(AtollWorker.create(CLASSES, dir, "fallback"));
            CountDownLatch latch = new CountDownLatch(1);
            block(worker, latch);
            TestProbe<StatusReply<List<Long>>> good1 = kit.createTestProbe();
            TestProbe<StatusReply<List<Long>>> bad = kit.createTestProbe();
            TestProbe<StatusReply<Long>> good2 = kit.createTestProbe();
            worker.tell(new AtollWorker.PutAll<>(Message.class, messages("a", 3), good1.getRef()));
            worker.tell(new AtollWorker.PutAll<>(Message.class, List.of(new Message("dup", "u-1")), bad.getRef()));
            worker.tell(new AtollWorker.Put<>(Message.class, new Message("b"), good2.getRef()));
            latch.countDown();
            assertEquals(3, good1.receiveMessage().getValue().size());
            StatusReply<List<Long>> refused = bad.receiveMessage();
            assertTrue(refused.isError());
            assertTrue(refused.getError().getMessage().contains("uuid"), refused.getError().getMessage());
            assertTrue(good2.receiveMessage().getValue() > 0);
            assertEquals(5, db.collection(Message.class).count());
        } finally {
            db.close();
        }
    }

    @Test
    void putAll_largerThanAChunk_isWrittenInChunksWithProgress() {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "chunks");
        try {
            TestProbe<ChangeEvent> events = kit.createTestProbe();
            Atoll.changes(kit.system(), "chunks", events.getRef());
            ActorRef<AtollWorker.Command> worker = kit.spawn(AtollWorker.create(CLASSES, dir, "chunks",
                    AtollWorker.Options.defaults().withChunkSize(100)));
            TestProbe<AtollWorker.Progress> progress = kit.createTestProbe();
            TestProbe<StatusReply<List<Long>>> reply = kit.createTestProbe();
            worker.tell(new AtollWorker.PutAll<>(Message.class, messages("c", 1050), progress.getRef(),
                    reply.getRef()));
            List<Long> ids = reply.receiveMessage(Duration.ofSeconds(30)).getValue();
            assertEquals(1050, new HashSet<>(ids).size());
            for (int written = 100; written <= 1000; written += 100) {
                assertEquals(new AtollWorker.Progress(Message.class, written, 1050), progress.receiveMessage());
            }
            assertEquals(new AtollWorker.Progress(Message.class, 1050, 1050), progress.receiveMessage());
            for (int chunk = 0; chunk < 11; chunk++) {
                int size = events.receiveMessage().changes().get("Message").size();
                assertEquals(chunk < 10 ? 100 : 50, size);
            }
            assertEquals(1050, db.collection(Message.class).count());
        } finally {
            db.close();
        }
    }

    @Test
    void putAll_tooManyObjectsWaiting_isRefusedWithAnErrorThatSaysSo() {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "backpressure");
        try {
            ActorRef<AtollWorker.Command> worker = kit.spawn(AtollWorker.create(CLASSES, dir, "backpressure",
                    AtollWorker.Options.defaults().withMaxPendingObjects(100)));
            CountDownLatch latch = new CountDownLatch(1);
            block(worker, latch);
            TestProbe<StatusReply<List<Long>>> first = kit.createTestProbe();
            TestProbe<StatusReply<List<Long>>> second = kit.createTestProbe();
            worker.tell(new AtollWorker.PutAll<>(Message.class, messages("p", 60), first.getRef()));
            worker.tell(new AtollWorker.PutAll<>(Message.class, messages("q", 60), second.getRef()));
            latch.countDown();
            assertEquals(60, first.receiveMessage().getValue().size());
            StatusReply<List<Long>> refused = second.receiveMessage();
            assertTrue(refused.isError());
            assertTrue(refused.getError().getMessage().contains("limit of 100"), refused.getError().getMessage());
            assertEquals(60, db.collection(Message.class).count());
            TestProbe<StatusReply<List<Long>>> later = kit.createTestProbe();
            worker.tell(new AtollWorker.PutAll<>(Message.class, messages("r", 60), later.getRef()));
            assertEquals(60, later.receiveMessage().getValue().size(), "accepted once the queue drained");
        } finally {
            db.close();
        }
    }

    @Test
    void worker_failingRequests_replyWithErrors_andTheWorkerKeepsServing() {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "errors");
        try {
            ActorRef<AtollWorker.Command> worker = kit.spawn(AtollWorker.create(CLASSES, dir, "errors"));
            TestProbe<StatusReply<Long>> put = kit.createTestProbe();
            worker.tell(new AtollWorker.Put<>(Counter.class, new Counter(1, 1), put.getRef()));
            StatusReply<Long> unknown = put.receiveMessage();
            assertTrue(unknown.isError());
            assertTrue(unknown.getError().getMessage().contains("Counter"), unknown.getError().getMessage());

            TestProbe<StatusReply<Integer>> query = kit.createTestProbe();
            worker.tell(new AtollWorker.Query<Message, Integer>(Message.class, c -> {
                throw new IllegalStateException("boom in the query");
            }, query.getRef()));
            assertEquals("boom in the query", query.receiveMessage().getError().getMessage());

            worker.tell(new AtollWorker.Put<>(Message.class, new Message("fine"), put.getRef()));
            long id = put.receiveMessage().getValue();
            TestProbe<StatusReply<Optional<Message>>> get = kit.createTestProbe();
            worker.tell(new AtollWorker.Get<>(Message.class, id, get.getRef()));
            assertEquals("fine", get.receiveMessage().getValue().orElseThrow().content);
            worker.tell(new AtollWorker.Get<>(Message.class, id + 1000, get.getRef()));
            assertEquals(Optional.empty(), get.receiveMessage().getValue());

            TestProbe<StatusReply<Long>> count = kit.createTestProbe();
            worker.tell(new AtollWorker.Query<>(Message.class, c -> c.count(), count.getRef()));
            assertEquals(1L, count.receiveMessage().getValue());
            TestProbe<StatusReply<Integer>> deleted = kit.createTestProbe();
            worker.tell(new AtollWorker.DeleteAll(Message.class, List.of(id, id + 1000), deleted.getRef()));
            assertEquals(1, deleted.receiveMessage().getValue());
        } finally {
            db.close();
        }
    }

    @Test
    void worker_writesFromSeveralWorkers_fireAWatcherInAnotherActor() {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "workers");
        try {
            TestProbe<String> watcher = kit.createTestProbe();
            db.collection(Message.class).watchObject(42, watcher.getRef(), m -> m == null ? "gone" : m.content);
            ActorRef<AtollWorker.Command> a = kit.spawn(AtollWorker.create(CLASSES, dir, "workers"));
            ActorRef<AtollWorker.Command> b = kit.spawn(AtollWorker.create(CLASSES, dir, "workers"));
            TestProbe<StatusReply<Long>> put = kit.createTestProbe();
            Message first = new Message("from a");
            first.id = 42;
            a.tell(new AtollWorker.Put<>(Message.class, first, put.getRef()));
            assertEquals(42L, put.receiveMessage().getValue());
            watcher.expectMessage("from a");
            b.tell(new AtollWorker.PutAll<>(Message.class, messages("other", 5), kit.<StatusReply<List<Long>>>
                    createTestProbe().getRef()));
            TestProbe<StatusReply<Integer>> deleted = kit.createTestProbe();
            b.tell(new AtollWorker.DeleteAll(Message.class, List.of(42L), deleted.getRef()));
            assertEquals(1, deleted.receiveMessage().getValue());
            watcher.expectMessage("gone");
            Message back = new Message("back");
            back.id = 42;
            a.tell(new AtollWorker.Put<>(Message.class, back, put.getRef()));
            assertEquals(42L, put.receiveMessage().getValue());
            watcher.expectMessage("back"); // a barrier: nothing came for the other objects in between
            kit.stop(a);
            kit.stop(b);
        } finally {
            db.close();
        }
    }
}
