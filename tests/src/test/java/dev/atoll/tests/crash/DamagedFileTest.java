package dev.atoll.tests.crash;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.AtollException;
import dev.atoll.AtollOptions;
import dev.atoll.CorruptFileException;
import dev.atoll.ErrorCode;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

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
 * Damaged files: random bytes flipped in a good (cleanly closed) file, or the file cut short.
 * Opening and reading everything may only give the right objects or {@link CorruptFileException}:
 * no hang, no OutOfMemoryError, no other exception, no object missing or wrong, and no fall back
 * to an earlier commit (the file was closed cleanly, so its newest commit must be there).
 *
 * <p>CI: 30 random damaged copies of a plain file and 30 of an encrypted one, and a sweep flipping one
 * bit every {@value #CI_STRIDE} bytes of a plain file.
 * Long run: {@code -Datoll.crash.damage.rounds=3000 -Datoll.crash.damage.stride=1 -Datoll.crash.seed=N}.
 */
class DamagedFileTest {
    private static final int CI_STRIDE = 149;
    private static final int ROUNDS = Integer.getInteger("atoll.crash.damage.rounds", 30);
    private static final int STRIDE = Integer.getInteger("atoll.crash.damage.stride", CI_STRIDE);
    private static final int TXNS = 5;
    private static final String KEY = "0123456789abcdef0123456789abcdef";
    /** The block in which MVStore's encrypted files keep their encryption header. */
    private static final int ENCRYPTION_HEADER = 4096;
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

    private static AtollOptions options(boolean encrypted) {
        return encrypted ? AtollOptions.builder().encryptionKey(KEY.toCharArray()).build() : AtollOptions.defaults();
    }

    /** A good file: {@value #TXNS} transactions of {@value #PER_TXN} objects, closed cleanly. */
    private byte[] goodFile(AtollOptions options) throws Exception {
        Path good = dir.resolve("good");
        Atoll db = Atoll.open(kit.system(), CLASSES, good, "d", options);
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
        return Files.readAllBytes(good.resolve("d.atoll"));
    }

    /**
     * Random damage, to a plain file and to an encrypted one. In an encrypted file, damage to the
     * first block (MVStore's encryption header, with the salt the key is derived from) is
     * indistinguishable from a wrong key, and may be reported as {@link ErrorCode#WRONG_KEY}.
     */
    @ParameterizedTest(name = "encrypted: {0}")
    @ValueSource(booleans = {false, true})
    void damagedFile_flippedBytesOrCutShort_givesRightDataOrCorruptFileException(boolean encrypted)
            throws Exception {
        long seed = Long.getLong("atoll.crash.seed", System.nanoTime());
        System.out.println("DamagedFileTest seed " + seed + (encrypted ? " (encrypted)" : ""));
        AtollOptions options = options(encrypted);
        byte[] original = goodFile(options);
        Random random = new Random(seed);
        int[] outcomes = new int[4];
        for (int round = 1; round <= ROUNDS; round++) {
            byte[] damaged = original.clone();
            String how;
            int firstDamaged;
            if (round % 3 == 0) {
                int length = random.nextInt(damaged.length);
                damaged = Arrays.copyOf(damaged, length);
                how = "cut to " + length + " of " + original.length + " bytes";
                firstDamaged = length;
            } else {
                int flips = 1 + random.nextInt(16);
                StringBuilder where = new StringBuilder();
                firstDamaged = damaged.length;
                for (int f = 0; f < flips; f++) {
                    int at = random.nextInt(damaged.length);
                    firstDamaged = Math.min(firstDamaged, at);
                    damaged[at] ^= (byte) (1 + random.nextInt(255));
                    where.append(at).append(' ');
                }
                how = "bytes flipped at " + where.toString().trim();
            }
            boolean keyDamaged = encrypted && firstDamaged < ENCRYPTION_HEADER;
            outcomes[checkCopy(damaged, "r" + round, options, keyDamaged,
                    "seed " + seed + ", round " + round + ": " + how)]++;
        }
        System.out.println("DamagedFileTest random damage" + (encrypted ? " (encrypted)" : "") + ": all right "
                + outcomes[0] + ", open refused " + outcomes[1] + ", some reads refused " + outcomes[2]
                + ", encryption header damaged (wrong key) " + outcomes[3]);
        assertEquals(ROUNDS, Arrays.stream(outcomes).sum());
    }

    @Test
    void damagedFile_oneBitFlippedAnywhere_givesRightDataOrCorruptFileException() throws Exception {
        byte[] original = goodFile(AtollOptions.defaults());
        int[] outcomes = new int[4];
        int copies = 0;
        for (int at = 0; at < original.length; at += STRIDE) {
            byte[] damaged = original.clone();
            damaged[at] ^= (byte) (1 << (at % 8));
            outcomes[checkCopy(damaged, "b" + at, AtollOptions.defaults(), false,
                    "bit " + (at % 8) + " of byte " + at + " flipped")]++;
            copies++;
        }
        System.out.println("DamagedFileTest one bit every " + STRIDE + " bytes: all right " + outcomes[0]
                + ", open refused " + outcomes[1] + ", some reads refused " + outcomes[2]);
        assertEquals(copies, Arrays.stream(outcomes).sum());
        assertTrue(outcomes[1] + outcomes[2] > 0, "some flips must hit what the checks cover");
    }

    private int checkCopy(byte[] damaged, String folder, AtollOptions options, boolean keyDamaged, String context)
            throws Exception {
        Path copy = dir.resolve(folder);
        Files.createDirectories(copy);
        Files.write(copy.resolve("d.atoll"), damaged);
        try {
            return assertTimeoutPreemptively(Duration.ofSeconds(60), () -> check(copy, options, keyDamaged, context),
                    context);
        } finally {
            for (Path p : List.of(copy.resolve("d.atoll"), copy)) {
                Files.deleteIfExists(p);
            }
        }
    }

    /**
     * Opens and reads everything.
     *
     * @param keyDamaged whether the damage touched the encryption header, so that a wrong-key error is right
     * @return 0 all right, 1 open refused, 2 some reads refused, 3 open refused for a wrong key
     */
    private static int check(Path copy, AtollOptions options, boolean keyDamaged, String context) {
        Atoll db;
        try {
            db = Atoll.open(kit.system(), CLASSES, copy, "d", options);
        } catch (CorruptFileException e) {
            return 1;
        } catch (AtollException e) {
            if (keyDamaged && e.code() == ErrorCode.WRONG_KEY) {
                return 3;
            }
            return fail(context + ": open may only fail with CorruptFileException, not " + e, e);
        } catch (OutOfMemoryError e) {
            return fail(context + ": OutOfMemoryError on open", e);
        } catch (Throwable e) {
            return fail(context + ": open may only fail with CorruptFileException, not " + e, e);
        }
        int refused = 0;
        try {
            AtollCollection<CrashItem> items = db.collection(CrashItem.class);
            for (int i = 1; i <= OBJECTS; i++) {
                try {
                    CrashItem item = items.get(i);
                    assertTrue(item != null, context + ": object " + i + " vanished without an error");
                    boolean right = item.id == i && ("self-" + i).equals(item.txn) && ("tag-" + i).equals(item.tag)
                            && item.size == i;
                    assertTrue(right, context + ": object " + i + " came back wrong without an error");
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
            try {
                long count = items.count();
                assertEquals(OBJECTS, count, context + ": count() is wrong without an error");
            } catch (CorruptFileException e) {
                refused++;
            }
        } finally {
            try {
                db.close();
            } catch (CorruptFileException e) {
                refused++;
            }
        }
        return refused > 0 ? 2 : 0;
    }
}
