package dev.atoll.internal.store;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.EOFException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How an open reports what it cannot use, and how read failures are told from damage. */
class StoreOpenFailuresTest {
    @TempDir
    Path dir;

    @Test
    void isDamage_parseAndMVStoreErrors_areDamageAndOthersAreNot() {
        for (RuntimeException e : List.of(DataUtils.newMVStoreException(DataUtils.ERROR_FILE_CORRUPT, "x"),
                new IndexOutOfBoundsException(), new java.nio.BufferUnderflowException(),
                new NegativeArraySizeException(), new NumberFormatException(), new ClassCastException(),
                new ArithmeticException(), new NullPointerException())) {
            assertTrue(StoreErrors.isDamage(e), e.toString());
        }
        assertFalse(StoreErrors.isDamage(new IllegalStateException()));
        assertFalse(StoreErrors.isDamage(new IllegalArgumentException()));
    }

    @Test
    void damage_failedReadIsAnIoErrorButAReadPastTheEndIsCorrupt() {
        MVStoreException readFailed = DataUtils.newMVStoreException(DataUtils.ERROR_READING_FAILED,
                "Reading from file failed", new IOException("disk"));
        RuntimeException io = StoreErrors.damage("inst", readFailed);
        assertEquals(Fault.IO_ERROR, Faults.faultOf(io));
        assertTrue(io.getMessage().startsWith("instance 'inst': reading failed: "), io.getMessage());
        assertSame(readFailed, io.getCause());

        MVStoreException pastEnd = DataUtils.newMVStoreException(DataUtils.ERROR_READING_FAILED,
                "Reading from file failed", new EOFException());
        Faults.require(Fault.CORRUPT_FILE, StoreErrors.damage("inst", pastEnd));

        MVStoreException corrupt = DataUtils.newMVStoreException(DataUtils.ERROR_FILE_CORRUPT, "bad chunk");
        RuntimeException c = StoreErrors.damage("inst", corrupt);
        Faults.require(Fault.CORRUPT_FILE, c);
        assertTrue(c.getMessage().startsWith("instance 'inst': the file is damaged: "), c.getMessage());
        Faults.require(Fault.CORRUPT_FILE, StoreErrors.damage("inst", new IndexOutOfBoundsException()));
    }

