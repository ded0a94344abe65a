package dev.atoll.internal.store;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

/**
 * The file of an instance on disk: created atomically with its permissions and key, opened with
 * MVStore's settings (every kind of auto-commit off, LZF page compression), and, when that fails, told
 * apart: locked by another process, damaged, encrypted with another key, or an I/O error.
 */
final class StoreFile {
    /** MVStore's block size: its two file headers are at 0 and at this offset. */
    static final int MV_BLOCK = 4096;
    /** How a (decrypted) MVStore file header starts. */
    static final byte[] MV_HEADER = {'H', ':', '2'};
    /** How MVStore's first chunk, right after the two file headers, starts. */
    static final byte[] MV_CHUNK = {'c', 'h', 'u', 'n', 'k', ':'};
    /** How a file encrypted by MVStore starts (FileEncrypt's header). */
    static final byte[] ENCRYPTED_HEADER = "H2encrypt\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);


    private StoreFile() {
    }

    /**
     * Opens the file of an instance with MVStore, creating it (and its directory) first when it does not
     * exist; the directory and file get the options' permissions from the start, on file systems with
     * POSIX permissions.
     *
     * @throws RuntimeException an {@code INSTANCE_LOCKED}, {@code CORRUPT_FILE}, {@code WRONG_KEY},
     *     {@code IO_ERROR} or {@code DISK_FULL} failure that says which
     */
    static MVStore open(Path directory, String name, Path file, StoreOptions options) {
        createDirectory(directory, options.filePermissions());
        if (isMissing(file)) {
            createFile(directory, name, file, options);
        }
        MVStore store;
        char[] key = options.encryptionKey();
        try {
            MVStore.Builder builder = new MVStore.Builder()
                    .fileName(HeaderGuardFilePath.prefix() + options.fileNamePrefix() + file)
                    .autoCommitDisabled()
                    .autoCommitBufferSize(0).compress()
                    .cacheSize(options.cacheSizeMb());
            if (key != null) {
                builder.encryptionKey(key); // MVStore wipes the array it is given: a copy
            }
            store = builder.open();
        } catch (MVStoreException e) {
            throw translateOpenFailure(e, name, file, options);
        } catch (RuntimeException e) {
            RuntimeException keyProblem = keyProblem(name, file, options, e);
            throw keyProblem != null ? keyProblem
                    : Faults.of(Fault.CORRUPT_FILE, "file " + file + " of instance '" + name + "' is damaged: " + e, e);
        } finally {
            if (key != null) {
                Arrays.fill(key, '\0');
            }
        }
        return store;
    }

    /**
     * A file closed cleanly names its newest commit (MVStore's chunk version) in its header, so opening
     * it at an older one can only mean damage: MVStore would otherwise fall back to the last chunk it
     * can read, as it must after a crash (when the newest chunk may be torn and was never
     * acknowledged), and silently drop the commits after it.
     *
     * <p>The two header blocks are read here one by one, not through MVStore's merged view of them:
     * only the newest block that reads whole counts, and only if it says "clean". After a crash one
     * block can still hold the clean mark of the last close while the other names a newer chunk,
     * which may be lost; an older clean mark says nothing then. {@link #close()} forces every chunk
     * before MVStore writes the clean mark, so a clean mark never names a chunk a crash could lose.
     */
    @SuppressWarnings({"rawtypes", "unchecked"})
    static void checkCleanClose(MVStore store, Path file) {
        ByteBuffer blocks;
        try {
            blocks = ((org.h2.mvstore.FileStore) store.getFileStore()).readFully(null, 0, 2 * MV_BLOCK);
        } catch (RuntimeException e) {
            return; // MVStore read its header from them; without them there is nothing to compare
        }
        long newest = -1;
        boolean clean = false;
        for (int b = 0; b < 2; b++) {
            byte[] block = new byte[MV_BLOCK];
            blocks.get(b * MV_BLOCK, block);
            Map<String, String> header = parseHeader(block);
            Long version = header == null ? null : hex(header.get("version"));
            if (version == null || version < newest) {
                continue;
            }
            boolean blockClean = "1".equals(header.get("clean"));
            clean = version > newest ? blockClean : clean && blockClean;
            newest = version;
        }
        long opened = store.getFileStore().lastChunkVersion();
        if (clean && opened < newest) {
            throw Faults.of(Fault.CORRUPT_FILE, "file " + file + " is damaged: it was closed cleanly at commit "
                    + newest + " of the file, but the newest one that can be read is " + opened);
        }
    }

