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
 * (v1: format 1; v2: format 2, with page checksums and entry counts; v3: format 3, key encoding 2 and key
 * definitions. Also {@code words.atoll} since v2, which the code of format 2 wrote, with keys of encoding 1.)
 */
public final class GoldenFiles {
    static final String NAME = "golden";
    static final int ITEMS = 40;
    /** The instance of the golden words file ({@link GoldenWord}). */
    static final String WORDS = "words";

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
            Atoll words = Atoll.open(system, List.of(GoldenWord.class), dir, WORDS);
            AtollCollection<GoldenWord> w = words.collection(GoldenWord.class);
            words.writeTxnSync(() -> w.putAll(IntStream.rangeClosed(1, GoldenWord.WORDS.size())
                    .mapToObj(GoldenWord::word).toList()));
            words.close();
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }
}
