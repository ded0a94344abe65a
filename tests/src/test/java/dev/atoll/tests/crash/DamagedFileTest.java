package dev.atoll.tests.crash;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.AtollException;
import dev.atoll.AtollOptions;
import dev.atoll.CorruptFileException;
import dev.atoll.ErrorCode;
import dev.atoll.Where;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import org.h2.store.fs.encrypt.FileEncrypt;
import org.h2.store.fs.encrypt.FilePathEncrypt;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.LongStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
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
 * <p>Detection is counted, not only allowed: damage to the pages of the newest commit (which the open and the
 * reads here cover) must be detected in every copy, and the test fails if no copy had such damage.
 *
 * <p>CI: 30 random damaged copies of a plain file and 30 of an encrypted one, and a sweep flipping one
 * bit every {@value #CI_STRIDE} bytes of a plain file.
 * Long run: {@code -Datoll.crash.damage.rounds=3000 -Datoll.crash.damage.stride=1 -Datoll.crash.seed=N}.
 */
class DamagedFileTest {
    private static final int CI_STRIDE = 149;
    private static final int ROUNDS = Integer.getInteger("atoll.crash.damage.rounds", 30);
    private static final int STRIDE = Integer.getInteger("atoll.crash.damage.stride", CI_STRIDE);
    /** The seed of a CI run; {@code -Datoll.crash.seed=N} picks another. */
    private static final long DEFAULT_SEED = 20_261_129L;
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
        long seed = Long.getLong("atoll.crash.seed", DEFAULT_SEED);
        System.out.println("DamagedFileTest seed " + seed + (encrypted ? " (encrypted)" : "")
                + " (repeat with -Datoll.crash.seed=" + seed + ")");
        AtollOptions options = options(encrypted);
        byte[] original = goodFile(options);
        Live live = livePages(dir.resolve("good").resolve("d.atoll"), encrypted);
        Random random = new Random(seed);
        int[] outcomes = new int[4];
        int mustDetect = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            byte[] damaged = original.clone();
            String how;
            int firstDamaged;
            boolean liveDamaged = false;
            if (round % 3 == 0) {
                int length = random.nextInt(damaged.length);
                damaged = Arrays.copyOf(damaged, length);
                how = "cut to " + length + " of " + original.length + " bytes";
                firstDamaged = length;
                liveDamaged = live.cutBy(length);
            } else {
                int flips = 1 + random.nextInt(16);
                StringBuilder where = new StringBuilder();
                firstDamaged = damaged.length;
                for (int f = 0; f < flips; f++) {
                    int at = random.nextInt(damaged.length);
                    firstDamaged = Math.min(firstDamaged, at);
                    damaged[at] ^= (byte) (1 + random.nextInt(255));
                    where.append(at).append(' ');
                    liveDamaged |= live.contains(at);
                }
                how = "bytes flipped at " + where.toString().trim();
            }
            boolean keyDamaged = encrypted && firstDamaged < ENCRYPTION_HEADER;
            String context = "seed " + seed + ", round " + round + ": " + how;
            int outcome = checkCopy(damaged, "r" + round, options, keyDamaged, context);
            outcomes[outcome]++;
            if (liveDamaged) {
                mustDetect++;
                assertTrue(outcome != 0, context + ": the damage changed the pages of the newest commit " + live
                        + ", and every read still succeeded");
            }
        }
        int detected = outcomes[1] + outcomes[2] + outcomes[3];
        System.out.println("DamagedFileTest random damage" + (encrypted ? " (encrypted)" : "") + ": all right "
                + outcomes[0] + ", open refused " + outcomes[1] + ", some reads refused " + outcomes[2]
                + ", encryption header damaged (wrong key) " + outcomes[3] + "; detected " + detected
                + ", of which " + mustDetect + " damaged the newest commit's pages " + live);
        assertEquals(ROUNDS, Arrays.stream(outcomes).sum());
        assertTrue(mustDetect > 0, "seed " + seed + ": no copy damaged the newest commit's pages: the test checked"
                + " nothing that must be detected");
        assertTrue(detected >= mustDetect, "detected " + detected + " damaged copies, fewer than the " + mustDetect
                + " whose damage hit the newest commit's pages");
    }

    @Test
    void damagedFile_oneBitFlippedAnywhere_givesRightDataOrCorruptFileException() throws Exception {
        byte[] original = goodFile(AtollOptions.defaults());
        Live live = livePages(dir.resolve("good").resolve("d.atoll"), false);
        int[] outcomes = new int[4];
        int copies = 0;
        int mustDetect = 0;
        for (int at = 0; at < original.length; at += STRIDE) {
            byte[] damaged = original.clone();
            damaged[at] ^= (byte) (1 << (at % 8));
            String context = "bit " + (at % 8) + " of byte " + at + " flipped";
            int outcome = checkCopy(damaged, "b" + at, AtollOptions.defaults(), false, context);
            outcomes[outcome]++;
            copies++;
            if (live.contains(at) && !(outcome == 0 && sameContent(live, original, damaged, at))) {
                mustDetect++;
                assertTrue(outcome != 0, context + ": a byte of the newest commit's pages " + live + " changed, and every read still succeeded");
            }
        }
        int detected = outcomes[1] + outcomes[2];
        System.out.println("DamagedFileTest one bit every " + STRIDE + " bytes: all right " + outcomes[0]
                + ", open refused " + outcomes[1] + ", some reads refused " + outcomes[2] + "; detected " + detected
                + ", of which " + mustDetect + " in the newest commit's pages " + live);
        assertEquals(copies, Arrays.stream(outcomes).sum());
        assertTrue(mustDetect >= live.bytes() / STRIDE - live.ranges().size(), "the sweep must cross the newest commit's pages");
        assertTrue(detected >= mustDetect, "detected " + detected + " damaged copies, fewer than the " + mustDetect
                + " flips in the newest commit's pages");
    }

    /**
     * Where the newest chunk of a cleanly closed file keeps the pages of Atoll's own maps (map ids from 2 on:
     * objects, indexes, counts, schema), as file ranges [start, end). Each page there is sealed by a CRC32C
     * ({@code CheckedType}) and read by the open or by {@link #check} (objects, count and both indexes), so
     * damage there must be detected. MVStore's own layout and meta maps (ids 0 and 1) are left out: they hold
     * fields that no read uses (a chunk's time, its live page count), so damage there can be harmless. In an
     * encrypted file, the same pages of the decrypted view, shifted by the encryption header.
     */
    private static Live livePages(Path file, boolean encrypted) throws Exception {
        try (FileChannel raw = FileChannel.open(file, StandardOpenOption.READ)) {
            FileChannel view = encrypted ? new FileEncrypt(file.toString(),
                    FilePathEncrypt.getPasswordBytes(KEY.toCharArray()), raw) : raw;
            Map<String, Long> header = fields(view, 0);
            long chunk = header.get("block") * header.get("blockSize");
            Map<String, Long> chunkHeader = fields(view, chunk);
            long shift = encrypted ? ENCRYPTION_HEADER : 0;
            ByteBuffer pages = ByteBuffer.allocate(Math.toIntExact(chunkHeader.get("toc")));
            view.read(pages, chunk);
            List<long[]> ranges = new ArrayList<>();
            List<long[]> starts = new ArrayList<>();
            // A page: int length, short check value, varint page number, varint map id, ... The length and
            // the check value are checked on every read; the page number (its place in the chunk's table of
            // contents) is not read at all, so its bytes are left out.
            for (int at = Math.toIntExact(chunkHeader.get("lineLength")); at < pages.capacity(); ) {
                int length = pages.getInt(at);
                assertTrue(length > 0, "a page of length " + length + " at " + at + " of the newest chunk");
                int q = skipVarint(pages, at + 6);
                int mapId = pages.get(q) & 0x7F;
                if (mapId >= 2 || pages.get(q) < 0) {
                    ranges.add(new long[] {chunk + at + shift, chunk + at + 6 + shift});
                    ranges.add(new long[] {chunk + q + shift, chunk + at + length + shift});
                    starts.add(new long[] {chunk + at + shift, length});
                }
                at += length;
            }
            assertTrue(!ranges.isEmpty(), "the newest chunk holds no page of Atoll's maps");
            return new Live(ranges, starts);
        }
    }

    /**
     * Whether the damage at {@code at} left the content of its page as it was: a flipped bit in an LZF
     * back-reference that copies identical bytes expands to the same keys and values (checked here by
     * expanding the page before and after). Such a flip changes nothing any read can see, so it cannot be
     * detected, and is not counted as damage that must be (the reads of {@link #check} found the right data
     * all the same). Only a compressed leaf page of a plain file qualifies.
     */
    private static boolean sameContent(Live live, byte[] original, byte[] damaged, int at) {
        for (long[] page : live.pages()) {
            if (at >= page[0] && at < page[0] + page[1]) {
                byte[] before = expand(original, (int) page[0], (int) page[1]);
                return before != null && java.util.Arrays.equals(before, expand(damaged, (int) page[0], (int) page[1]));
            }
        }
        return false;
    }

    /** The expanded keys and values of a compressed leaf page, or null for another kind of page. */
    private static byte[] expand(byte[] file, int start, int length) {
        ByteBuffer b = ByteBuffer.wrap(file, start, length);
        b.position(start + 6); // the length and the check value
        org.h2.mvstore.DataUtils.readVarInt(b); // the page number
        org.h2.mvstore.DataUtils.readVarInt(b); // the map id
        org.h2.mvstore.DataUtils.readVarInt(b); // the key count
        int type = b.get();
        if ((type & 1) != 0 || (type & 2) == 0 || (type & 6) == 6) {
            return null; // an inner page, an uncompressed one, or a deflated one
        }
        int extra = org.h2.mvstore.DataUtils.readVarInt(b);
        int compressed = start + length - b.position();
        byte[] out = new byte[compressed + extra];
        try {
            new org.h2.compress.CompressLZF().expand(file, b.position(), compressed, out, 0, out.length);
        } catch (RuntimeException e) {
            return new byte[0]; // damage that breaks the expansion: different from any good page
        }
        return out;
    }

    private static int skipVarint(ByteBuffer b, int at) {
        while (b.get(at) < 0) {
            at++;
        }
        return at + 1;
    }

    /** File ranges whose damage must be detected. */
    private record Live(List<long[]> ranges, List<long[]> pages) {
        boolean contains(long at) {
            return ranges.stream().anyMatch(r -> at >= r[0] && at < r[1]);
        }

        /** Whether a file cut to this length loses a byte of them. */
        boolean cutBy(long length) {
            return ranges.stream().anyMatch(r -> length < r[1]);
        }

        long bytes() {
            return ranges.stream().mapToLong(r -> r[1] - r[0]).sum();
        }

        @Override
        public String toString() {
            return bytes() + " bytes in " + ranges.get(0)[0] + ".." + ranges.get(ranges.size() - 1)[1];
        }
    }

    /** The hex fields of the MVStore header line at a position ({@code key:value,...}), and its length. */
    private static Map<String, Long> fields(FileChannel file, long position) throws Exception {
        ByteBuffer buffer = ByteBuffer.allocate(1024);
        file.read(buffer, position);
        String text = new String(buffer.array(), 0, buffer.position(), StandardCharsets.ISO_8859_1);
        int end = text.indexOf('\n');
        assertTrue(end > 0, "no header line at " + position + " of the good file");
        Map<String, Long> fields = new HashMap<>();
        for (String field : text.substring(0, end).trim().split(",")) {
            int colon = field.indexOf(':');
            String value = field.substring(colon + 1);
            if (value.matches("[0-9a-f]+")) {
                fields.put(field.substring(0, colon), Long.parseLong(value, 16));
            }
        }
        fields.put("lineLength", (long) end + 1);
        return fields;
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
            for (String index : List.of("tag", "txn")) {
                try {
                    List<Long> ids = items.query().where(Where.any(index)).findAll().stream().map(c -> c.id)
                            .sorted().toList();
                    assertEquals(LongStream.rangeClosed(1, OBJECTS).boxed().toList(), ids,
                            context + ": index " + index + " is wrong without an error");
                } catch (CorruptFileException e) {
                    refused++;
                }
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
