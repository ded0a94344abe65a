package dev.atoll.bench;

import com.typesafe.config.ConfigFactory;
import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.ChangeEvent;
import dev.atoll.FeedProbe;
import dev.atoll.Subscription;
import dev.atoll.bench.model.Note;
import dev.atoll.bench.model.NoteData;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Sink;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The change feed's figures (issue 12): commit-to-subscriber latency, from the store's durable commit (its
 * next-commit signal, completed on the store's thread once the commit is forced and readable) to an
 * {@link Atoll#changes} actor, p50 and p99, with 1, 10, 100 and 1,000 subscribers; and replay throughput
 * from the log, after a reopen (decoded from the file) and live (from memory).
 *
 * <pre>java -cp ... dev.atoll.bench.FeedBench [commits=300] [replay=10000]</pre>
 */
public final class FeedBench {
    private FeedBench() {
    }

    public static void main(String[] args) throws Exception {
        int commits = args.length > 0 ? Integer.parseInt(args[0]) : 300;
        int replay = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        System.out.println("FeedBench: " + commits + " commits per size (sync durability), replay of " + replay
                + "; " + Runtime.getRuntime().availableProcessors() + " cores");
        for (int subscribers : new int[] {1, 10, 100, 1_000}) {
            latency(subscribers, commits);
        }
        replay(replay);
    }

    private static void latency(int subscribers, int commits) throws Exception {
        Path dir = Files.createTempDirectory("atoll-feed");
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "feed" + subscribers);
        try {
            Atoll db = Atoll.open(system, List.of(Note.class), dir, "feed");
            AtollCollection<Note> notes = db.collection(Note.class);
            ConcurrentHashMap<Long, Long> committedAt = new ConcurrentHashMap<>();
            AtomicReference<CountDownLatch> delivered = new AtomicReference<>(new CountDownLatch(0));
            int warm = 30;
            double[] micros = new double[commits * subscribers];
            int[] filled = {0};
            List<Subscription> subs = new ArrayList<>();
            for (int s = 0; s < subscribers; s++) {
                ActorRef<ChangeEvent> ref = system.systemActorOf(Behaviors.receiveMessage(e -> {
                    long now = System.nanoTime();
                    Long at = committedAt.get(e.version());
                    if (e.isCommit() && at != null) {
                        synchronized (micros) {
                            if (e.version() > warm && filled[0] < micros.length) {
                                micros[filled[0]++] = (now - at) / 1000.0;
                            }
                        }
                        delivered.get().countDown();
                    }
                    return Behaviors.same();
                }), "sub" + s, Props.empty());
                subs.add(Atoll.changes(system, "feed", ref));
            }
            for (long i = 1; i <= warm + commits; i++) {
                long id = i;
                CountDownLatch latch = new CountDownLatch(subscribers);
                delivered.set(latch);
                FeedProbe.nextCommit(db).thenAccept(v -> committedAt.put(v, System.nanoTime()));
                db.writeTxnSync(() -> notes.put(new Note(new NoteData(id, "n" + id, id, 1))));
                if (!latch.await(30, TimeUnit.SECONDS)) {
                    throw new IllegalStateException("commit " + i + " did not reach every subscriber");
                }
            }
            double[] got = java.util.Arrays.copyOf(micros, filled[0]);
            System.out.printf("latency, %,d subscribers: p50 %.0f us, p99 %.0f us (%,d deliveries)%n", subscribers,
                    Stats.percentile(got, 50), Stats.percentile(got, 99), got.length);
            subs.forEach(Subscription::cancel);
            db.close(true);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }

    private static void replay(int events) throws Exception {
        Path dir = Files.createTempDirectory("atoll-replay");
        var config = ConfigFactory.parseString("atoll.durability = write\natoll.change-log.max-entries = "
                + events).withFallback(ConfigFactory.load());
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "replay", config);
        long from;
        try {
            Atoll db = Atoll.open(system, List.of(Note.class), dir, "replay");
            AtollCollection<Note> notes = db.collection(Note.class);
            from = db.version();
            for (long i = 1; i <= events; i++) {
                long id = i;
                db.writeTxnSync(() -> notes.put(new Note(new NoteData(id, "n" + id, id, 1))));
            }
            long t0 = System.nanoTime();
            Atoll.changeSource(system, "replay", db.version() - 1_000).take(1_000).runWith(Sink.ignore(), system)
                    .toCompletableFuture().get(60, TimeUnit.SECONDS);
            System.out.printf("replay of the newest 1,000 (in memory): %,.0f events/s%n",
                    1_000 / ((System.nanoTime() - t0) / 1e9));
            db.close();
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
        ActorSystem<Void> again = ActorSystem.create(Behaviors.empty(), "replay2", config);
        try {
            Atoll db = Atoll.open(again, List.of(Note.class), dir, "replay");
            long t0 = System.nanoTime();
            Atoll.changeSource(again, "replay", from).take(events).runWith(Sink.ignore(), again)
                    .toCompletableFuture().get(120, TimeUnit.SECONDS);
            System.out.printf("replay of %,d after a reopen (decoded from the file): %,.0f events/s%n", events,
                    events / ((System.nanoTime() - t0) / 1e9));
            db.close(true);
        } finally {
            again.terminate();
            again.getWhenTerminated().toCompletableFuture().get(30, TimeUnit.SECONDS);
        }
    }
}