    @Test
    void open_newDirectory_isMadeOwnerOnlyAndTheFileToo() throws Exception {
        Path nested = dir.resolve("a").resolve("b");
        StoreCore core = StoreCore.open(nested, "perm", StoreOptions.DEFAULT);
        core.close();
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(nested)));
        assertEquals("rw-------", PosixFilePermissions.toString(
                Files.getPosixFilePermissions(nested.resolve("perm.atoll"))));
        assertFalse(Files.exists(nested.resolve("perm.atoll.new")), "the temporary file was moved into place");
    }

    @Test
    void open_withoutPermissions_leavesThemToTheSystem() throws Exception {
        Path nested = dir.resolve("sys");
        StoreCore core = StoreCore.open(nested, "perm", StoreOptions.DEFAULT.withFilePermissions(null));
        core.close();
        assertTrue(Files.isDirectory(nested));
        assertTrue(Files.exists(nested.resolve("perm.atoll")));
    }

    @Test
    void open_directoryIsAFile_isAnIoErrorNamingIt() throws Exception {
        Path notADir = dir.resolve("file");
        Files.writeString(notADir, "x");
        RuntimeException e = Faults.requireAny(assertThrows(RuntimeException.class, () -> StoreCore.open(notADir.resolve("sub"), "x", StoreOptions.DEFAULT)));
        assertEquals(Fault.IO_ERROR, Faults.faultOf(e));
        assertTrue(e.getMessage().contains("cannot create directory"), e.getMessage());
    }

    @Test
    void open_emptyFile_isCreatedAfreshNotCorrupt() throws Exception {
        Files.createFile(dir.resolve("empty.atoll"));
        StoreCore core = StoreCore.open(dir, "empty", StoreOptions.DEFAULT);
        try (Snapshot s = core.snapshot()) {
            assertEquals(0, s.version());
        } finally {
            core.close();
        }
    }

    @Test
    void open_encryptedFile_reopensWithTheKeyAndLeavesTheCallersKeyAlone() {
        char[] key = "0123456789abcdef0123456789abcdef".toCharArray();
        StoreOptions options = StoreOptions.DEFAULT.withEncryptionKey(key);
        StoreCore core = StoreCore.open(dir, "enc", options);
        core.define(List.of(new CollectionDef("Item", List.of())), Map.of());
        core.commit();
        core.close();
        assertArrayEquals("0123456789abcdef0123456789abcdef".toCharArray(), key);

        StoreCore again = StoreCore.open(dir, "enc", options);
        again.close();
        RuntimeException noKey = Faults.requireAny(assertThrows(RuntimeException.class, () -> StoreCore.open(dir, "enc", StoreOptions.DEFAULT)));
        assertEquals(Fault.WRONG_KEY, Faults.faultOf(noKey));
        assertTrue(noKey.getMessage().contains("is encrypted; open it with its encryption key"), noKey.getMessage());
        RuntimeException wrong = Faults.requireAny(assertThrows(RuntimeException.class, () -> StoreCore.open(dir, "enc", StoreOptions.DEFAULT.withEncryptionKey("another".toCharArray()))));
        assertEquals(Fault.WRONG_KEY, Faults.faultOf(wrong));
        assertTrue(wrong.getMessage().contains("wrong encryption key"), wrong.getMessage());
    }

    @Test
    void open_plainFileWithAKey_isAWrongKey() {
        StoreCore.open(dir, "plain", StoreOptions.DEFAULT).close();
        RuntimeException e = Faults.requireAny(assertThrows(RuntimeException.class, () -> StoreCore.open(dir, "plain", StoreOptions.DEFAULT.withEncryptionKey("k".toCharArray()))));
        assertEquals(Fault.WRONG_KEY, Faults.faultOf(e));
        assertTrue(e.getMessage().contains("is not encrypted, but an encryption key was given"), e.getMessage());
    }

    private static final int BLOCK = 4096;
    private static final char[] KEY = "0123456789abcdef0123456789abcdef".toCharArray();

    /** An encrypted instance with a few commits, closed; returns its file. */
    private Path encryptedFile(String name) {
        StoreCore core = StoreCore.open(dir, name, StoreOptions.DEFAULT.withEncryptionKey(KEY.clone()));
        core.define(List.of(new CollectionDef("Item", List.of())), Map.of());
        core.commit();
        Path file = core.file();
        core.close();
        return file;
    }

    /** Overwrites whole blocks of a file with zeros: {@code from} to {@code to} (exclusive), -1 for its end. */
    private static void zeroBlocks(Path file, int from, int to) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        int end = to < 0 ? bytes.length : Math.min(bytes.length, to * BLOCK);
        java.util.Arrays.fill(bytes, from * BLOCK, end, (byte) 0);
        Files.write(file, bytes);
    }

    private static void cut(Path file, long size) throws IOException {
        try (java.nio.channels.FileChannel c = java.nio.channels.FileChannel.open(file,
                java.nio.file.StandardOpenOption.WRITE)) {
            c.truncate(size);
        }
    }

    private RuntimeException openFails(String name, StoreOptions options) {
        return Faults.requireAny(assertThrows(RuntimeException.class, () -> StoreCore.open(dir, name, options)));
    }

    @Test
    void open_garbageFileWithAKey_isDamageNotAWrongKey() throws IOException {
        byte[] garbage = new byte[5 * BLOCK];
        java.util.Arrays.fill(garbage, (byte) 'x');
        Files.write(dir.resolve("junk.atoll"), garbage);
        RuntimeException e = openFails("junk", StoreOptions.DEFAULT.withEncryptionKey("k".toCharArray()));
        assertEquals(Fault.CORRUPT_FILE, Faults.faultOf(e), e.getMessage());
        assertEquals(Fault.CORRUPT_FILE, Faults.faultOf(e));
    }

    @Test
    void open_encryptedFileCutShortWithAnotherKey_isDamageNotAWrongKey() throws IOException {
        Path file = encryptedFile("cut");
        assertTrue(Files.size(file) > 4 * BLOCK, "header, two file headers and chunks: " + Files.size(file));
        StoreOptions other = StoreOptions.DEFAULT.withEncryptionKey("another".toCharArray());
        byte[] whole = Files.readAllBytes(file);
        // a partial block at the end, and fewer than four blocks: the headers cannot tell about the key
        for (long size : new long[] {4 * BLOCK + 1, 4 * BLOCK - 1, 3 * BLOCK}) {
            Files.write(file, whole);
            cut(file, size);
            RuntimeException e = openFails("cut", other);
            assertEquals(Fault.CORRUPT_FILE, Faults.faultOf(e), size + ": " + e.getMessage());
        }
        // four whole blocks are enough to tell a wrong key
        Files.write(file, whole);
        cut(file, 4 * BLOCK);
        RuntimeException e = openFails("cut", other);
        assertEquals(Fault.WRONG_KEY, Faults.faultOf(e), e.getMessage());
    }

    @Test
    void open_encryptedFileWithTheRightKeyAndOnlyOnePartStillDecrypting_isDamageNotAWrongKey() throws IOException {
        // Blocks of the file: 0 the encryption header; then, decrypted, 1 and 2 MVStore's two file headers and
        // 3 on the chunks. The key is right as long as any of the three decrypts to what it starts with.
        Path file = encryptedFile("part");
        byte[] whole = Files.readAllBytes(file);
        Map<String, int[][]> zeroed = new java.util.LinkedHashMap<>();
        zeroed.put("only the chunks", new int[][] {{1, 3}});
        zeroed.put("only file header 1", new int[][] {{2, -1}});
        zeroed.put("only file header 2", new int[][] {{1, 2}, {3, -1}});
        for (Map.Entry<String, int[][]> c : zeroed.entrySet()) {
            Files.write(file, whole);
            for (int[] range : c.getValue()) {
                zeroBlocks(file, range[0], range[1]);
            }
            RuntimeException e = openFails("part", StoreOptions.DEFAULT.withEncryptionKey(KEY.clone()));
            assertEquals(Fault.CORRUPT_FILE, Faults.faultOf(e), c.getKey() + ": " + e.getMessage());
        }
    }

    @Test
    void open_anotherProgramsFile_isCorruptNamingIt_andLeavesTheFileUnlocked() {
        Path file = dir.resolve("foreign.atoll");
        org.h2.mvstore.MVStore foreign = org.h2.mvstore.MVStore.open(file.toString());
        foreign.openMap("theirs").put("k", "v");
        foreign.close();
        for (int attempt = 0; attempt < 2; attempt++) { // a second open is not refused as locked
            RuntimeException e = openFails("foreign", StoreOptions.DEFAULT);
            Faults.require(Fault.CORRUPT_FILE, e);
            assertEquals("file " + file + " is not an Atoll file (maps [theirs])", e.getMessage());
        }
    }
}
