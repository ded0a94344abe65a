package dev.atoll.bench;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.AtollFlows;
import dev.atoll.AtollWorker;
import dev.atoll.feed.ChangeEvent;
import dev.atoll.Subscription;
import dev.atoll.bench.engines.AtollEngine;
import dev.atoll.bench.engines.BenchWorker;
import dev.atoll.bench.engines.Engine;
import dev.atoll.bench.engines.FloorEngine;
import dev.atoll.bench.engines.H2Engine;
import dev.atoll.bench.engines.NitriteEngine;
import dev.atoll.bench.engines.ObjectBoxEngine;
import dev.atoll.bench.engines.SqliteEngine;
import dev.atoll.bench.model.Data;
import dev.atoll.bench.model.Note;
import dev.atoll.bench.model.NoteData;
import dev.atoll.bench.model.Post;
import dev.atoll.bench.model.PostData;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The side-by-side comparison: the same workloads through every engine in one run. Each round runs every
 * engine once, on a fresh folder, in an order that rotates from round to round; the report takes medians
 * over rounds. Every workload's checksum must agree across engines, or the run says which did not.
 */
public final class Compare {
    /** Workload names, in order; the report and the chart use them as they are. */
    public static final String INSERT = "insert posts (1 txn)";
    public static final String GET = "get even ids";
    public static final String DELETE = "delete even ids (1 txn)";
    public static final String UPDATE = "update archived (1 txn)";
    public static final String FILTER = "filter words/title";
    public static final String SORTED = "filter archived, sort by title";
    public static final String INSERT_NOTES = "insert small objects (1 txn)";
    public static final String READ_NOTES = "read small objects";
    public static final String SINGLES = "single-object txns (all)";
    public static final List<String> WORKLOADS = List.of(INSERT, GET, DELETE, UPDATE, FILTER, SORTED, INSERT_NOTES,
            READ_NOTES, SINGLES);

    /** An engine slower than this at the file-size load stops there; the report gives the count it reached. */
    static final long FILE_SIZE_BUDGET_NANOS = TimeUnit.SECONDS.toNanos(90);

    private final Settings settings;
    private final Results results;
    private final Map<String, Map<String, Long>> checksums = new LinkedHashMap<>();
    private boolean silent;

    public Compare(Settings settings, Results results) {
        this.settings = settings;
        this.results = results;
    }

    /** The engines, Atoll first. */
    public static List<Supplier<Engine>> engines() {
        return List.of(AtollEngine::new, FloorEngine::new, ObjectBoxEngine::new, () -> new SqliteEngine(true),
                () -> new SqliteEngine(false), H2Engine::new, NitriteEngine::new);
    }

    /** Runs every round of the comparison. */
    public void rounds() throws Exception {
        List<PostData> posts = Data.posts(1, settings.posts());
        List<NoteData> notes = Data.notes(1, settings.notes());
        List<NoteData> singles = Data.notes(settings.notes() + 1, settings.singles());
        long[] even = Data.ids(2, settings.posts(), 2);
        long[] noteIds = Data.ids(1, settings.notes(), 1);
        List<Supplier<Engine>> engines = engines();
        warmUp(engines);
        for (int round = 0; round < settings.rounds(); round++) {
            for (int k = 0; k < engines.size(); k++) {
                Engine engine = engines.get((k + round) % engines.size()).get();
                if (results.failures.containsKey(engine.name())) {
                    continue;
                }
                log("round " + (round + 1) + "/" + settings.rounds() + ": " + engine.name());
                Path dir = Files.createTempDirectory(settings.work(), "bench-");
                try {
                    runOne(engine, dir, posts, notes, singles, even, noteIds);
                } catch (Exception | LinkageError e) {
                    results.failures.put(engine.name(), e.toString());
                    log("  FAILED: " + e);
                    e.printStackTrace();
                } finally {
                    try {
                        engine.close();
                    } catch (Exception e) {
                        log("  close failed: " + e);
                    }
                    deleteTree(dir);
                }
            }
        }
        checkChecksums();
    }

