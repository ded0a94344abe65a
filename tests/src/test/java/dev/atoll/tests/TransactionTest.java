package dev.atoll.tests;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.InstanceClosedException;
import dev.atoll.UniqueViolationException;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Transactions across actors: isolation, serializability, atomicity, and misuse. */
class TransactionTest {
    private static final List<Class<?>> CLASSES = List.of(Message.class, Counter.class, Tag.class, Tracked.class);
    private static ActorTestKit kit;

    @TempDir
    Path dir;
    private Atoll db;
    private AtollCollection<Message> messages;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("TransactionTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @BeforeEach
    void open() {
        db = Atoll.open(kit.system(), CLASSES, dir, "txn");
        messages = db.collection(Message.class);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private Atoll handle() {
        return Atoll.open(kit.system(), CLASSES, dir, "txn");
    }

    @Test
    void writeTxnSync_fourActorsIncrementingOneCounter_endsAtExactlyOneThousand() throws Exception {
        db.writeTxnSync(() -> db.collection(Counter.class).put(new Counter(1, 0)));
        List<CompletableFuture<Integer>> actors = new ArrayList<>();
        for (int a = 0; a < 4; a++) {
            actors.add(InActor.start(kit, () -> {
                Atoll mine = handle();
                try {
                    AtollCollection<Counter> counters = mine.collection(Counter.class);
                    for (int i = 0; i < 250; i++) {
                        mine.writeTxnSync(() -> {
                            Counter c = counters.get(1);
                            c.value++;
                            counters.put(c);
                        });
                    }
                    return 250;
                } finally {
                    mine.close();
                }
            }));
        }
        for (CompletableFuture<Integer> f : actors) {
            assertEquals(250, f.get(120, TimeUnit.SECONDS));
        }
        assertEquals(1000, db.collection(Counter.class).get(1).value);
    }

    @Test
    void txnSync_readsOneSnapshot_whileAnotherActorCommits() throws Exception {
        db.writeTxnSync(() -> messages.put(new Message("one")));
        CountDownLatch committed = new CountDownLatch(1);
        long[] counts = db.txnSync(() -> {
            long first = messages.count();
            InActor.start(kit, () -> {
                Atoll other = handle();
                try {
                    other.writeTxnSync(() -> other.collection(Message.class).put(new Message("two")));
                } finally {
                    other.close();
                    committed.countDown();
                }
                return null;
            });
            await(committed);
            return new long[] {first, messages.count(), messages.get(2) == null ? 0 : 1};
        });
        assertEquals(1, counts[0]);
        assertEquals(1, counts[1], "a read transaction must not see a commit made after it started");
        assertEquals(0, counts[2]);
        assertEquals(2, messages.count(), "a read outside a transaction sees the latest commit");
    }

    @Test
    void writeTxnSync_readsItsOwnWrites() {
        db.writeTxnSync(() -> messages.putAll(List.of(new Message("a", "u-a"), new Message("b", "u-b"))));
        db.writeTxnSync(() -> {
            long id = messages.put(new Message("c", "u-c"));
            assertEquals("c", messages.get(id).content);
            assertEquals(3, messages.count());
            assertEquals(id, messages.getByIndex("uuid", "u-c").id);
            assertTrue(messages.delete(1));
            assertNull(messages.get(1));
            assertNull(messages.getByIndex("uuid", "u-a"));
            assertFalse(messages.delete(1), "deleted in this transaction already");
            assertEquals(2, messages.count());
            messages.clear();
            assertEquals(0, messages.count());
            assertNull(messages.get(2));
            messages.put(new Message("d"));
            assertEquals(1, messages.count());
        });
        assertEquals(1, messages.count());
        assertEquals("d", messages.getAll(4).get(0).content);
    }

    @Test
    void writeTxnSync_bodyThrows_writesNothingAndPropagates() {
        db.writeTxnSync(() -> messages.put(new Message("kept")));
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> db.writeTxnSync(() -> {
            messages.put(new Message("lost"));
            messages.delete(1);
            throw new IllegalStateException("boom");
        }));
        assertEquals("boom", thrown.getMessage());
        assertEquals(1, messages.count());
        assertEquals("kept", messages.get(1).content);
    }

    @Test
    void put_outsideWriteTransaction_throwsNamingTheProblem() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> messages.put(new Message("x")));
        assertTrue(e.getMessage().contains("outside a write transaction"), e.getMessage());
        IllegalStateException inRead = assertThrows(IllegalStateException.class,
                () -> db.txnSync(() -> messages.delete(1)));
        assertTrue(inRead.getMessage().contains("outside a write transaction"), inRead.getMessage());
        assertThrows(IllegalStateException.class, () -> db.writeTxnSync(() -> db.txnSync(messages::count)),
                "transactions do not nest");
        assertEquals(0, messages.count());
    }

    @Test
    void closedHandle_throwsInstanceClosed() {
        Atoll other = handle();
        AtollCollection<Message> theirs = other.collection(Message.class);
        other.close();
        assertThrows(InstanceClosedException.class, () -> other.writeTxnSync(() -> theirs.put(new Message("x"))));
        assertThrows(InstanceClosedException.class, theirs::count);
    }

    @Test
    void uniqueIndex_takenValue_failsWholeTransactionNamingIndexAndValue() {
        db.writeTxnSync(() -> messages.put(new Message("first", "u-1")));
        UniqueViolationException e = assertThrows(UniqueViolationException.class, () -> db.writeTxnSync(() -> {
            messages.put(new Message("other", "u-2"));
            messages.put(new Message("second", "u-1"));
        }));
        assertTrue(e.getMessage().contains("uuid") && e.getMessage().contains("u-1"), e.getMessage());
        assertEquals(1, messages.count());
        assertNull(messages.getByIndex("uuid", "u-2"));
    }

    @Test
    void uniqueIndex_takenByAConcurrentTransaction_isCaughtByTheStore() throws Exception {
        CountDownLatch staged = new CountDownLatch(1);
        CountDownLatch otherCommitted = new CountDownLatch(1);
        CompletableFuture<Object> slow = InActor.start(kit, () -> {
            Atoll mine = handle();
            try {
                return mine.writeTxnSync(() -> {
                    mine.collection(Message.class).put(new Message("slow", "u-race"));
                    staged.countDown();
                    await(otherCommitted);
                    return "committed";
                });
            } catch (UniqueViolationException e) {
                return e;
            } finally {
                mine.close();
            }
        });
        await(staged);
        db.writeTxnSync(() -> messages.put(new Message("fast", "u-race")));
        otherCommitted.countDown();
        Object outcome = slow.get(30, TimeUnit.SECONDS);
        assertInstanceOf(UniqueViolationException.class, outcome);
        assertEquals(1, messages.count());
        assertEquals("fast", messages.getByIndex("uuid", "u-race").content);
    }

    @Test
    void uniqueCheckOfAPut_doesNotCountAsARead_soConcurrentWritersDoNotConflict() throws Exception {
        // Regression: the early unique check of put() recorded a read of the whole collection, so a
        // writer whose objects have a unique index ran its body again after any other commit.
        CountDownLatch staged = new CountDownLatch(1);
        CountDownLatch otherCommitted = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicInteger runs = new java.util.concurrent.atomic.AtomicInteger();
        CompletableFuture<Long> slow = InActor.start(kit, () -> {
            Atoll mine = handle();
            try {
                return mine.writeTxnSync(() -> {
                    runs.incrementAndGet();
                    long id = mine.collection(Message.class).put(new Message("slow", "u-slow"));
                    staged.countDown();
                    await(otherCommitted);
                    return id;
                });
            } finally {
                mine.close();
            }
        });
        await(staged);
        db.writeTxnSync(() -> messages.put(new Message("fast", "u-fast")));
        otherCommitted.countDown();
        long id = slow.get(30, TimeUnit.SECONDS);
        assertEquals(1, runs.get(), "the body must not run again: it read nothing");
        assertEquals("slow", messages.get(id).content);
        assertEquals(2, messages.count());
    }

    @Test
    void uniqueReplaceIndex_putWithTakenValue_replacesTheOldObject() {
        AtollCollection<Tag> tags = db.collection(Tag.class);
        long first = db.writeTxnSync(() -> tags.put(new Tag("java", 1)));
        long second = db.writeTxnSync(() -> {
            long id = tags.put(new Tag("java", 2));
            assertEquals(2, tags.get(first).uses, "reads in the transaction see the replace");
            return id;
        });
        assertEquals(first, second, "the object without an id takes over the replaced object's id, as in Isar");
        assertEquals(2, tags.get(first).uses);
        assertEquals(2, tags.getByIndex("name", "java").uses);
        assertEquals(1, tags.count());
    }

    @Test
    void autoIncrementIds_areUniqueAcrossActors_andWrittenBack() throws Exception {
        List<CompletableFuture<List<Message>>> writers = new ArrayList<>();
        for (int a = 0; a < 4; a++) {
            int actor = a;
            writers.add(InActor.start(kit, () -> {
                Atoll mine = handle();
                try {
                    AtollCollection<Message> theirs = mine.collection(Message.class);
                    List<Message> written = new ArrayList<>();
                    for (int t = 0; t < 10; t++) {
                        List<Message> batch = IntStream.range(0, 50)
                                .mapToObj(i -> new Message("actor " + actor)).toList();
                        List<Long> ids = mine.writeTxnSync(() -> theirs.putAll(batch));
                        for (int i = 0; i < batch.size(); i++) {
                            assertEquals(ids.get(i), batch.get(i).id);
                        }
                        written.addAll(batch);
                    }
                    return written;
                } finally {
                    mine.close();
                }
            }));
        }
        Set<Long> ids = new HashSet<>();
        for (CompletableFuture<List<Message>> w : writers) {
            for (Message m : w.get(60, TimeUnit.SECONDS)) {
                assertTrue(m.id > 0);
                assertTrue(ids.add(m.id), "id " + m.id + " given twice");
            }
        }
        assertEquals(2000, ids.size());
        assertEquals(2000, messages.count());
    }

    @Test
    void handle_usedFromTwoThreadsAtOnce_failsClearly() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Long> holder = CompletableFuture.supplyAsync(() -> db.txnSync(() -> {
            inside.countDown();
            await(release);
            return messages.count();
        }));
        await(inside);
        try {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> messages.get(1));
            assertTrue(e.getMessage().contains("in use by thread"), e.getMessage());
        } finally {
            release.countDown();
        }
        assertEquals(0, holder.get(10, TimeUnit.SECONDS));
        assertEquals(0, messages.count(), "the handle works again once the first thread is done");
    }

    @Test
    void bigPutAll_inOneActor_doesNotHoldUpOtherActorsReadsOrWrites() throws Exception {
        db.writeTxnSync(() -> messages.put(new Message("before")));
        CountDownLatch encoded = new CountDownLatch(1);
        CountDownLatch othersDone = new CountDownLatch(1);
        CompletableFuture<Integer> big = InActor.start(kit, () -> {
            Atoll mine = handle();
            try {
                AtollCollection<Message> theirs = mine.collection(Message.class);
                List<Message> many = IntStream.range(0, 100_000).mapToObj(i -> new Message("bulk " + i)).toList();
                return mine.writeTxnSync(() -> {
                    theirs.putAll(many);
                    encoded.countDown();
                    await(othersDone);
                    return many.size();
                });
            } finally {
                mine.close();
            }
        });
        await(encoded);
        // The big transaction is open with 100,000 encoded objects: others read and write freely.
        String read = InActor.run(kit, () -> {
            Atoll other = handle();
            try {
                AtollCollection<Message> theirs = other.collection(Message.class);
                other.writeTxnSync(() -> theirs.put(new Message("small")));
                return theirs.get(1).content + "/" + theirs.count();
            } finally {
                other.close();
            }
        });
        othersDone.countDown();
        assertEquals("before/2", read);
        assertEquals(100_000, big.get(120, TimeUnit.SECONDS));
        assertEquals(100_002, messages.count());
    }

    @Test
    void storeActor_neverConstructsUserObjects() throws Exception {
        AtollCollection<Tracked> tracked = db.collection(Tracked.class);
        Tracked.CONSTRUCTING_THREADS.clear();
        InActor.run(kit, () -> {
            Atoll mine = handle();
            try {
                AtollCollection<Tracked> theirs = mine.collection(Tracked.class);
                List<Tracked> objects = IntStream.range(0, 1000).mapToObj(i -> new Tracked()).toList();
                mine.writeTxnSync(() -> theirs.putAll(objects));
                return theirs.getAll(1, 2, 3).size();
            } finally {
                mine.close();
            }
        });
        assertNotNull(tracked.get(500));
        assertFalse(Tracked.CONSTRUCTING_THREADS.isEmpty());
        for (String thread : Tracked.CONSTRUCTING_THREADS) {
            assertFalse(thread.contains("store-dispatcher"), "a user object was built on " + thread);
        }
    }

    @Test
    void writeTxn_completesAfterTheCommit_andFailsOnAUniqueViolation() throws Exception {
        long id = db.writeTxn(() -> messages.put(new Message("async", "u-async"))).toCompletableFuture()
                .get(10, TimeUnit.SECONDS);
        assertEquals("async", messages.get(id).content);
        db.writeTxn(() -> {
            messages.put(new Message("hidden one", "u-x"));
        }).toCompletableFuture().get(10, TimeUnit.SECONDS);
        CompletableFuture<Long> failing = db.writeTxn(() -> messages.put(new Message("dup", "u-async")))
                .toCompletableFuture();
        // The body checks unique keys against its snapshot: the violation is thrown at once.
        assertTrue(failing.isCompletedExceptionally());
        CompletionException e = assertThrows(CompletionException.class, failing::join);
        assertInstanceOf(UniqueViolationException.class, e.getCause());
        assertEquals(2, messages.count());
    }

    static void await(CountDownLatch latch) {
        try {
            if (!latch.await(60, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting for a latch");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
