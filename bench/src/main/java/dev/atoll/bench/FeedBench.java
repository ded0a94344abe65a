package dev.atoll.bench;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.feed.ChangeEvent;
import dev.atoll.FeedProbe;
import dev.atoll.Subscription;
import dev.atoll.bench.model.Note;
import dev.atoll.bench.model.NoteData;
import dev.atoll.internal.store.StoreCore;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Sink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

/**
 * The change feed's figures (issue 12), one section of {@code bench/run.sh} ({@link RunAll}):
 * <ul>
 *   <li>Commit-to-subscriber latency, p50 and p99, with 1, 10, 100 and 1,000 subscribers of {@link Atoll#changes}
 *     (actors). The clock starts at the store's durable commit: its next-commit signal, which the store completes
 *     on its own thread once the commit is forced and readable (right after it handed the event to pub-sub), not
 *     at the writer's acknowledgement. One commit at a time: the next starts once every subscriber got the last.
 *     With 1 and 100 subscribers also the other paths, to see where the microseconds go: callback watchers
 *     ({@code watchLazy}: pub-sub, then the watcher actor runs the callback: one actor hop fewer than
 *     {@code changes}, which tells a target actor) and {@code changeSource} streams (no pub-sub: the commit signal
 *     wakes the stream, which reads the newest events from memory).</li>
 *   <li>Replay throughput: events per second of {@code changeSource} from the log after a reopen (decoded from the
 *     file, nothing in memory).</li>
 *   <li>The log's cost: single-commit latency (one small object, {@code sync} durability, through
 *     {@code writeTxnSync}) with the log on and off ({@link StoreCore#LOG_SWITCH}, internal), on fresh files, in
 *     pairs whose order alternates; the ratio on / off per pair.</li>
 * </ul>
 * Each figure is measured in {@link Sizes#reps()} repetitions; the report gives the median across them and a
 * bootstrap interval ({@link Stats#medianInterval}).
 *
 * <pre>java -cp ... dev.atoll.bench.FeedBench [--quick] [--watcher-commits=N] [--notes=N] [--singles=N]
 *     [--rounds=N]</pre>
 */
public final class FeedBench {
    /** The subscriber counts of the latency figures. */
    static final int[] SUBSCRIBERS = {1, 10, 100, 1_000};
    /** The subscriber counts at which every delivery path is measured. */
    static final int[] ALL_PATHS_AT = {1, 100};
    private static final int WARM = 30;
    /** A system property that runs one latency figure only, {@code ROUTE:subscribers}, for profiling. */
    static final String ONLY = "atoll.feedbench.only";

    private FeedBench() {
    }

    /**
     * The sizes, from the run's settings: {@code commits} per repetition ({@link Settings#watcherCommits()}), the
     * replayed events (a tenth of {@link Settings#notes()}), the single commits per log-cost measurement
     * ({@link Settings#singles()}), and the repetitions (two more than the comparison's rounds, at least 3).
     */
    record Sizes(int commits, int replay, int singles, int reps) {
        static Sizes of(Settings s) {
            return new Sizes(s.watcherCommits(), Math.max(10, s.notes() / 10), s.singles(),
                    Math.max(3, s.rounds() + 2));
        }
    }

    /** The delivery paths. */
    enum Route {
        CHANGES("changes actors"),
        CALLBACK("watchLazy callbacks"),
        STREAM("changeSource streams");

        final String label;

        Route(String label) {
            this.label = label;
        }
    }