    /**
     * One untimed pass of every engine at a small size, so that native libraries are loaded and the JIT has
     * compiled each engine's code before the first timed round (the first engine of round 1 would pay it).
     */
    private void warmUp(List<Supplier<Engine>> engines) throws Exception {
        int n = Math.min(settings.posts(), 5_000);
        int m = Math.min(settings.notes(), 10_000);
        Results scratch = new Results();
        Compare quiet = new Compare(new Settings(n, m, Math.min(settings.singles(), 20), 1, 0, 0, 0, 0, false, 0,
                settings.out(), settings.work()), scratch);
        quiet.silent = true;
        List<PostData> posts = Data.posts(1, n);
        List<NoteData> notes = Data.notes(1, m);
        List<NoteData> singles = Data.notes(m + 1, quiet.settings.singles());
        log("warm-up: every engine once at " + n + " posts, untimed");
        for (Supplier<Engine> supplier : engines) {
            Engine engine = supplier.get();
            Path dir = Files.createTempDirectory(settings.work(), "bench-warm-");
            try {
                quiet.runOne(engine, dir, posts, notes, singles, Data.ids(2, n, 2), Data.ids(1, m, 1));
            } catch (Exception | LinkageError e) {
                results.failures.put(engine.name(), "warm-up: " + e);
                log("  " + engine.name() + " FAILED in the warm-up: " + e);
                e.printStackTrace();
            } finally {
                try {
                    engine.close();
                } catch (Exception e) {
                    log("  close failed: " + e);
                }
                deleteTree(dir);
            }
        }
    }

    private void runOne(Engine e, Path dir, List<PostData> posts, List<NoteData> notes, List<NoteData> singles,
                        long[] even, long[] noteIds) throws Exception {
        String name = e.name();
        results.durability.put(name, e.durability());
        e.open(dir);
        System.gc();
        Object preparedPosts = e.preparePosts(posts);
        timed(name, INSERT, () -> e.insertPosts(preparedPosts));
        timed(name, GET, () -> e.getPosts(even));
        timed(name, DELETE, () -> e.deletePosts(even));
        timed(name, UPDATE, e::updateArchived);
        timed(name, FILTER, e::filterWordsOrTitle);
        timed(name, SORTED, e::filterArchivedSorted);
        System.gc();
        Object preparedNotes = e.prepareNotes(notes);
        timed(name, INSERT_NOTES, () -> e.insertNotes(preparedNotes));
        timed(name, READ_NOTES, () -> e.readNotes(noteIds));
        Object preparedSingles = e.prepareNotes(singles);
        double[] micros = new double[singles.size()];
        long start = System.nanoTime();
        for (int i = 0; i < micros.length; i++) {
            long t0 = System.nanoTime();
            e.putNoteAlone(preparedSingles, i);
            micros[i] = (System.nanoTime() - t0) / 1000.0;
        }
        results.time(SINGLES, name, (System.nanoTime() - start) / 1e6);
        results.singleLatency.computeIfAbsent(name, n -> new ArrayList<>())
                .add(new double[] {Stats.percentile(micros, 50), Stats.percentile(micros, 99)});
        if (!silent) {
            log(String.format("  %-32s p50 %8.0f us, p99 %8.0f us", SINGLES, Stats.percentile(micros, 50),
                    Stats.percentile(micros, 99)));
        }
        checksum(name, "notes after singles", e.readNotes(Data.ids(1, settings.notes() + settings.singles(), 1)));
    }

    private interface Step {
        long run() throws Exception;
    }

    private void timed(String engine, String workload, Step step) throws Exception {
        long t0 = System.nanoTime();
        long checksum = step.run();
        double ms = (System.nanoTime() - t0) / 1e6;
        results.time(workload, engine, ms);
        checksum(engine, workload, checksum);
        if (!silent) {
            log(String.format("  %-32s %10.1f ms  (checksum %d)", workload, ms, checksum));
        }
    }

    private void checksum(String engine, String workload, long value) {
        checksums.computeIfAbsent(workload, w -> new LinkedHashMap<>()).merge(engine, value,
                (a, b) -> a.equals(b) ? a : Long.MIN_VALUE);
    }

    private void checkChecksums() {
        checksums.forEach((workload, byEngine) -> {
            long distinct = byEngine.values().stream().distinct().count();
            if (distinct > 1) {
                results.checks.add("checksums of '" + workload + "' differ: " + byEngine);
            }
        });
        if (results.checks.isEmpty()) {
            results.checks.add("every engine returned the same checksum for every workload, in every round");
        }
        results.checks.forEach(Compare::log);
    }

