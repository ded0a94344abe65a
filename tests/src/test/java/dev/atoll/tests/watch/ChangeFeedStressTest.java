package dev.atoll.tests.watch;

import com.typesafe.config.ConfigFactory;
import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.feed.ChangeEvent;
import dev.atoll.Subscription;
import dev.atoll.tests.Counter;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12's stress: writers commit as fast as they can while subscribers of every kind ({@link Atoll#changes}
 * live and from a version, {@link Atoll#changeSource} live and from a version) subscribe and cancel in a loop;
 * each must have seen a consecutive run of versions from its start, once each, in order, and an actor
 * subscriber a last END event with the last version it got. Sizes: {@code -Datoll.feed.commits=N} (commits
 * per writer, default 300), {@code -Datoll.feed.subscribers=N} (default 150); seed {@code -Datoll.test.seed=N}.
 */
class ChangeFeedStressTest {
    private static final long SEED = Long.getLong("atoll.test.seed", 12L);
    private static final int COMMITS = Integer.getInteger("atoll.feed.commits", 300);
    private static final int SUBSCRIBERS = Integer.getInteger("atoll.feed.subscribers", 150);
    private static final int WRITERS = 2;

    @TempDir
    Path dir;

    private ActorTestKit kit;

    @BeforeEach
    void start() {
        kit = ActorTestKit.create("ChangeFeedStressTest", ConfigFactory.parseString("atoll.durability = write")
                .withFallback(ConfigFactory.load()));
    }

    @AfterEach
    void stop() {
        kit.shutdownTestKit();
    }

    /** An actor subscriber: keeps what it gets, and counts down on END. */
    private final class Collector {
        final ConcurrentLinkedQueue<ChangeEvent> events = new ConcurrentLinkedQueue<>();
        final CountDownLatch ended = new CountDownLatch(1);
        final long from;
        final ActorRef<ChangeEvent> ref;
        Subscription subscription;

        Collector(long from) {
            this.from = from;
            this.ref = kit.spawn(Behaviors.receiveMessage(e -> {
                events.add(e);
                if (e.kind() == ChangeEvent.Kind.END) {
                    ended.countDown();
                }
                return Behaviors.same();
            }));
        }

        void check(String what) throws InterruptedException {
            assertTrue(ended.await(30, TimeUnit.SECONDS), what + ": no END event");
            List<ChangeEvent> got = new ArrayList<>(events);
            ChangeEvent end = got.remove(got.size() - 1);
            assertEquals(ChangeEvent.Kind.END, end.kind(), what + ": the END event is the last one");
            long previous = from;
            for (ChangeEvent e : got) {
                assertEquals(ChangeEvent.Kind.COMMIT, e.kind(), what + ": " + e);
                if (previous >= 0) {
                    assertEquals(previous + 1, e.version(), what + ": versions " + versions(got));
                }
                previous = e.version();
            }
            if (previous >= 0) {
                assertEquals(previous, end.version(), what + ": END carries the last version sent");
            }
        }
    }

    private static List<Long> versions(List<ChangeEvent> events) {
        return events.stream().map(ChangeEvent::version).toList();
    }

    private static void assertConsecutive(long from, List<ChangeEvent> events, String what) {
        long previous = from;
        for (ChangeEvent e : events) {
            assertEquals(ChangeEvent.Kind.COMMIT, e.kind(), what + ": " + e);
            if (previous >= 0) {
                assertEquals(previous + 1, e.version(), what + ": versions " + versions(events));
            }
            previous = e.version();
        }
    }

    @Test
    void feed_writersAtFullSpeed_subscribersComingAndGoing_eachSeesAConsecutiveRunFromItsStart()
            throws Exception {
        System.out.println("ChangeFeedStressTest seed " + SEED + ", " + WRITERS + " writers x " + COMMITS
                + " commits, " + SUBSCRIBERS + " subscribers");
        Random random = new Random(SEED);
        Atoll db = Atoll.open(kit.system(), List.of(Counter.class), dir, "stress");
        long first = db.version();
        long last = first + (long) WRITERS * COMMITS;
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int w = 0; w < WRITERS; w++) {
            int writer = w;
            writers.add(CompletableFuture.runAsync(() -> {
                Atoll mine = Atoll.getInstance(kit.system(), "stress").orElseThrow();
                try {
                    AtollCollection<Counter> counters = mine.collection(Counter.class);
                    for (int i = 0; i < COMMITS; i++) {
                        long id = 1 + writer * 1_000_000L + i;
                        mine.writeTxnSync(() -> counters.put(new Counter(id, id)));
                    }
                } finally {
                    mine.close();
                }
            }, runnable -> new Thread(runnable, "writer-" + writer).start()));
        }
        CompletableFuture<Void> written = CompletableFuture.allOf(writers.toArray(new CompletableFuture[0]));

        List<Collector> collectors = new ArrayList<>();
        List<Collector> active = new ArrayList<>();
        List<Pair<Long, CompletionStage<List<ChangeEvent>>>> streams = new ArrayList<>();
        List<Pair<Subscription, CompletionStage<List<ChangeEvent>>>> cancelledStreams = new ArrayList<>();
        for (int n = 0; n < SUBSCRIBERS; n++) {
            long now = db.version();
            switch (random.nextInt(4)) {
                case 0 -> { // Atoll.changes, live: its start is whatever version it first gets
                    Collector c = new Collector(-1);
                    c.subscription = Atoll.changes(kit.system(), "stress", c.ref);
                    collectors.add(c);
                    active.add(c);
                }
                case 1 -> { // Atoll.changes from a version a little behind
                    long from = Math.max(0, now - random.nextInt(40));
                    Collector c = new Collector(from);
                    c.subscription = Atoll.changes(kit.system(), "stress", from, c.ref);
                    collectors.add(c);
                    active.add(c);
                }
                case 2 -> { // changeSource from a version, a bounded run that the writers will reach
                    long from = Math.max(0, now - random.nextInt(40));
                    int take = 1 + random.nextInt(60);
                    if (from + take <= last) {
                        streams.add(Pair.create(from, Atoll.changeSource(kit.system(), "stress", from).take(take)
                                .runWith(Sink.seq(), kit.system())));
                    }
                }
                default -> { // changeSource live, cancelled later
                    cancelledStreams.add(Atoll.changeSource(kit.system(), "stress").toMat(Sink.seq(), Keep.both())
                            .run(kit.system()));
                }
            }
            if (active.size() > 8) {
                active.remove(random.nextInt(active.size())).subscription.cancel();
            }
            if (cancelledStreams.size() % 5 == 4) {
                cancelledStreams.get(random.nextInt(cancelledStreams.size())).first().cancel();
            }
        }
        written.get(120, TimeUnit.SECONDS);
        assertEquals(last, db.version(), "every commit got the next version");
        for (Collector c : active) {
            c.subscription.cancel();
        }
        for (int i = 0; i < collectors.size(); i++) {
            collectors.get(i).check("actor subscriber " + i + " from " + collectors.get(i).from);
        }
        for (Pair<Long, CompletionStage<List<ChangeEvent>>> s : streams) {
            List<ChangeEvent> got = s.second().toCompletableFuture().get(30, TimeUnit.SECONDS);
            assertEquals(s.first() + 1, got.get(0).version(), "a source from " + s.first() + " starts after it");
            assertConsecutive(s.first(), got, "source from " + s.first());
        }
        for (Pair<Subscription, CompletionStage<List<ChangeEvent>>> s : cancelledStreams) {
            s.first().cancel();
            assertConsecutive(-1, s.second().toCompletableFuture().get(30, TimeUnit.SECONDS), "live source");
            assertTrue(s.first().isCancelled());
        }
        // the whole run, replayed from the log
        List<ChangeEvent> all = Atoll.changeSource(kit.system(), "stress", first).take(last - first)
                .runWith(Sink.seq(), kit.system()).toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertConsecutive(first, all, "the replay of the whole run");
        assertEquals(last, all.get(all.size() - 1).version());
        db.close();
        System.out.println("ChangeFeedStressTest: " + collectors.size() + " actor subscribers, " + streams.size()
                + " bounded and " + cancelledStreams.size() + " cancelled sources checked");
    }
}
