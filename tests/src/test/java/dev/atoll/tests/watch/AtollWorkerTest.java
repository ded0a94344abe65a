package dev.atoll.tests.watch;

import dev.atoll.Atoll;
import dev.atoll.AtollWorker;
import dev.atoll.AtollException;
import dev.atoll.feed.ChangeEvent;
import dev.atoll.ErrorCode;
import dev.atoll.PartialWriteException;
import dev.atoll.SchemaMismatchException;
import dev.atoll.UniqueViolationException;
import dev.atoll.WorkerBusyException;
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
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The worker actor protocol: group commit, chunks with progress, backpressure, error replies that carry the
 * exception, and the sender's objects left as they were sent.
 */
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

    /** The error of a reply, which must be an error. */
    private static Throwable errorOf(StatusReply<?> reply) {
        assertTrue(reply.isError(), "an error reply, not " + reply);
        return reply.getError();
    }

    @Test
    void put_objectWithIdZero_theSendersObjectKeepsIdZero_andTheIdComesInTheReply() {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "untouched");
        try {
            ActorRef<AtollWorker.Command> worker = kit.spawn(AtollWorker.create(CLASSES, dir, "untouched"));
            Message sent = new Message("mine");
            TestProbe<StatusReply<Long>> put = kit.createTestProbe();
            worker.tell(new AtollWorker.Put<>(Message.class, sent, put.getRef()));
            long id = put.receiveMessage().getValue();
            assertTrue(id > 0, "an id in the reply: " + id);
            assertEquals(0, sent.id, "the worker never writes into the sender's object");
            assertEquals("mine", db.collection(Message.class).get(id).content);
        } finally {
            db.close();
        }
    }

    @Test
    void putAll_objectsWithIdZero_keepIdZero_evenWhenTheGroupFallsBackToOneTransactionEach() {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "untouchedGroup");
        try {
            db.writeTxnSync(() -> db.collection(Message.class).put(new Message("taken", "u-1")));
            ActorRef<AtollWorker.Command> worker = kit.spawn(AtollWorker.create(CLASSES, dir, "untouchedGroup"));
            CountDownLatch latch = new CountDownLatch(1);
            block(worker, latch);
            List<Message> good = messages("g", 3);
            Message dup = new Message("dup", "u-1");
            TestProbe<StatusReply<List<Long>>> goodReply = kit.createTestProbe();
            TestProbe<StatusReply<List<Long>>> badReply = kit.createTestProbe();
            worker.tell(new AtollWorker.PutAll<>(Message.class, good, goodReply.getRef()));
            worker.tell(new AtollWorker.PutAll<>(Message.class, List.of(dup), badReply.getRef()));
            latch.countDown();
            List<Long> ids = goodReply.receiveMessage().getValue();
            assertInstanceOf(UniqueViolationException.class, errorOf(badReply.receiveMessage()));
            for (int i = 0; i < 3; i++) {
                assertEquals(0, good.get(i).id, "object " + i);
                assertEquals("g" + i, db.collection(Message.class).get(ids.get(i)).content);
            }
            assertEquals(0, dup.id);
        } finally {
            db.close();
        }
    }

    @Test
    void putAll_sameObjectTwiceWithIdZero_insertsTwoObjects() {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "twice");
        try {
            ActorRef<AtollWorker.Command> worker = kit.spawn(AtollWorker.create(CLASSES, dir, "twice"));
            Message same = new Message("again");
            TestProbe<StatusReply<List<Long>>> reply = kit.createTestProbe();
            worker.tell(new AtollWorker.PutAll<>(Message.class, List.of(same, same), reply.getRef()));
            List<Long> ids = reply.receiveMessage().getValue();
            assertEquals(2, new HashSet<>(ids).size(), "two ids: " + ids);
            assertEquals(2, db.collection(Message.class).count());
        } finally {
            db.close();
        }
    }

    @Test
    void putAll_uniqueViolation_repliesWithTheUniqueViolationException() {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "uniqueError");
        try {
            db.writeTxnSync(() -> db.collection(Message.class).put(new Message("taken", "u-1")));
            ActorRef<AtollWorker.Command> worker = kit.spawn(AtollWorker.create(CLASSES, dir, "uniqueError"));
            TestProbe<StatusReply<List<Long>>> reply = kit.createTestProbe();
            worker.tell(new AtollWorker.PutAll<>(Message.class, List.of(new Message("dup", "u-1")), reply.getRef()));
            UniqueViolationException e = assertInstanceOf(UniqueViolationException.class,
                    errorOf(reply.receiveMessage()));
            assertEquals(ErrorCode.UNIQUE_VIOLATION, e.code());
            assertTrue(e.getMessage().contains("uuid"), e.getMessage());
            assertEquals(1, db.collection(Message.class).count());
        } finally {
            db.close();
        }
    }

    @Test
    void putAll_tooManyObjectsWaiting_repliesWithAWorkerBusyException() {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "busyError");
        try {
            ActorRef<AtollWorker.Command> worker = kit.spawn(AtollWorker.create(CLASSES, dir, "busyError",
                    AtollWorker.Options.defaults().withMaxPendingObjects(10)));
            CountDownLatch latch = new CountDownLatch(1);
            block(worker, latch);
            TestProbe<StatusReply<List<Long>>> first = kit.createTestProbe();
            TestProbe<StatusReply<Long>> second = kit.createTestProbe();
            worker.tell(new AtollWorker.PutAll<>(Message.class, messages("p", 10), first.getRef()));
            worker.tell(new AtollWorker.Put<>(Message.class, new Message("one too many"), second.getRef()));
            latch.countDown();
            assertEquals(10, first.receiveMessage().getValue().size());
            WorkerBusyException e = assertInstanceOf(WorkerBusyException.class, errorOf(second.receiveMessage()));
            assertEquals(ErrorCode.WORKER_BUSY, e.code());
            assertEquals(14, e.code().number());
            assertTrue(e.getMessage().contains("'busyError'") && e.getMessage().contains("10 objects waiting")
                    && e.getMessage().contains("limit of 10"), e.getMessage());
            assertEquals(10, db.collection(Message.class).count(), "nothing of the refused request");
        } finally {
            db.close();
        }
    }

    @Test
    void query_functionThrows_repliesWithWhatItThrew() {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "queryError");
        try {
            ActorRef<AtollWorker.Command> worker = kit.spawn(AtollWorker.create(CLASSES, dir, "queryError"));
            IllegalStateException thrown = new IllegalStateException("boom in the query");
            TestProbe<StatusReply<Integer>> query = kit.createTestProbe();
            worker.tell(new AtollWorker.Query<Message, Integer>(Message.class, c -> {
                throw thrown;
            }, query.getRef()));
            assertSame(thrown, errorOf(query.receiveMessage()));
            AssertionError assertion = new AssertionError("an assertion in the query");
            worker.tell(new AtollWorker.Query<Message, Integer>(Message.class, c -> {
                throw assertion;
            }, query.getRef()));
            assertSame(assertion, errorOf(query.receiveMessage()), "survivable, and carried as it is");
        } finally {
            db.close();
        }
    }

    @Test
    void get_classNotACollection_repliesWithTheAtollException() {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "unknownClass");
        try {
            ActorRef<AtollWorker.Command> worker = kit.spawn(AtollWorker.create(CLASSES, dir, "unknownClass"));
            TestProbe<StatusReply<Optional<Counter>>> get = kit.createTestProbe();
            worker.tell(new AtollWorker.Get<>(Counter.class, 1, get.getRef()));
            AtollException e = assertInstanceOf(AtollException.class, errorOf(get.receiveMessage()));
            assertTrue(e.getMessage().contains("Counter"), e.getMessage());
        } finally {
            db.close();
        }
    }

    @Test
    void worker_openFails_repliesToEveryRequestWithTheOpensException() {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "openError");
        try {
            ActorRef<AtollWorker.Command> worker = kit.spawn(AtollWorker.create(List.of(Message.class,
                    Counter.class), dir, "openError"));
            TestProbe<StatusReply<List<Long>>> putAll = kit.createTestProbe();
            worker.tell(new AtollWorker.PutAll<>(Message.class, messages("x", 2), putAll.getRef()));
            SchemaMismatchException e = assertInstanceOf(SchemaMismatchException.class,
                    errorOf(putAll.receiveMessage()));
            assertEquals(ErrorCode.SCHEMA_MISMATCH, e.code());
            worker.tell(new AtollWorker.PutAll<>(Message.class, List.of(), putAll.getRef()));
            assertSame(e, errorOf(putAll.receiveMessage()), "an empty PutAll too");
            TestProbe<StatusReply<Long>> count = kit.createTestProbe();
            worker.tell(new AtollWorker.Query<>(Message.class, c -> c.count(), count.getRef()));
            assertSame(e, errorOf(count.receiveMessage()));
            assertEquals(0, db.collection(Message.class).count());
        } finally {
            db.close();
        }
    }

    @Test
    void putAll_chunkFailsAfterEarlierChunks_repliesWithAPartialWriteExceptionListingWhatStays() {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "partial");
        try {
            db.writeTxnSync(() -> db.collection(Message.class).put(new Message("taken", "u-1")));
            ActorRef<AtollWorker.Command> worker = kit.spawn(AtollWorker.create(CLASSES, dir, "partial",
                    AtollWorker.Options.defaults().withChunkSize(100)));
            List<Message> objects = new ArrayList<>(messages("c", 250));
            objects.set(150, new Message("dup", "u-1"));
            TestProbe<StatusReply<List<Long>>> reply = kit.createTestProbe();
            worker.tell(new AtollWorker.PutAll<>(Message.class, objects, reply.getRef()));
            PartialWriteException e = assertInstanceOf(PartialWriteException.class,
                    errorOf(reply.receiveMessage(Duration.ofSeconds(30))));
            assertEquals(ErrorCode.UNIQUE_VIOLATION, e.code());
            assertInstanceOf(UniqueViolationException.class, e.getCause());
            assertEquals(100, e.writtenIds().size());
            assertTrue(e.getMessage().contains("objects 100 to 199 of 250") && e.getMessage().contains("100 written"),
                    e.getMessage());
            for (int i = 0; i < 100; i++) {
                assertEquals("c" + i, db.collection(Message.class).get(e.writtenIds().get(i)).content);
            }
            assertEquals(101, db.collection(Message.class).count(), "the first chunk stays, nothing after it");
        } finally {
            db.close();
        }
    }

    @Test
    void putAll_firstChunkFails_repliesWithTheFailureItself() {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "firstChunk");
        try {
            db.writeTxnSync(() -> db.collection(Message.class).put(new Message("taken", "u-1")));
            ActorRef<AtollWorker.Command> worker = kit.spawn(AtollWorker.create(CLASSES, dir, "firstChunk",
                    AtollWorker.Options.defaults().withChunkSize(100)));
            List<Message> objects = new ArrayList<>(messages("c", 250));
            objects.set(50, new Message("dup", "u-1"));
            TestProbe<StatusReply<List<Long>>> reply = kit.createTestProbe();
            worker.tell(new AtollWorker.PutAll<>(Message.class, objects, reply.getRef()));
            assertInstanceOf(UniqueViolationException.class, errorOf(reply.receiveMessage(Duration.ofSeconds(30))));
            assertEquals(1, db.collection(Message.class).count());
        } finally {
            db.close();
        }
    }

    @Test
    @SuppressWarnings({"unchecked", "rawtypes"})
    void putAll_objectOfAnotherClassThroughRawTypes_repliesWithAnIllegalArgumentExceptionNamingBoth() {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "wrongObject");
        try {
            ActorRef<AtollWorker.Command> worker = kit.spawn(AtollWorker.create(CLASSES, dir, "wrongObject"));
            TestProbe<StatusReply<List<Long>>> reply = kit.createTestProbe();
            List objects = List.of(new Message("fine"), new Counter(0, 1));
            worker.tell(new AtollWorker.PutAll(Message.class, objects, reply.getRef()));
            IllegalArgumentException e = assertInstanceOf(IllegalArgumentException.class,
                    errorOf(reply.receiveMessage()));
            assertTrue(e.getMessage().contains(Counter.class.getName()) && e.getMessage().contains("'Message'"),
                    e.getMessage());
            assertEquals(0, db.collection(Message.class).count(), "nothing of the request");
        } finally {
            db.close();
        }
    }
}
