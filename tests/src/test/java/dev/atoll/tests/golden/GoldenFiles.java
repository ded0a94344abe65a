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
 *
 * <p>With a second argument {@code large-ids} it writes the large-ids file instead (v2-large-ids: format 2):
 * item {@code i} stored under id {@code LARGE_IDS[i - 1]}, ids next to 2^8, 2^16, 2^32 and the largest long,
 * so that a value checksum that seals only part of the id, or an id encoded in too few bytes, fails to read.
 *
 * <p>With a second argument {@code log} it writes the change-log file instead ({@code v3/feed.atoll}: format 3
 * with the change log, which format 3 files gained without a new format number): instance {@value #FEED}, the
 * commits of {@link #writeFeed}, so that the log's entries are pinned on disk ({@code GoldenFeedTest}).
 */
public final class GoldenFiles {
    static final String NAME = "golden";
    static final int ITEMS = 40;
    /** The ids of the large-ids file; item {@code i} (from 1) has id {@code LARGE_IDS[i - 1]}. */
    static final long[] LARGE_IDS = {1, 255, 256, 257, 65_535, 65_536, 65_537, (1L << 32) - 1, 1L << 32,
        (1L << 32) + 1, (1L << 40) + 3, (1L << 56) + 1, Long.MAX_VALUE - 1, Long.MAX_VALUE};
    /** The item (an index into LARGE_IDS, from 1) that the large-ids file deleted: id 65,536. */
    static final int LARGE_DELETED = 6;
    /** The instance of the golden words file ({@link GoldenWord}). */
    static final String WORDS = "words";
    /** The instance of the golden change-log file. */
    static final String FEED = "feed";

    private GoldenFiles() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        boolean largeIds = args.length > 1 && args[1].equals("large-ids");
        Files.createDirectories(dir);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "golden");
        try {
            if (args.length > 1 && args[1].equals("log")) {
                writeFeed(system, dir);
                return;
            }
            Atoll db = Atoll.open(system, List.of(GoldenItem.class), dir, NAME);
            AtollCollection<GoldenItem> items = db.collection(GoldenItem.class);
            if (largeIds) {
                db.writeTxnSync(() -> items.putAll(IntStream.rangeClosed(1, LARGE_IDS.length)
                        .mapToObj(i -> GoldenItem.item(i, LARGE_IDS[i - 1])).toList()));
                db.writeTxnSync(() -> items.delete(LARGE_IDS[LARGE_DELETED - 1]));
            } else {
                db.writeTxnSync(() -> items.putAll(IntStream.rangeClosed(1, ITEMS).mapToObj(GoldenItem::item)
                        .toList()));
                db.writeTxnSync(() -> items.deleteAll(7, 8));
            }
            db.close();
            if (!largeIds) {
                Atoll words = Atoll.open(system, List.of(GoldenWord.class), dir, WORDS);
                AtollCollection<GoldenWord> w = words.collection(GoldenWord.class);
                words.writeTxnSync(() -> w.putAll(IntStream.rangeClosed(1, GoldenWord.WORDS.size())
                        .mapToObj(GoldenWord::word).toList()));
                words.close();
            }
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }

    /**
     * The commits of the change-log file, one per line of {@code GoldenFeedTest.EXPECTED}: inserts, an update
     * with an insert, deletes, a silent commit, a clear, inserts after it, and a commit that updates, deletes,
     * and creates and deletes an object (which counts as deleted).
     */
    static void writeFeed(ActorSystem<?> system, Path dir) {
        Atoll db = Atoll.open(system, List.of(GoldenItem.class), dir, FEED);
        try {
            AtollCollection<GoldenItem> items = db.collection(GoldenItem.class);
            db.writeTxnSync(() -> items.putAll(IntStream.rangeClosed(1, 6).mapToObj(GoldenItem::item).toList()));
            db.writeTxnSync(() -> {
                GoldenItem two = GoldenItem.item(2);
                two.name = "renamed";
                items.put(two);
                items.put(GoldenItem.item(7));
            });
            db.writeTxnSync(() -> items.deleteAll(3, 4));
            db.writeTxnSync(() -> items.put(GoldenItem.item(8)), true);
            db.writeTxnSync(items::clear);
            db.writeTxnSync(() -> items.putAll(List.of(GoldenItem.item(9), GoldenItem.item(10))));
            db.writeTxnSync(() -> {
                GoldenItem nine = GoldenItem.item(9);
                nine.score = 99;
                items.put(nine);
                items.delete(10);
                items.put(GoldenItem.item(11));
                items.delete(11);
            });
        } finally {
            db.close();
        }
    }
}