    /** Runs on its own: the sizes of {@code bench/run.sh} (or {@code --quick}), printed. */
    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        Results results = new Results();
        run(settings, results);
        results.feed.forEach((figure, values) -> System.out.printf("%s: median %.1f %s%n", figure,
                Stats.median(values), values));
    }

    /** Measures every figure into {@link Results#feed}. */
    public static void run(Settings settings, Results results) throws Exception {
        Sizes sizes = Sizes.of(settings);
        String only = System.getProperty(ONLY);
        if (only != null) { // profiling one path: -Datoll.feedbench.only=STREAM:100
            String[] f = only.split(":");
            latency(settings.work(), Route.valueOf(f[0]), Integer.parseInt(f[1]), sizes, results);
            return;
        }
        Compare.log(String.format("feed: %,d commits x %d repetitions per size, replay of %,d, %,d single commits",
                sizes.commits(), sizes.reps(), sizes.replay(), sizes.singles()));
        for (int subscribers : SUBSCRIBERS) {
            for (Route path : Route.values()) {
                if (path == Route.CHANGES || Arrays.stream(ALL_PATHS_AT).anyMatch(n -> n == subscribers)) {
                    long t0 = System.nanoTime();
                    latency(settings.work(), path, subscribers, sizes, results);
                    Compare.log(String.format("feed: %s, %,d subscribers: p50 %s us (%.1f s)", path.label,
                            subscribers, results.feed.get(latencyFigure(path, subscribers, "p50")),
                            (System.nanoTime() - t0) / 1e9));
                }
            }
        }
        long t0 = System.nanoTime();
        replay(settings.work(), sizes, results);
        Compare.log(String.format("feed: replay %s events/s (%.1f s)", results.feed.get(REPLAY),
                (System.nanoTime() - t0) / 1e9));
        t0 = System.nanoTime();
        logCost(settings.work(), sizes, results, true);
        Compare.log(String.format("feed: log on / off %s (%.1f s)", results.feed.get(LOG_RATIO),
                (System.nanoTime() - t0) / 1e9));
        t0 = System.nanoTime();
        logCost(settings.work(), sizes, results, false);
        Compare.log(String.format("feed: log on / off, write durability %s (%.1f s)",
                results.feed.get(LOG_RATIO_WRITE), (System.nanoTime() - t0) / 1e9));
    }

    /** The figure name of a latency percentile. */
    static String latencyFigure(Route path, int subscribers, String percentile) {
        return String.format("%s, %,d subscriber%s: %s (us)", path.label, subscribers, subscribers == 1 ? "" : "s",
                percentile);
    }

    static final String REPLAY = "replay from the log after a reopen (events/s)";
    static final String LOG_ON = "single commit, log on: p50 (us)";
    static final String LOG_OFF = "single commit, log off: p50 (us)";
    static final String LOG_RATIO = "single commit, log on / off (x)";
    /**
     * The same without the fsync ({@code write} durability): the log's work is the same, the commit much shorter,
     * so this ratio bounds the log's share of a {@code sync} commit from above, free of the fsync's noise.
     */
    static final String LOG_ON_WRITE = "single commit (write), log on: p50 (us)";
    static final String LOG_OFF_WRITE = "single commit (write), log off: p50 (us)";
    static final String LOG_RATIO_WRITE = "single commit (write), log on / off (x)";

    private static void latency(Path work, Route path, int subscribers, Sizes sizes, Results results)
            throws Exception {
        Path dir = Files.createTempDirectory(work, "atoll-feed");
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "feed" + subscribers);
        try {
            Atoll db = Atoll.open(system, List.of(Note.class), dir, "feed");
            AtollCollection<Note> notes = db.collection(Note.class);
            AtomicLong committedAt = new AtomicLong();
            AtomicReference<CountDownLatch> delivered = new AtomicReference<>(new CountDownLatch(0));
            AtomicReference<double[]> sink = new AtomicReference<>();
            AtomicLong filled = new AtomicLong();
            Runnable onDelivery = () -> {
                long now = System.nanoTime();
                long at;
                while ((at = committedAt.get()) == 0) {
                    Thread.onSpinWait(); // told before the signal's callback ran on the store's thread
                }
                double[] into = sink.get();
                if (into != null) {
                    int i = (int) filled.getAndIncrement();
                    if (i < into.length) {
                        into[i] = (now - at) / 1000.0;
                    }
                }
                delivered.get().countDown();
            };
            List<Subscription> subs = subscribe(system, db, notes, path, subscribers, onDelivery);
            long id = 0;
            for (int rep = 0; rep <= sizes.reps(); rep++) { // rep 0 warms up
                int commits = rep == 0 ? Math.min(WARM, sizes.commits()) : sizes.commits();
                double[] micros = new double[commits * subscribers];
                filled.set(0);
                sink.set(rep == 0 ? null : micros);
                for (int i = 0; i < commits; i++) {
                    long n = ++id;
                    CountDownLatch latch = new CountDownLatch(subscribers);
                    delivered.set(latch);
                    committedAt.set(0);
                    FeedProbe.nextCommit(db).thenAccept(v -> committedAt.set(System.nanoTime()));
                    db.writeTxnSync(() -> notes.put(new Note(new NoteData(n, "n" + n, n, 1))));
                    if (!latch.await(60, TimeUnit.SECONDS)) {
                        throw new IllegalStateException(path.label + ": commit " + n + " did not reach every one of "
                                + subscribers + " subscribers");
                    }
                }
                if (rep > 0) {
                    results.feed(latencyFigure(path, subscribers, "p50"), Stats.percentile(micros, 50));
                    results.feed(latencyFigure(path, subscribers, "p99"), Stats.percentile(micros, 99));
                }
            }
            subs.forEach(Subscription::cancel);
            db.close(true);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
            deleteTree(dir);
        }
    }

    private static List<Subscription> subscribe(ActorSystem<Void> system, Atoll db, AtollCollection<Note> notes,
                                                Route path, int subscribers, Runnable onDelivery) {
        List<Subscription> subs = new ArrayList<>();
        for (int s = 0; s < subscribers; s++) {
            switch (path) {
                case CHANGES -> {
                    ActorRef<ChangeEvent> ref = system.systemActorOf(Behaviors.<ChangeEvent>receiveMessage(e -> {
                        if (e.isCommit()) {
                            onDelivery.run();
                        }
                        return Behaviors.same();
                    }), "sub" + s, Props.empty());
                    subs.add(Atoll.changes(system, db.name(), ref));
                }
                case CALLBACK -> subs.add(notes.watchLazy(onDelivery));
                case STREAM -> subs.add(Atoll.changeSource(system, db.name())
                        .to(Sink.foreach(e -> onDelivery.run())).run(system));
            }
        }
        return subs;
    }

    private static void replay(Path work, Sizes sizes, Results results) throws Exception {
        Path dir = Files.createTempDirectory(work, "atoll-replay");
        Config config = ConfigFactory.parseString("atoll.durability = write\natoll.change-log.max-entries = "
                + sizes.replay()).withFallback(ConfigFactory.load());
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "replay", config);
        try {
            Atoll db = Atoll.open(system, List.of(Note.class), dir, "replay");
            AtollCollection<Note> notes = db.collection(Note.class);
            long from = db.version();
            for (long i = 1; i <= sizes.replay(); i++) {
                long id = i;
                db.writeTxnSync(() -> notes.put(new Note(new NoteData(id, "n" + id, id, 1))));
            }
            db.close();
            for (int rep = 0; rep <= sizes.reps(); rep++) { // rep 0 warms up
                Atoll again = Atoll.open(system, List.of(Note.class), dir, "replay"); // nothing in memory
                long t0 = System.nanoTime();
                List<ChangeEvent> got = Atoll.changeSource(system, "replay", from).take(sizes.replay())
                        .runWith(Sink.seq(), system).toCompletableFuture().get(300, TimeUnit.SECONDS);
                double seconds = (System.nanoTime() - t0) / 1e9;
                if (got.size() != sizes.replay() || got.get(got.size() - 1).version() != from + sizes.replay()) {
                    throw new IllegalStateException("the replay gave " + got.size() + " events");
                }
                if (rep > 0) {
                    results.feed(REPLAY, sizes.replay() / seconds);
                }
                again.close();
            }
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
            deleteTree(dir);
        }
    }

    /**
     * The log's cost: pairs of single-commit runs with the log on and off, on fresh files, the order alternating
     * from pair to pair (so that drift of the machine falls on both).
     */
    private static void logCost(Path work, Sizes sizes, Results results, boolean sync) throws Exception {
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "logcost");
        try {
            singleCommits(system, work, true, sync, sizes.singles()); // warm-up, not recorded
            for (int pair = 0; pair < sizes.reps(); pair++) {
                boolean onFirst = pair % 2 == 0;
                double first = singleCommits(system, work, onFirst, sync, sizes.singles());
                double second = singleCommits(system, work, !onFirst, sync, sizes.singles());
                double on = onFirst ? first : second;
                double off = onFirst ? second : first;
                results.feed(sync ? LOG_ON : LOG_ON_WRITE, on);
                results.feed(sync ? LOG_OFF : LOG_OFF_WRITE, off);
                results.feed(sync ? LOG_RATIO : LOG_RATIO_WRITE, on / off);
            }
        } finally {
            System.clearProperty(StoreCore.LOG_SWITCH);
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(60, TimeUnit.SECONDS);
        }
    }

    /**
     * The median latency in microseconds of single-object commits on a fresh file, with the log on or off,
     * under {@code sync} or {@code write} durability.
     */
    private static double singleCommits(ActorSystem<Void> system, Path work, boolean log, boolean sync, int commits)
            throws Exception {
        Path dir = Files.createTempDirectory(work, "atoll-logcost");
        if (log) {
            System.clearProperty(StoreCore.LOG_SWITCH);
        } else {
            System.setProperty(StoreCore.LOG_SWITCH, "off"); // read when the store opens
        }
        try {
            Atoll db = Atoll.open(system, List.of(Note.class), dir, "cost", dev.atoll.AtollOptions.builder()
                    .durability(sync ? dev.atoll.AtollOptions.Durability.SYNC : dev.atoll.AtollOptions.Durability.WRITE)
                    .build());
            try {
                AtollCollection<Note> notes = db.collection(Note.class);
                double[] micros = new double[commits];
                int warm = Math.min(WARM, commits);
                for (int i = -warm; i < commits; i++) {
                    long n = i + warm + 1;
                    long t0 = System.nanoTime();
                    db.writeTxnSync(() -> notes.put(new Note(new NoteData(n, "n" + n, n, 1))));
                    if (i >= 0) {
                        micros[i] = (System.nanoTime() - t0) / 1000.0;
                    }
                }
                return Stats.percentile(micros, 50);
            } finally {
                db.close(true);
            }
        } finally {
            System.clearProperty(StoreCore.LOG_SWITCH);
            deleteTree(dir);
        }
    }

    private static void deleteTree(Path dir) throws java.io.IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
