package dev.atoll.tests.crash;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.CorruptFileException;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Damaged files: random bytes flipped in a good file, or the file cut short. Opening and reading
 * everything may only give the right objects (of the last or, for a lost tail, an earlier commit) or
 * {@link CorruptFileException}: no hang, no OutOfMemoryError, no other exception. See {@link #check}
 * for the one known gap (flipped bytes in B-tree pages).
 *
 * <p>CI: 30 damaged copies. Long run: {@code -Datoll.crash.damage.rounds=2000 -Datoll.crash.seed=N}.
 */
class DamagedFileTest {
    private static final int ROUNDS = Integer.getInteger("atoll.crash.damage.rounds", 30);
    private static final int TXNS = 5;
    private static final int PER_TXN = 30;
    private static final int OBJECTS = TXNS * PER_TXN;
    private static final List<Class<?>> CLASSES = List.of(CrashItem.class);
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("DamagedFileTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void damagedFile_flippedBytesOrCutShort_givesRightDataOrCorruptFileException() throws Exception {
        long seed = Long.getLong("atoll.crash.seed", System.nanoTime());
        System.out.println("DamagedFileTest seed " + seed);
        Path good = dir.resolve("good");
        Atoll db = Atoll.open(kit.system(), CLASSES, good, "d");
        try {
            AtollCollection<CrashItem> items = db.collection(CrashItem.class);
            for (int t = 0; t < TXNS; t++) {
                int first = t * PER_TXN + 1;
                db.writeTxnSync(() -> {
                    for (int i = first; i < first + PER_TXN; i++) {
                        CrashItem item = new CrashItem("tag-" + i, "self-" + i, i, i % 7);
                        item.id = i;
                        items.put(item);
                    }
                });
            }
        } finally {
            db.close();
        }
        byte[] original = Files.readAllBytes(good.resolve("d.atoll"));
        Random random = new Random(seed);
        int[] outcomes = new int[5]; // right, open refused, reads refused, earlier commit, silent damage
        for (int round = 1; round <= ROUNDS; round++) {
            byte[] damaged = original.clone();
            String how;
            if (round % 3 == 0) {
                int length = random.nextInt(damaged.length);
                damaged = Arrays.copyOf(damaged, length);
                how = "cut to " + length + " of " + original.length + " bytes";
            } else {
                int flips = 1 + random.nextInt(16);
                StringBuilder where = new StringBuilder();
                for (int f = 0; f < flips; f++) {
                    int at = random.nextInt(damaged.length);
                    damaged[at] ^= (byte) (1 + random.nextInt(255));
                    where.append(at).append(' ');
                }
                how = "bytes flipped at " + where.toString().trim();
            }
            String context = "seed " + seed + ", round " + round + ": " + how;
            Path copy = dir.resolve("r" + round);
            Files.createDirectories(copy);
            Files.write(copy.resolve("d.atoll"), damaged);
            boolean cut = round % 3 == 0;
            int outcome = assertTimeoutPreemptively(Duration.ofSeconds(60), () -> check(copy, cut, context),
                    context);
            outcomes[outcome]++;
        }
        System.out.println("DamagedFileTest outcomes: all right " + outcomes[0] + ", open refused " + outcomes[1]
                + ", some reads refused " + outcomes[2] + ", opened at an earlier commit " + outcomes[3]
                + ", silent damage (MVStore pages carry no checksum) " + outcomes[4]);
        assertEquals(ROUNDS, Arrays.stream(outcomes).sum());
    }

    /**
     * Opens and reads everything. A file whose tail is lost opens, as after a crash, at its last intact
     * commit: then the objects must be exactly those of the first transactions, never part of one.
     *
     * <p>Known gap: MVStore pages carry no checksum of their content, so a byte flipped in a B-tree
     * page (not in a value, which Atoll checks) can move or hide an object without an error. Such
     * "silent damage" is counted, not failed, for flipped bytes; a file cut short must never show it.
     *
     * @return 0 all right, 1 open refused, 2 some reads refused, 3 opened at an earlier commit,
     *     4 silent damage
     */
    private static int check(Path copy, boolean cut, String context) {
        Atoll db;
        try {
            db = Atoll.open(kit.system(), CLASSES, copy, "d");
        } catch (CorruptFileException e) {
            return 1;
        } catch (OutOfMemoryError e) {
            return fail(context + ": OutOfMemoryError on open", e);
        } catch (Throwable e) {
            return fail(context + ": open may only fail with CorruptFileException, not " + e, e);
        }
        int refused = 0;
        int firstMissing = 0;
        int silent = 0;
        try {
            AtollCollection<CrashItem> items = db.collection(CrashItem.class);
            for (int i = 1; i <= OBJECTS; i++) {
                try {
                    CrashItem item = items.get(i);
                    if (item == null) {
                        firstMissing = firstMissing == 0 ? i : firstMissing;
                        continue;
                    }
                    boolean right = item.id == i && ("self-" + i).equals(item.txn) && ("tag-" + i).equals(item.tag)
                            && item.size == i;
                    if (firstMissing > 0 || !right) {
                        assertTrue(!cut, context + ": object " + i + (right ? " is there but " + firstMissing
                                + " vanished" : " is a wrong object") + ": not a state any commit left");
                        silent++;
                    }
                } catch (CorruptFileException e) {
                    refused++;
                } catch (OutOfMemoryError e) {
                    return fail(context + ": OutOfMemoryError reading object " + i, e);
                } catch (AssertionError e) {
                    throw e;
                } catch (Throwable e) {
                    return fail(context + ": reading object " + i + " may only fail with CorruptFileException,"
                            + " not " + e, e);
                }
            }
        } finally {
            try {
                db.close();
            } catch (CorruptFileException e) {
                refused++;
            }
        }
        if (silent > 0) {
            return 4;
        }
        if (refused > 0) {
            return 2;
        }
        if (firstMissing > 0) {
            assertEquals(0, (firstMissing - 1) % PER_TXN, context + ": the file shows part of a transaction"
                    + " (objects up to " + (firstMissing - 1) + ")");
            return 3;
        }
        return 0;
    }
}
