package dev.atoll.bench;

import dev.atoll.Atoll;
import dev.atoll.AtollFlows;
import dev.atoll.AtollWorker;
import dev.atoll.bench.model.Note;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Bulk insert rates (issue 13): the same objects written through {@link AtollFlows#insert} (a stream, batches
 * of a chosen size, several committing at once) and through one {@link AtollWorker.PutAll} (the worker writes
 * it in chunks of the same size, one after the other), each into a fresh instance under the default
 * ({@code sync}) durability. One warm-up pass, then the measured one; objects per second.
 *
 * <pre>java -cp ... dev.atoll.bench.StreamBench [objects=200000] [batch=5000]
 * java -cp ... dev.atoll.bench.StreamBench --quick</pre>
 */
public final class StreamBench {
    private static int workers;

    private StreamBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean quick = List.of(args).contains("--quick");
        List<String> rest = new ArrayList<>(List.of(args));
        rest.remove("--quick");
        int objects = !rest.isEmpty() ? Integer.parseInt(rest.get(0)) : quick ? 2_000 : 200_000;
        int batch = rest.size() > 1 ? Integer.parseInt(rest.get(1)) : quick ? 500 : 5_000;
        Map<String, Double> rates = run(objects, batch);
        System.out.println("StreamBench: " + objects + " objects, batches of " + batch + "; "
                + Runtime.getRuntime().availableProcessors() + " cores, load average "
                + ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        rates.forEach((name, rate) -> System.out.printf("%-46s %,12.0f objects/s%n", name, rate));
    }

    /** The rate of each way, in objects per second, after a warm-up pass of a tenth of the objects. */
    static Map<String, Double> run(int objects, int batch) throws Exception {
        Map<String, Double> rates = new LinkedHashMap<>();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "streambench");
        try {
            for (boolean measured : new boolean[] {false, true}) {
                int n = measured ? objects : Math.max(1, objects / 10);
                double flow = flow(system, n, new AtollFlows.WriteSettings(batch, 4));
                double flowOne = flow(system, n, new AtollFlows.WriteSettings(batch, 1));
                double worker = worker(system, n, batch);
                if (measured) {
                    rates.put("AtollFlows.insert (parallelism 4)", flow);
                    rates.put("AtollFlows.insert (parallelism 1)", flowOne);
                    rates.put("AtollWorker, one PutAll (chunks of the batch)", worker);
                }
            }
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(1, TimeUnit.MINUTES);
        }
        return rates;
    }

    private static List<Note> notes(int n) {
        List<Note> notes = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Note note = new Note();
            note.content = "note " + i;
            note.createdAt = i;
            note.priority = i % 10;
            notes.add(note);
        }
        return notes;
    }

    private static double flow(ActorSystem<Void> system, int n, AtollFlows.WriteSettings settings) throws Exception {
        Path dir = Files.createTempDirectory("atoll-streambench");
        Atoll db = Atoll.open(system, List.of(Note.class), dir, "flow");
        try {
            List<Note> notes = notes(n);
            long start = System.nanoTime();
            long written = Source.from(notes)
                    .via(AtollFlows.insert(system, "flow", Note.class, settings))
                    .runWith(Sink.fold(0L, (count, id) -> count + 1), system)
                    .toCompletableFuture().get(30, TimeUnit.MINUTES);
            double rate = n / ((System.nanoTime() - start) / 1e9);
            check(written, db.collection(Note.class).count(), n);
            return rate;
        } finally {
            db.close(true);
        }
    }

    private static double worker(ActorSystem<Void> system, int n, int batch) throws Exception {
        Path dir = Files.createTempDirectory("atoll-streambench");
        String name = "worker" + (++workers);
        Atoll db = Atoll.open(system, List.of(Note.class), dir, name);
        ActorRef<AtollWorker.Command> worker = system.systemActorOf(AtollWorker.create(List.of(Note.class), dir,
                name, AtollWorker.Options.defaults().withChunkSize(batch).withMaxPendingObjects(Math.max(n, 1))),
                "bench-" + name, DispatcherSelector.blocking());
        try {
            List<Note> notes = notes(n);
            long start = System.nanoTime();
            List<Long> ids = AskPattern.<AtollWorker.Command, StatusReply<List<Long>>>ask(worker,
                            replyTo -> new AtollWorker.PutAll<>(Note.class, notes, replyTo), Duration.ofMinutes(30),
                            system.scheduler())
                    .toCompletableFuture().get(30, TimeUnit.MINUTES).getValue();
            double rate = n / ((System.nanoTime() - start) / 1e9);
            check(ids.size(), db.collection(Note.class).count(), n);
            return rate;
        } finally {
            db.close(); // the worker keeps its handle (and the instance) until the actor system terminates
        }
    }

    private static void check(long emitted, long stored, int n) {
        if (emitted != n || stored != n) {
            throw new IllegalStateException("wrote " + n + " objects, got " + emitted + " ids and " + stored
                    + " stored");
        }
    }
}
