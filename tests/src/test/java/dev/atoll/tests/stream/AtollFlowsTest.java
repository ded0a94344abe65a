package dev.atoll.tests.stream;

import dev.atoll.Atoll;
import dev.atoll.AtollException;
import dev.atoll.AtollFlows;
import dev.atoll.feed.ChangeEvent;
import dev.atoll.ErrorCode;
import dev.atoll.InstanceClosedException;
import dev.atoll.UniqueViolationException;
import dev.atoll.tests.Counter;
import dev.atoll.tests.Message;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Bulk inserts through {@link AtollFlows}: order, batches, backpressure, failure, the stream's handle. */
class AtollFlowsTest {
    private static final List<Class<?>> CLASSES = List.of(Message.class);
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("AtollFlowsTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private static List<Message> messages(String prefix, int n) {
        return IntStream.range(0, n).mapToObj(i -> new Message(prefix + i)).toList();
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(60, TimeUnit.SECONDS);
    }

    /** What a stage failed with (the cause of the future's ExecutionException). */
    private static Throwable failureOf(CompletionStage<?> stage) {
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> stage.toCompletableFuture().get(60, TimeUnit.SECONDS));
        return e.getCause();
    }

    @Test
    void insert_idsComeInTheOrderOfTheObjects_eachReadsBack_andTheObjectsKeepIdZero() throws Exception {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "order");
        try {
            List<Message> sent = messages("m", 2_500);
            List<Long> ids = await(Source.from(sent)
                    .via(AtollFlows.insert(kit.system(), "order", Message.class,
                            AtollFlows.WriteSettings.defaults().withBatchSize(1_000).withParallelism(3)))
                    .runWith(Sink.seq(), kit.system()));
            assertEquals(2_500, ids.size());
            for (int i = 0; i < ids.size(); i++) {
                if (i > 0) {
                    assertTrue(ids.get(i) > ids.get(i - 1), "ids in order at " + i + ": " + ids.get(i - 1) + ", "
                            + ids.get(i));
                }
                assertEquals("m" + i, db.collection(Message.class).get(ids.get(i)).content, "object " + i);
                assertEquals(0, sent.get(i).id, "the stream's object " + i + " is not written into");
            }
            assertEquals(2_500, db.collection(Message.class).count());
        } finally {
            assertTrue(db.close(), "the flow completed after closing its handle, so the test's handle is the last");
        }
    }

    @Test
    void insertBatches_emitsBatchesOfTheChosenSize_eachItsOwnTransaction() throws Exception {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "batches");
        try {
            TestProbe<ChangeEvent> events = kit.createTestProbe();
            Atoll.changes(kit.system(), "batches", events.getRef());
            List<List<Long>> batches = await(Source.from(messages("b", 2_500))
                    .via(AtollFlows.insertBatches(kit.system(), "batches", Message.class,
                            AtollFlows.WriteSettings.defaults().withBatchSize(1_000)))
                    .runWith(Sink.seq(), kit.system()));
            assertEquals(List.of(1_000, 1_000, 500), batches.stream().map(List::size).toList());
            long version = -1;
            for (List<Long> batch : batches) {
                ChangeEvent event = events.receiveMessage();
                assertArrayEquals(batch.stream().mapToLong(Long::longValue).toArray(),
                        event.changes().get("Message").inserted(), "one commit per batch, in order");
                if (version >= 0) {
                    assertEquals(version + 1, event.version());
                }
                version = event.version();
            }
        } finally {
            db.close();
        }
    }

    @Test
    void insertBatches_slowDownstream_holdsAtMostParallelismPlusTwoBatches() throws Exception {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "backpressure");
        try {
            int batchSize = 100;
            int parallelism = 2;
            int total = 5_000;
            AtomicInteger pulled = new AtomicInteger();
            AtomicLong delivered = new AtomicLong();
            AtomicLong mostHeld = new AtomicLong();
            Iterator<Message> producer = new Iterator<>() {
                @Override
                public boolean hasNext() {
                    return pulled.get() < total;
                }

                @Override
                public Message next() {
                    int i = pulled.incrementAndGet();
                    mostHeld.accumulateAndGet(i - delivered.get(), Math::max);
                    return new Message("s" + i);
                }
            };
            SinkQueueWithCancel<List<Long>> queue = Source.fromIterator(() -> producer)
                    .via(AtollFlows.insertBatches(kit.system(), "backpressure", Message.class,
                            new AtollFlows.WriteSettings(batchSize, parallelism)))
                    .runWith(Sink.<List<Long>>queue().withAttributes(Attributes.inputBuffer(1, 1)), kit.system());
            // the batch being filled, the batches committing, and the one the queue holds
            long bound = (long) (parallelism + 2) * batchSize;
            int batches = 0;
            while (true) {
                Optional<List<Long>> next = await(queue.pull());
                if (next.isEmpty()) {
                    break;
                }
                batches++;
                delivered.addAndGet(next.get().size());
                assertTrue(pulled.get() - delivered.get() <= bound, "held " + (pulled.get() - delivered.get())
                        + " objects after " + batches + " batches, over " + bound);
            }
            assertEquals(total / batchSize, batches);
            assertEquals(total, delivered.get());
            // seen from the producer, the batch this test has just taken counts too, until it is added up
            assertTrue(mostHeld.get() <= bound + batchSize, "the stage held " + mostHeld.get() + " objects, over "
                    + (bound + batchSize));
            assertEquals(total, db.collection(Message.class).count());
        } finally {
            db.close();
        }
    }

    @Test
    void insert_batchBreaksAUniqueIndex_failsTheStreamWithIt_andOnlyTheBatchesBeforeItAreWritten() throws Exception {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "failure");
        try {
            db.writeTxnSync(() -> db.collection(Message.class).put(new Message("taken", "u-1")));
            List<Message> sent = new ArrayList<>(messages("f", 300));
            sent.set(150, new Message("dup", "u-1"));
            List<Long> emitted = new ArrayList<>();
            CompletionStage<Done> run = Source.from(sent)
                    .via(AtollFlows.insert(kit.system(), "failure", Message.class, new AtollFlows.WriteSettings(100, 1)))
                    .runWith(Sink.foreach(emitted::add), kit.system());
            UniqueViolationException e = assertInstanceOf(UniqueViolationException.class, failureOf(run));
            assertEquals(ErrorCode.UNIQUE_VIOLATION, e.code());
            assertTrue(e.getMessage().contains("uuid"), e.getMessage());
            assertEquals(100, emitted.size(), "the first batch's ids");
            assertEquals(101, db.collection(Message.class).count(), "the first batch; not the failing one, nor after");
            for (int i = 0; i < 100; i++) {
                assertEquals("f" + i, db.collection(Message.class).get(emitted.get(i)).content);
            }
        } finally {
            db.close();
        }
    }

    @Test
    void sink_batchFails_stageFailsAfterTheHandleIsClosed() throws Exception {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "sinkFailure");
        db.writeTxnSync(() -> db.collection(Message.class).put(new Message("taken", "u-1")));
        List<Message> sent = new ArrayList<>(messages("f", 300));
        sent.set(250, new Message("dup", "u-1"));
        CompletionStage<Done> run = Source.from(sent)
                .runWith(AtollFlows.sink(kit.system(), "sinkFailure", Message.class, new AtollFlows.WriteSettings(100, 3)),
                        kit.system());
        assertInstanceOf(UniqueViolationException.class, failureOf(run));
        assertEquals(201, db.collection(Message.class).count());
        assertTrue(db.close(), "the sink's handle is closed, so the test's handle is the last");
    }

    @Test
    void sink_completes_afterEverythingIsWritten_andItsHandleIsClosed() throws Exception {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "sink");
        assertEquals(Done.getInstance(), await(Source.from(messages("k", 1_234))
                .runWith(AtollFlows.sink(kit.system(), "sink", Message.class, AtollFlows.WriteSettings.defaults()),
                        kit.system())));
        assertEquals(1_234, db.collection(Message.class).count());
        assertTrue(db.close(), "the sink's handle is closed, so the test's handle is the last");
    }

    @Test
    void sink_emptyStream_completesAndWritesNothing() throws Exception {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "empty");
        assertEquals(Done.getInstance(), await(Source.<Message>empty()
                .runWith(AtollFlows.sink(kit.system(), "empty", Message.class, AtollFlows.WriteSettings.defaults()),
                        kit.system())));
        assertEquals(0, db.collection(Message.class).count());
        assertTrue(db.close());
    }

    @Test
    void insert_instanceNotOpen_failsWithInstanceClosedException() {
        CompletionStage<Done> run = Source.from(messages("n", 3))
                .via(AtollFlows.insert(kit.system(), "notOpen", Message.class, AtollFlows.WriteSettings.defaults()))
                .runWith(Sink.ignore(), kit.system());
        InstanceClosedException e = assertInstanceOf(InstanceClosedException.class, failureOf(run));
        assertEquals(ErrorCode.INSTANCE_CLOSED, e.code());
        assertTrue(e.getMessage().contains("'notOpen'") && e.getMessage().contains("not open"), e.getMessage());
    }

    @Test
    void sink_classNotACollection_failsWithAnAtollExceptionNamingIt_andClosesItsHandle() throws Exception {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "wrongClass");
        CompletionStage<Done> run = Source.single(new Counter(0, 1))
                .runWith(AtollFlows.sink(kit.system(), "wrongClass", Counter.class, AtollFlows.WriteSettings.defaults()),
                        kit.system());
        AtollException e = assertInstanceOf(AtollException.class, failureOf(run));
        assertTrue(e.getMessage().contains("Counter"), e.getMessage());
        assertTrue(db.close(), "the sink's handle is closed");
    }

    @Test
    void writeSettings_valueNotAboveZero_isRefusedNamingIt() {
        IllegalArgumentException batch = assertThrows(IllegalArgumentException.class,
                () -> new AtollFlows.WriteSettings(0, 1));
        assertEquals("batchSize 0 of AtollFlows.WriteSettings must be above 0", batch.getMessage());
        IllegalArgumentException parallelism = assertThrows(IllegalArgumentException.class,
                () -> AtollFlows.WriteSettings.defaults().withParallelism(0));
        assertEquals("parallelism 0 of AtollFlows.WriteSettings must be above 0", parallelism.getMessage());
        assertThrows(IllegalArgumentException.class, () -> AtollFlows.WriteSettings.defaults().withBatchSize(-1));
        assertEquals(new AtollFlows.WriteSettings(1_000, 4), AtollFlows.WriteSettings.defaults());
        assertEquals(new AtollFlows.WriteSettings(1, 1), new AtollFlows.WriteSettings(1, 4).withParallelism(1));
        assertEquals(new AtollFlows.WriteSettings(7, 4), AtollFlows.WriteSettings.defaults().withBatchSize(7));
    }
}
