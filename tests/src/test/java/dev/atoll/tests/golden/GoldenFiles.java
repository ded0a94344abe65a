package dev.atoll.tests.golden;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Writes the golden file of the current on-disk format. Run it only when the format changes on
 * purpose, into a new folder (v2, v3, ...), and keep the old ones: every later version must read them.
 *
 * <p>{@code java -cp <test classpath> dev.atoll.tests.golden.GoldenFiles tests/src/test/resources/dev/atoll/tests/golden/v3}
 * (v1: format 1; v2: format 2, with page checksums and entry counts)
 */
public final class GoldenFiles {
    static final String NAME = "golden";
    static final int ITEMS = 40;

    private GoldenFiles() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "golden");
        try {
            Atoll db = Atoll.open(system, List.of(GoldenItem.class), dir, NAME);
            AtollCollection<GoldenItem> items = db.collection(GoldenItem.class);
            db.writeTxnSync(() -> items.putAll(IntStream.rangeClosed(1, ITEMS).mapToObj(GoldenItem::item).toList()));
            db.writeTxnSync(() -> items.deleteAll(7, 8));
            db.close();
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }
}
