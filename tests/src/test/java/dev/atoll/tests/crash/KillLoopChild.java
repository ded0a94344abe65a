package dev.atoll.tests.crash;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CountDownLatch;

/**
 * The child JVM of {@link KillLoopTest}: writer actors commit transactions of 1 to 50 tagged objects,
 * forever, and print {@code ACK <writer> <seq> <size>} only after {@code writeTxnSync} returned. The
 * parent kills it with SIGKILL. Arguments: directory, seed, number of writers.
 */
public final class KillLoopChild {
    static final List<Class<?>> CLASSES = List.of(CrashItem.class, Progress.class);
    static final String NAME = "kill";

    private KillLoopChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        long seed = Long.parseLong(args[1]);
        int writers = Integer.parseInt(args[2]);
        PrintStream out = System.out;
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "killloop");
        Atoll main = Atoll.open(system, CLASSES, dir, NAME);
        out.println("READY");
        out.flush();
        for (int w = 0; w < writers; w++) {
            Atoll.compute(system, writer -> write(system, dir, seed, writer, out), w)
                    .whenComplete((r, e) -> {
                        if (e != null) {
                            e.printStackTrace();
                        }
                    });
        }
        new CountDownLatch(1).await();
        main.close();
    }

    private static Void write(ActorSystem<Void> system, Path dir, long seed, int w, PrintStream out) {
        Atoll db = Atoll.open(system, CLASSES, dir, NAME);
        AtollCollection<CrashItem> items = db.collection(CrashItem.class);
        AtollCollection<Progress> progress = db.collection(Progress.class);
        Random random = new Random(seed * 31 + w);
        Progress last = progress.get(w + 1);
        long seq = last == null ? 0 : last.seq;
        while (true) {
            long s = ++seq;
            int k = 1 + random.nextInt(50);
            String txn = "w" + w + "-s" + s;
            db.writeTxnSync(() -> {
                for (int i = 0; i < k; i++) {
                    items.put(new CrashItem(txn + "-" + i, txn, k, w));
                }
                progress.put(new Progress(w + 1, s));
            });
            synchronized (out) {
                out.println("ACK " + w + " " + s + " " + k);
                out.flush();
            }
        }
    }
}
