package dev.atoll.tests.watch;

import dev.atoll.Atoll;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.nio.file.Path;

/**
 * The child JVM of {@link ChangeFeedRestartTest}: opens the instance, prints {@code BASE <version>}, then
 * commits the steps of {@link FeedScript} one by one, printing {@code ACK <step> <version>} only after
 * {@code writeTxnSync} returned. With a number of steps it then closes the instance and exits 0; with
 * {@code forever} it commits until the parent kills it. Arguments: directory, run, steps or {@code forever}.
 */
public final class FeedRestartChild {
    private FeedRestartChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int run = Integer.parseInt(args[1]);
        int steps = args[2].equals("forever") ? Integer.MAX_VALUE : Integer.parseInt(args[2]);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "feedchild");
        Atoll db = Atoll.open(system, FeedScript.CLASSES, dir, FeedScript.NAME);
        System.out.println("BASE " + db.version());
        System.out.flush();
        for (int k = 1; k <= steps; k++) {
            FeedScript.commit(db, run, k);
            System.out.println("ACK " + k + " " + db.version()); // the only writer: its version is the newest
            System.out.flush();
        }
        db.close();
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
        System.exit(0);
    }
}