    /**
     * One MVStore file header block ({@code key:value,...,fletcher:<checksum>} and a line end), or null
     * when it does not read whole.
     */
    static Map<String, String> parseHeader(byte[] block) {
        int end = 0;
        while (end < block.length && block[end] != '\n' && block[end] != 0) {
            end++;
        }
        String text = new String(block, 0, end, java.nio.charset.StandardCharsets.ISO_8859_1);
        int at = text.lastIndexOf(",fletcher:");
        if (at < 0) {
            return null;
        }
        Long stored = hex(text.substring(at + ",fletcher:".length()));
        if (stored == null || stored.intValue() != DataUtils.getFletcher32(block, 0, at)) {
            return null;
        }
        try {
            return DataUtils.parseMap(text.substring(0, at));
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Long hex(String value) {
        try {
            return Long.parseLong(value, 16);
        } catch (NumberFormatException e) { // null too
            return null;
        }
    }

    private static boolean isMissing(Path file) {
        try {
            return !Files.exists(file) || Files.size(file) == 0;
        } catch (IOException e) {
            return false; // MVStore reports it
        }
    }

    private static boolean posix(Path directory, Set<PosixFilePermission> permissions) {
        return permissions != null && directory.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    /** Creates the directory, with the permissions derived from the files', when it does not exist. */
    private static void createDirectory(Path directory, Set<PosixFilePermission> filePermissions) {
        try {
            if (Files.isDirectory(directory)) {
                return;
            }
            if (!posix(directory, filePermissions)) {
                Files.createDirectories(directory);
                return;
            }
            Set<PosixFilePermission> dirPermissions = directoryPermissions(filePermissions);
            Files.createDirectories(directory, PosixFilePermissions.asFileAttribute(dirPermissions));
            Files.setPosixFilePermissions(directory, dirPermissions); // the umask may have taken bits off
        } catch (IOException e) {
            throw Faults.of(Fault.IO_ERROR, "cannot create directory " + directory + ": " + e, e);
        }
    }

    /**
     * Creates a new, empty store file atomically: written and forced under a temporary name (with the
     * options' permissions and key from the start), then moved into place. A crash while creating leaves
     * no file that cannot be opened, only a temporary one that the next open replaces.
     */
    private static void createFile(Path directory, String name, Path file, StoreOptions options) {
        Path temp = directory.resolve(name + ".atoll.new");
        char[] key = options.encryptionKey();
        try {
            Files.deleteIfExists(temp);
            if (posix(directory, options.filePermissions())) {
                Files.createFile(temp, PosixFilePermissions.asFileAttribute(options.filePermissions()));
                Files.setPosixFilePermissions(temp, options.filePermissions());
            }
            MVStore.Builder builder = new MVStore.Builder().fileName(options.fileNamePrefix() + temp)
                    .autoCommitDisabled().autoCommitBufferSize(0).compress();
            if (key != null) {
                builder.encryptionKey(key);
            }
            MVStore fresh = builder.open();
            try {
                FileFormat.create(fresh);
                fresh.commit();
                fresh.sync();
                fresh.close();
            } catch (RuntimeException e) {
                fresh.closeImmediately();
                throw e;
            }
            Files.move(temp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE,
                    java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            try (java.nio.channels.FileChannel dir = java.nio.channels.FileChannel.open(directory)) {
                dir.force(true); // makes the new name durable where the platform allows it
            } catch (IOException | RuntimeException e) {
                // not every platform can force a directory
            }
        } catch (MVStoreException e) {
            if (e.getErrorCode() == DataUtils.ERROR_FILE_LOCKED) {
                throw Faults.of(Fault.INSTANCE_LOCKED, "instance '" + name + "': file " + temp
                        + " is being created by another process or actor system", e);
            }
            throw StoreErrors.ioError("instance '" + name + "': cannot create " + file + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw StoreErrors.ioError("instance '" + name + "': cannot create " + file + ": " + e, e);
        } finally {
            if (key != null) {
                Arrays.fill(key, '\0');
            }
        }
    }

    /** The permissions of a directory for files with the given ones: execute wherever read is allowed. */
    static Set<PosixFilePermission> directoryPermissions(Set<PosixFilePermission> filePermissions) {
        Set<PosixFilePermission> result = EnumSet.noneOf(PosixFilePermission.class);
        result.addAll(filePermissions);
        if (filePermissions.contains(PosixFilePermission.OWNER_READ)) {
            result.add(PosixFilePermission.OWNER_EXECUTE);
        }
        if (filePermissions.contains(PosixFilePermission.GROUP_READ)) {
            result.add(PosixFilePermission.GROUP_EXECUTE);
        }
        if (filePermissions.contains(PosixFilePermission.OTHERS_READ)) {
            result.add(PosixFilePermission.OTHERS_EXECUTE);
        }
        return result;
    }

    private static RuntimeException translateOpenFailure(MVStoreException e, String name, Path file,
                                                       StoreOptions options) {
        int code = e.getErrorCode();
        if (code == DataUtils.ERROR_FILE_LOCKED) {
            return Faults.of(Fault.INSTANCE_LOCKED, "instance '" + name + "': file " + file
                    + " is locked by another process or actor system", e);
        }
        RuntimeException keyProblem = keyProblem(name, file, options, e);
        if (keyProblem != null) {
            return keyProblem;
        }
        boolean cutShort = false;
        for (Throwable t = e; t != null; t = t.getCause()) {
            cutShort |= t instanceof java.io.EOFException; // a read past the end: the file is cut short
        }
        if (!cutShort && (code == DataUtils.ERROR_READING_FAILED || code == DataUtils.ERROR_WRITING_FAILED)) {
            return StoreErrors.ioError("instance '" + name + "': cannot open file " + file + ": " + e.getMessage(), e);
        }
        return Faults.of(Fault.CORRUPT_FILE, "instance '" + name + "': file " + file + " is damaged: "
                + e.getMessage(), e);
    }

    /**
     * Why an open failed when the reason is the key: the file is encrypted and no key was given, plain
     * and a key was given, or encrypted with another key (neither of the two MVStore file headers, nor
     * the first chunk's header, decrypts with it to the text they start with). Null when the key is not
     * the problem (the file is damaged).
     */
    private static RuntimeException keyProblem(String name, Path file, StoreOptions options, Exception cause) {
        try (java.nio.channels.FileChannel raw = java.nio.channels.FileChannel.open(file)) {
            boolean encrypted = startsWith(raw, 0, ENCRYPTED_HEADER);
            boolean plain = startsWith(raw, 0, MV_HEADER) || startsWith(raw, MV_BLOCK, MV_HEADER);
            if (!options.encrypted()) {
                return encrypted && !plain ? Faults.of(Fault.WRONG_KEY, "instance '" + name
                        + "': file " + file + " is encrypted; open it with its encryption key", cause) : null;
            }
            if (!encrypted) {
                return plain ? Faults.of(Fault.WRONG_KEY, "instance '" + name + "': file " + file
                        + " is not encrypted, but an encryption key was given; open it without a key", cause) : null;
            }
            if (raw.size() % MV_BLOCK != 0 || raw.size() < 4 * MV_BLOCK) {
                // An encrypted Atoll file is whole blocks: the encryption header, two file headers and at
                // least one chunk. Anything else was cut short, and its headers cannot tell about the key.
                return null;
            }
            char[] key = options.encryptionKey();
            try (org.h2.store.fs.encrypt.FileEncrypt decrypted = new org.h2.store.fs.encrypt.FileEncrypt(
                    file.toString(), org.h2.store.fs.encrypt.FilePathEncrypt.getPasswordBytes(key), raw)) {
                if (startsWith(decrypted, 0, MV_HEADER) || startsWith(decrypted, MV_BLOCK, MV_HEADER)
                        || startsWith(decrypted, 2 * MV_BLOCK, MV_CHUNK)) {
                    return null; // the key is right: the file is damaged
                }
            } finally {
                Arrays.fill(key, '\0');
            }
            return Faults.of(Fault.WRONG_KEY, "instance '" + name + "': wrong encryption key for file "
                    + file + " (neither file header nor the first chunk decrypts with it; or the encryption header"
                    + " is damaged)", cause);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static boolean startsWith(java.nio.channels.FileChannel channel, long pos, byte[] prefix)
            throws IOException {
        if (channel.size() < pos + prefix.length) {
            return false;
        }
        ByteBuffer got = ByteBuffer.allocate(prefix.length);
        while (got.hasRemaining()) {
            if (channel.read(got, pos + got.position()) < 0) {
                return false;
            }
        }
        return Arrays.equals(got.array(), prefix);
    }
}