    /** The file-size workload: posts inserted in chunks of 10,000, one transaction per chunk, per engine. */
    public void fileSizes() throws Exception {
        int chunk = 10_000;
        for (Supplier<Engine> supplier : engines()) {
            Engine e = supplier.get();
            if (e instanceof AtollEngine || results.failures.containsKey(e.name())) {
                continue; // Atoll's figure comes from the memory probe, which runs the same load
            }
            log("file size: " + e.name());
            Path dir = Files.createTempDirectory(settings.work(), "bench-size-");
            try {
                e.open(dir);
                long t0 = System.nanoTime();
                long inserted = 0;
                for (int from = 1; from <= settings.fileSizePosts(); from += chunk) {
                    int n = Math.min(chunk, settings.fileSizePosts() - from + 1);
                    e.insertChunk(e.preparePosts(Data.posts(from, n)));
                    inserted += n;
                    if (System.nanoTime() - t0 > FILE_SIZE_BUDGET_NANOS && inserted < settings.fileSizePosts()) {
                        log(String.format("  stopped at %,d posts: over the time budget", inserted));
                        break;
                    }
                }
                results.fileSizeMillis.put(e.name(), (System.nanoTime() - t0) / 1_000_000);
                results.fileSizeObjects.put(e.name(), inserted);
                e.close();
                results.fileSizes.put(e.name(), e.fileSize());
                log(String.format("  %,d bytes", e.fileSize()));
            } catch (Exception | LinkageError ex) {
                results.failures.put(e.name() + " (file size)", ex.toString());
                log("  FAILED: " + ex);
                try {
                    e.close();
                } catch (Exception ignored) {
                    // already failing
                }
            } finally {
                deleteTree(dir);
            }
        }
    }

    /** Runs the memory probe in a child JVM with -Xmx256m; it also gives Atoll's file size. */
    public void memory() throws Exception {
        Path dir = Files.createTempDirectory(settings.work(), "bench-memory-");
        try {
            String java = ProcessHandle.current().info().command().orElse("java");
            List<String> cmd = List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                    MemoryProbe.class.getName(), dir.toString(), String.valueOf(settings.memoryPosts()), "10000");
            log("memory probe: " + settings.memoryPosts() + " posts in chunks of 10,000, -Xmx256m");
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = r.readLine()) != null) {
                    int eq = line.indexOf('=');
                    if (eq > 0 && line.substring(eq + 1).matches("-?[0-9]+")) {
                        results.memory.put(line.substring(0, eq), Long.parseLong(line.substring(eq + 1)));
                    }
                    log("  " + line);
                }
            }
            int exit = p.waitFor();
            if (exit != 0) {
                results.failures.put("Atoll (memory probe)", "exit status " + exit);
            } else {
                results.fileSizes.put("Atoll", results.memory.get("fileSize"));
                results.fileSizeObjects.put("Atoll", results.memory.get("objects"));
                results.fileSizeMillis.put("Atoll", results.memory.get("millis"));
            }
        } finally {
            deleteTree(dir);
        }
    }

    /**
     * Atoll-only workloads: the group-commit gain of 4 writers over 1, the commit-to-watcher latency across
     * actors (to a {@code ChangeEvent} subscriber and to a {@code watchLazy} callback), the throughput of 2
     * writer actors against 1 on encode-heavy posts, and of an {@code AtollWorker} fed by producer actors.
     */
    public void atollOnly() throws Exception {
        Path dir = Files.createTempDirectory(settings.work(), "bench-atoll-");
        ActorSystem<Void> system = AtollEngine.newSystem("atoll-only");
        try {
            groupCommit(system, dir.resolve("group"));
            watcher(system, dir.resolve("watch"));
            writers(system, dir.resolve("writers"));
            workerPutAll(system, dir.resolve("worker"));
            flowInsert(system, dir.resolve("flow"));
            json(system, dir.resolve("json"));
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
            deleteTree(dir);
        }
    }

    /**
     * JSON through the streams: {@code notes} small objects exported to a stream (bytes dropped) and as
     * one String, then imported from a file in transactions of 10,000 (the default).
     */
    private void json(ActorSystem<Void> system, Path dir) throws IOException {
        int n = settings.notes();
        Atoll source = Atoll.open(system, AtollEngine.CLASSES, dir.resolve("source"), "json-source");
        Atoll target = Atoll.open(system, AtollEngine.CLASSES, dir.resolve("target"), "json-target");
        try {
            AtollCollection<Note> notes = source.collection(Note.class);
            for (int from = 0; from < n; from += 10_000) {
                List<Note> batch = Data.notes(1 + from, Math.min(10_000, n - from)).stream().map(Note::new).toList();
                source.writeTxnSync(() -> notes.putAll(batch));
            }
            long[] bytes = {0};
            java.io.OutputStream drop = new java.io.OutputStream() {
                @Override
                public void write(int b) {
                    bytes[0]++;
                }

                @Override
                public void write(byte[] b, int off, int len) {
                    bytes[0] += len;
                }
            };
            long t0 = System.nanoTime();
            long written = notes.query().exportJson(new java.io.BufferedOutputStream(drop, 64 * 1024));
            double stream = written / ((System.nanoTime() - t0) / 1e9);
            long t1 = System.nanoTime();
            int chars = notes.query().exportJson().length();
            double string = n / ((System.nanoTime() - t1) / 1e9);
            Path file = dir.resolve("notes.json");
            try (java.io.OutputStream out = Files.newOutputStream(file)) {
                notes.query().exportJson(out);
            }
            long t2 = System.nanoTime();
            long read;
            try (java.io.InputStream in = Files.newInputStream(file)) {
                read = target.collection(Note.class).importJson(in);
            }
            double imported = read / ((System.nanoTime() - t2) / 1e9);
            results.atoll.put("JSON export to an OutputStream (objects/s)", stream);
            results.atoll.put("JSON export as one String (objects/s)", string);
            results.atoll.put("JSON import from an InputStream, 10,000 per txn (objects/s)", imported);
            log(String.format("json: %d objects (%d bytes, %d chars): export to a stream %.0f objects/s, as a String"
                    + " %.0f objects/s; import from a stream %.0f objects/s", n, bytes[0], chars, stream, string,
                    imported));
        } finally {
            source.close();
            target.close();
        }
    }

    private void groupCommit(ActorSystem<Void> system, Path dir) {
        int total = settings.singles();
        double one = singleWriters(system, dir.resolve("one"), 1, total);
        double four = singleWriters(system, dir.resolve("four"), 4, total);
        results.atoll.put("single-object txns, 1 writer (txn/s)", one);
        results.atoll.put("single-object txns, 4 writers (txn/s)", four);
        results.atoll.put("group-commit gain, 4 writers / 1 (x)", four / one);
        log(String.format("group commit: 1 writer %.0f txn/s, 4 writers %.0f txn/s", one, four));
    }

    /** Throughput of {@code writers} actors committing {@code total} single-object transactions between them. */
    private double singleWriters(ActorSystem<Void> system, Path dir, int writers, int total) {
        int each = total / writers;
        List<Function<Atoll, Integer>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            List<Note> mine = Data.notes(1 + (long) w * each, each).stream().map(Note::new).toList();
            tasks.add(db -> {
                AtollCollection<Note> c = db.collection(Note.class);
                for (Note n : mine) {
                    db.writeTxnSync(() -> c.put(n));
                }
                return mine.size();
            });
        }
        return objectsPerSecond(system, dir, "group" + writers, tasks);
    }

    private record Seen(long nanos, ChangeEvent event) {
    }

    private void watcher(ActorSystem<Void> system, Path dir) throws InterruptedException {
        LinkedBlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
        BenchWorker writer = BenchWorker.start(system, AtollEngine.CLASSES, dir, "watch");
        writer.call(Atoll::name);
        ActorRef<ChangeEvent> subscriber = system.systemActorOf(Behaviors.receiveMessage(event -> {
            seen.add(new Seen(System.nanoTime(), event));
            return Behaviors.same();
        }), "bench-watcher", org.apache.pekko.actor.typed.Props.empty());
        Subscription sub = Atoll.changes(system, "watch", subscriber);
        // A second watcher: a watchLazy callback, on a handle of this thread.
        LinkedBlockingQueue<Long> callbacks = new LinkedBlockingQueue<>();
        Atoll watching = Atoll.open(system, AtollEngine.CLASSES, dir, "watch");
        Subscription callback = watching.collection(Note.class).watchLazy(() -> callbacks.add(System.nanoTime()));
        try {
            // The subscription reaches the topic asynchronously: commit until a first event arrives.
            long warmId = 1_000_000_000L;
            while (seen.poll(50, TimeUnit.MILLISECONDS) == null) {
                long id = warmId++;
                writer.call(db -> db.writeTxnSync(() -> db.collection(Note.class).put(new Note(
                        new NoteData(id, "warm", 0, 0)))));
            }
            // Let the callbacks of the warm-up commits arrive, then forget them.
            Thread.sleep(300);
            callbacks.clear();
            int n = settings.watcherCommits();
            double[] fromStart = new double[n];
            double[] fromAck = new double[n];
            double[] callbackFromAck = new double[n];
            List<Note> notes = Data.notes(1, n).stream().map(Note::new).toList();
            for (int i = 0; i < n; i++) {
                Note note = notes.get(i);
                long[] times = writer.call(db -> {
                    long t0 = System.nanoTime();
                    db.writeTxnSync(() -> db.collection(Note.class).put(note));
                    return new long[] {t0, System.nanoTime()};
                });
                Seen s;
                do { // events of the warm-up commits may still be queued: skip to the one of this commit
                    s = seen.poll(10, TimeUnit.SECONDS);
                    if (s == null) {
                        throw new IllegalStateException("no change event for commit " + i);
                    }
                } while (!s.event().touches("Note", note.id));
                fromStart[i] = (s.nanos() - times[0]) / 1000.0;
                fromAck[i] = (s.nanos() - times[1]) / 1000.0;
                Long called = callbacks.poll(10, TimeUnit.SECONDS);
                if (called == null) {
                    throw new IllegalStateException("no watchLazy callback for commit " + i);
                }
                callbackFromAck[i] = (called - times[1]) / 1000.0;
            }
            results.atoll.put("watchLazy callback after the ack, p50 (us)", Stats.percentile(callbackFromAck, 50));
            results.atoll.put("watchLazy callback after the ack, p99 (us)", Stats.percentile(callbackFromAck, 99));
            results.atoll.put("commit-to-watcher after the ack, p50 (us)", Stats.percentile(fromAck, 50));
            results.atoll.put("commit-to-watcher after the ack, p99 (us)", Stats.percentile(fromAck, 99));
            results.atoll.put("write call start to watcher, p50 (us)", Stats.percentile(fromStart, 50));
            results.atoll.put("write call start to watcher, p99 (us)", Stats.percentile(fromStart, 99));
            log(String.format("watcher: after ack p50 %.0f us p99 %.0f us; from call start p50 %.0f us p99 %.0f us",
                    Stats.percentile(fromAck, 50), Stats.percentile(fromAck, 99), Stats.percentile(fromStart, 50),
                    Stats.percentile(fromStart, 99)));
        } finally {
            sub.cancel();
            callback.cancel();
            watching.close();
            writer.call(Atoll::close);
            writer.stop();
        }
    }

    /**
     * Objects per second of one {@code AtollWorker} fed {@code PutAll} messages of 100 small objects by 4
     * producer actors at once (each sends all its messages, then counts the replies). The worker writes
     * the messages waiting in its mailbox in one transaction (its group commit).
     */
    @SuppressWarnings("unchecked")
    private void workerPutAll(ActorSystem<Void> system, Path dir) throws Exception {
        int producers = 4;
        int messages = Math.max(1, settings.notes() / producers / 100);
        int perMessage = 100;
        List<List<Note>> batches = new ArrayList<>();
        for (int m = 0; m < producers * messages; m++) {
            batches.add(Data.notes(1 + (long) m * perMessage, perMessage).stream().map(Note::new).toList());
        }
        ActorRef<AtollWorker.Command> worker = system.systemActorOf(
                AtollWorker.create(AtollEngine.CLASSES, dir, "worker"), "bench-worker", Props.empty());
        CompletableFuture<Void>[] done = new CompletableFuture[producers];
        long t0 = System.nanoTime();
        for (int p = 0; p < producers; p++) {
            List<List<Note>> mine = batches.subList(p * messages, (p + 1) * messages);
            CompletableFuture<Void> finished = new CompletableFuture<>();
            done[p] = finished;
            system.systemActorOf(Behaviors.<StatusReply<List<Long>>>setup(ctx -> {
                for (List<Note> batch : mine) {
                    worker.tell(new AtollWorker.PutAll<>(Note.class, batch, ctx.getSelf()));
                }
                int[] left = {mine.size()};
                return Behaviors.receiveMessage(reply -> {
                    if (reply.isError()) {
                        finished.completeExceptionally(reply.getError());
                        return Behaviors.stopped();
                    }
                    if (--left[0] == 0) {
                        finished.complete(null);
                        return Behaviors.stopped();
                    }
                    return Behaviors.same();
                });
            }), "bench-producer-" + p, Props.empty());
        }
        CompletableFuture.allOf(done).get(120, TimeUnit.SECONDS);
        double rate = producers * messages * perMessage / ((System.nanoTime() - t0) / 1e9);
        results.atoll.put("AtollWorker PutAll from 4 producer actors (objects/s)", rate);
        log(String.format("worker: %d producers x %d PutAll of %d -> %.0f objects/s", producers, messages,
                perMessage, rate));
    }

    /**
     * Objects per second of {@code AtollFlows.insert} (default settings: batches of 1,000, 4 committing at
     * once) fed the same number of small objects as {@link #workerPutAll}, beside it.
     */
    private void flowInsert(ActorSystem<Void> system, Path dir) throws Exception {
        int total = Math.max(1, settings.notes() / 400) * 400;
        List<Note> notes = Data.notes(1, total).stream().map(Note::new).toList(); // with ids, as the worker's
        Atoll db = Atoll.open(system, AtollEngine.CLASSES, dir, "flow");
        try {
            long t0 = System.nanoTime();
            long written = org.apache.pekko.stream.javadsl.Source.from(notes)
                    .via(AtollFlows.insert(system, "flow", Note.class, AtollFlows.WriteSettings.defaults()))
                    .runWith(org.apache.pekko.stream.javadsl.Sink.fold(0L, (count, id) -> count + 1), system)
                    .toCompletableFuture().get(120, TimeUnit.SECONDS);
            double rate = total / ((System.nanoTime() - t0) / 1e9);
            if (written != total) {
                throw new IllegalStateException("the flow emitted " + written + " ids for " + total + " objects");
            }
            results.atoll.put("AtollFlows.insert, batches of 1,000 (objects/s)", rate);
            log(String.format("flow: %d objects -> %.0f objects/s", total, rate));
        } finally {
            db.close();
        }
    }

    private void writers(ActorSystem<Void> system, Path dir) {
        int total = settings.heavyPosts();
        List<Double> one = new ArrayList<>();
        List<Double> two = new ArrayList<>();
        for (int round = 0; round < Math.max(1, settings.rounds()); round++) {
            one.add(heavyWriters(system, dir.resolve("one-" + round), 1, total));
            two.add(heavyWriters(system, dir.resolve("two-" + round), 2, total));
        }
        double o = Stats.median(one);
        double t = Stats.median(two);
        results.atoll.put("encode-heavy posts, 1 writer (objects/s)", o);
        results.atoll.put("encode-heavy posts, 2 writers (objects/s)", t);
        results.atoll.put("2 writers / 1 (x)", t / o);
        log(String.format("writers: 1 -> %.0f objects/s, 2 -> %.0f objects/s (%.2fx)", o, t, t / o));
    }

    /** Objects per second of {@code writers} actors inserting encode-heavy posts in transactions of 1,000. */
    private double heavyWriters(ActorSystem<Void> system, Path dir, int writers, int total) {
        int each = total / writers;
        List<Function<Atoll, Integer>> tasks = new ArrayList<>();
        for (int w = 0; w < writers; w++) {
            List<Post> mine = Data.posts(1 + (long) w * each, each, 100, 200).stream().map(Post::new).toList();
            tasks.add(db -> {
                AtollCollection<Post> c = db.collection(Post.class);
                for (int from = 0; from < mine.size(); from += 1000) {
                    List<Post> chunk = mine.subList(from, Math.min(mine.size(), from + 1000));
                    db.writeTxnSync(() -> c.putAll(chunk));
                }
                return mine.size();
            });
        }
        return objectsPerSecond(system, dir, "heavy", tasks);
    }

    /**
     * Objects per second of one writer actor per task, each with its own handle on the named instance,
     * all started at once once every handle is open; a task returns how many objects it wrote.
     */
    private static double objectsPerSecond(ActorSystem<Void> system, Path dir, String instance,
                                           List<Function<Atoll, Integer>> tasks) {
        List<BenchWorker> workers = new ArrayList<>();
        for (int w = 0; w < tasks.size(); w++) {
            workers.add(BenchWorker.start(system, AtollEngine.CLASSES, dir, instance));
        }
        try {
            for (BenchWorker w : workers) {
                w.call(Atoll::name);
            }
            System.gc();
            long t0 = System.nanoTime();
            List<CompletableFuture<Integer>> done = new ArrayList<>();
            for (int w = 0; w < tasks.size(); w++) {
                done.add(workers.get(w).submit(tasks.get(w)));
            }
            int n = 0;
            for (CompletableFuture<Integer> f : done) {
                n += f.join();
            }
            return n / ((System.nanoTime() - t0) / 1e9);
        } finally {
            for (BenchWorker w : workers) {
                w.call(db -> db.close(true));
                w.stop();
            }
        }
    }

    /** Deletes a folder and everything in it; nothing when it is gone already. */
    public static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    static void log(String line) {
        System.out.println(line);
        System.out.flush();
    }
}
