package dev.atoll.internal.store;

import dev.atoll.feed.ChangeEvent;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;
import dev.atoll.feed.ChangedIds;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The MVStore file of one instance and the write logic over it: bytes in, bytes out. Internal:
 * users reach it through the store actor and snapshots, never directly.
 *
 * <p>Files: one MVStore file, {@code <directory>/<name>.atoll}, opened with every kind of
 * auto-commit off (delay and buffer size both 0; with the delay alone, MVStore 2.4 still writes a
 * partial batch once its unsaved memory passes the buffer size, about 19 MB by default), and with
 * MVStore's LZF page compression (files about 4x smaller on text-heavy objects; pages carry their own
 * compression flag, so files written either way stay readable). Maps: {@code atoll} (format, commit
 * version, the serialized schema layout of each collection, the entry count of every other map),
 * {@code d:<collection>} (id to record) and {@code i:<collection>\t<index>} (index key followed by the
 * 8-byte id, to nothing).
 *
 * <p>Damage: MVStore checks a page's place in its chunk but not its content, so every map here
 * seals the keys and values of each page with a CRC32C ({@link CheckedType}), an open checks
 * every map's size against the count the last commit recorded, and a cleanly closed file must open
 * at the commit its header names. Format 1 files (without checksums and counts) are upgraded in the
 * first commit of their open.
 *
 * <p>Space: MVStore's time-based retention and kept versions are off; instead a chunk's space is reused
 * once a force of the file made its death durable (the sync pin) and no open snapshot needs it, and
 * {@link #compact()} rewrites sparse chunks and moves chunks forward between commits, so that a
 * churned file keeps a steady size.
 *
 * <p>Format 3 changed what index keys mean, not how maps are laid out: strings are keyed by UTF-16 unit
 * (so lone surrogates keep their keys apart) and case is folded per code point, and each collection's
 * layout records the key definition of each of its indexes. A format 2 file becomes format 3 in the first
 * commit of its open; the keys of a collection are rebuilt by {@link #applyMigration} in the migration
 * commit of the first open that names it (its layout, without key definitions, says they must be).
 *
 * <p>Threading: all methods but {@link #snapshot()} are for one thread at a time: the thread that
 * opens the instance, then the store actor, which owns it from its start to its stop. Snapshots
 * may be taken and read by any thread.
 */
public final class StoreCore {
    private static final String META = "atoll";
    /** The meta map of format 1 files, which had no page checksums. */
    private static final String V1_META = "atoll.meta";
    private static final String COUNT_PREFIX = "count:";
    private static final String UPGRADE = "upgrade:";
    private static final String FORMAT_KEY = "format";
    private static final String VERSION_KEY = "version";
    private static final String LAYOUT_PREFIX = "layout:";
    /** The largest id ever put into a collection, so that auto-increment never hands out an id again. */
    private static final String LAST_ID_PREFIX = "lastId:";
    private static final int FORMAT = 3;
    /** The format whose files only need their format entry raised: their keys are rebuilt per collection. */
    private static final int FORMAT_2 = 2;
    private static final int ID_BYTES = Long.BYTES;
    /** MVStore's block size: its two file headers are at 0 and at this offset. */
    private static final int MV_BLOCK = 4096;
    /** How a (decrypted) MVStore file header starts. */
    private static final byte[] MV_HEADER = {'H', ':', '2'};
    /** How MVStore's first chunk, right after the two file headers, starts. */
    private static final byte[] MV_CHUNK = {'c', 'h', 'u', 'n', 'k', ':'};
    /** How a file encrypted by MVStore starts (FileEncrypt's header). */
    private static final byte[] ENCRYPTED_HEADER = "H2encrypt\n".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);

    private final String name;
    private final Path file;
    private final StoreOptions options;
    private final MVStore store;
    private final MVMap<String, byte[]> meta;
    private final Map<String, Coll> collections = new HashMap<>();
    private final Map<String, MVMap<?, ?>> live = new HashMap<>();
    private final Set<String> dirty = new java.util.HashSet<>();
    private final ConflictHistory history;
    private long version;
    private volatile long committedVersion;
    /** The newest version whose snapshot is visible: the change log serves up to it. */
    private volatile long readableVersion;
    private volatile CompletableFuture<Long> nextCommit = new CompletableFuture<>();
    /** The events of the batches applied and not yet committed, in version order. */
    private final List<dev.atoll.feed.ChangeEvent> uncommitted = new ArrayList<>();
    /**
     * The events of the newest commits, in memory: gap fills read them without decoding, and the last
     * ones stay readable after close, so that a subscriber still gets the commits published just before.
     */
    private final java.util.ArrayDeque<dev.atoll.feed.ChangeEvent> tail = new java.util.ArrayDeque<>();
    /**
     * The oldest version the log holds (0 when none) as of the last commit, guarded by {@link #tail}: the
     * tail may reach back less far (it is cut at {@link #TAIL} events, and starts empty at open).
     */
    private long logOldest;
    /** The most events {@link #tail} keeps. */
    static final int TAIL = 1024;
    private final MVMap<Long, byte[]> log;
    /**
     * Internal, for the change feed's benchmark only (never a user setting):
     * {@code -Datoll.internal.change-log=off} read at open stops this store from writing change log entries, so
     * that the log's cost on a commit can be measured. Such an open empties the log, so that a later open with the log finds no log that ends early
     * (it starts at the version the file has, as for a file from before the log). Subscribers then lose history.
     */
    public static final String LOG_SWITCH = "atoll.internal.change-log";
    /** Whether commits write change log entries: see {@link #LOG_SWITCH}. */
    private final boolean logging;
    private volatile ChangeLog.Retention retention = ChangeLog.Retention.DEFAULT;
    /** The time of log entries, in epoch milliseconds; tests move it. */
    private java.util.function.LongSupplier clock = System::currentTimeMillis;
    private long fileCommits;
    private long compactions;
    /**
     * MVStore's version pin at the last force of the file: a chunk that died before it has its death
     * recorded in a forced chunk, so MVStore may overwrite it (see {@link #compact()}).
     */
    private MVStore.TxCounter syncPin;
    private volatile Snapshot current;
    private volatile boolean closed;
    private final java.util.concurrent.CompletableFuture<Void> whenClosed = new java.util.concurrent.CompletableFuture<>();
    private volatile RuntimeException broken;

    private StoreCore(String name, Path file, StoreOptions options, MVStore store) {
        this.name = name;
        this.file = file;
        this.options = options;
        this.store = store;
        // Atoll's version pins (snapshots, syncPin) and forces replace MVStore's time-based guards:
        // no extra versions kept in memory, and chunk space reused as soon as the pins allow.
        store.setVersionsToKeep(0);
        store.setRetentionTime(0);
        Set<String> names = new java.util.TreeSet<>(store.getMapNames());
        boolean upgrade = names.contains(V1_META) && !names.contains(META);
        if (!upgrade && !names.contains(META)) {
            // Every Atoll file is created with its meta map (see createFile): without it, the file is
            // another program's, or damage hid MVStore's catalogue of maps.
            throw Faults.of(Fault.CORRUPT_FILE, "file " + file + (names.isEmpty()
                    ? " is damaged: its maps cannot be found" : " is not an Atoll file (maps " + names + ")"));
        }
        this.meta = openMeta(store, META);
        if (upgrade) {
            upgradeFromV1();
        }
        byte[] format = meta.get(FORMAT_KEY);
        if (format == null) {
            throw Faults.of(Fault.CORRUPT_FILE, "file " + file + " is damaged: its meta map has no format entry");
        } else if (readLong(format) == FORMAT_2) {
            meta.put(FORMAT_KEY, longBytes(FORMAT));
        } else if (readLong(format) != FORMAT) {
            throw Faults.of(Fault.CORRUPT_FILE, "file " + file + " has format " + readLong(format)
                    + "; this version of Atoll reads format " + FORMAT + " (and upgrades formats 1 and 2)");
        }
        byte[] v = meta.get(VERSION_KEY);
        this.version = v == null ? 0 : readLong(v);
        this.committedVersion = version;
        this.readableVersion = version;
        this.history = new ConflictHistory(version);
        dirty.add(META);
        live.put(META, meta);
        verifyCounts();
        // The change log: a file written before it had none, and its history starts at this open.
        this.log = map(store, ChangeLog.MAP, IDS, BYTES);
        verifyLog();
        this.logging = !"off".equals(System.getProperty(LOG_SWITCH));
        if (!logging) {
            log.clear();
        }
        for (String mapName : store.getMapNames()) {
            if (mapName.startsWith(DATA_PREFIX)) {
                // Readable from the first snapshot on, so that an open can migrate stored objects.
                live.put(mapName, openData(mapName));
                dirty.add(mapName);
            }
        }
    }

    /**
     * Checks each data and index map against the entry count the meta map recorded for it at the
     * last commit (the meta map's pages are checksummed; MVStore's own catalogue of map names and
     * root pages, and the entry counts in inner nodes, are not): a map that is missing, has no
     * recorded count, or has another size means the file is damaged.
     */
    private void verifyCounts() {
        Set<String> uncounted = new java.util.TreeSet<>();
        for (String mapName : store.getMapNames()) {
            if (mapName.startsWith(DATA_PREFIX) || mapName.startsWith(INDEX_PREFIX)) {
                uncounted.add(mapName);
            }
        }
        Cursor<String, byte[]> c = meta.cursor(COUNT_PREFIX);
        while (c.hasNext()) {
            String key = c.next();
            if (!key.startsWith(COUNT_PREFIX)) {
                break;
            }
            String mapName = key.substring(COUNT_PREFIX.length());
            long recorded = readLong(c.getValue());
            if (!uncounted.remove(mapName)) {
                throw Faults.of(Fault.CORRUPT_FILE, "file " + file + " is damaged: map '" + mapName + "' is missing ("
                        + recorded + " entries at the last commit)");
            }
            long actual = openAny(mapName).sizeAsLong();
            if (actual != recorded) {
                throw Faults.of(Fault.CORRUPT_FILE, "file " + file + " is damaged: map '" + mapName + "' has " + actual
                        + " entries; the last commit left " + recorded);
            }
        }
        if (!uncounted.isEmpty()) {
            throw Faults.of(Fault.CORRUPT_FILE, "file " + file + " is damaged: maps " + uncounted
                    + " have no entry count recorded");
        }
    }

    /**
     * Reads the oldest and the newest entries of the change log, whose pages the last commit wrote (it
     * appended the newest and trimmed the oldest), so that damage to them is found on open like damage to
     * any other page of the newest commit; and checks that the log ends at the last commit's version.
     */
    private void verifyLog() {
        Long first = log.firstKey();
        if (first == null) {
            return; // a file from before the log, or one without commits
        }
        ChangeLog.decode(name, first, log.get(first));
        long last = log.lastKey();
        ChangeLog.decode(name, last, log.get(last));
        if (last != version) {
            throw Faults.of(Fault.CORRUPT_FILE, "file " + file + " is damaged: its change log ends at version " + last
                    + "; the last commit is version " + version);
        }
    }

    /**
     * Rewrites a format 1 file (the same maps without page checksums, and the meta map under its old
     * name) as the current format, within the first commit of this open: a crash before it leaves the file as
     * it was. Every map is copied, so the commit holds the whole file in memory once.
     */
    private void upgradeFromV1() {
        MVMap<String, byte[]> old = map(store, V1_META, StringDataType.INSTANCE, ByteArrayDataType.INSTANCE);
        byte[] format = old.get(FORMAT_KEY);
        if (format == null || readLong(format) != 1) {
            throw Faults.of(Fault.CORRUPT_FILE, "file " + file + " has a format 1 meta map without format 1 in it");
        }
        for (Map.Entry<String, byte[]> e : old.entrySet()) {
            meta.put(e.getKey(), e.getValue());
        }
        meta.put(FORMAT_KEY, longBytes(FORMAT));
        for (String mapName : new ArrayList<>(store.getMapNames())) {
            if (mapName.startsWith(DATA_PREFIX)) {
                copyAndReplace(map(store, mapName, LongDataType.INSTANCE, ByteArrayDataType.INSTANCE),
                        openData(UPGRADE + mapName));
            } else if (mapName.startsWith(INDEX_PREFIX)) {
                copyAndReplace(map(store, mapName, ByteArrayDataType.INSTANCE, Presence.INSTANCE),
                        openIndex(UPGRADE + mapName));
            }
        }
        store.removeMap(old);
    }

    private <K, V> void copyAndReplace(MVMap<K, V> from, MVMap<K, V> to) {
        Cursor<K, V> c = from.cursor(null);
        while (c.hasNext()) {
            K key = c.next();
            to.put(key, c.getValue());
        }
        String mapName = from.getName();
        store.removeMap(from);
        store.renameMap(to, mapName);
        meta.put(COUNT_PREFIX + mapName, longBytes(to.sizeAsLong()));
    }

    /**
     * Opens (or creates) the file of an instance. A directory or file it creates gets the options'
     * permissions (owner-only by default) from the start, on file systems with POSIX permissions.
     *
     * @throws IllegalArgumentException when the name is not a plain name ({@link InstanceNames#check})
     * @throws InstanceLockedException when another process or actor system holds the file
     * @throws CorruptFileException when the file is damaged or not an Atoll file
     * @throws AtollException with {@code WRONG_KEY} when the file is encrypted with another
     *     key, is encrypted and no key was given, or is plain and a key was given
     * @throws AtollException with {@code IO_ERROR} when the directory or file cannot be made
     *     or read, {@code DISK_FULL} when that is because the disk is full
     */
    public static StoreCore open(Path directory, String name, StoreOptions options) {
        InstanceNames.check(name);
        Path file = directory.resolve(name + ".atoll");
        createDirectory(directory, options.filePermissions());
        if (isMissing(file)) {
            createFile(directory, name, file, options);
        }
        MVStore store;
        char[] key = options.encryptionKey();
        try {
            MVStore.Builder builder = new MVStore.Builder()
                    .fileName(options.fileNamePrefix() + file)
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
        try {
            checkCleanClose(store, file);
            StoreCore core = new StoreCore(name, file, options, store);
            core.forceAndPin(); // what a crash left in the OS cache is forced before any chunk is reused
            core.commit();
            return core;
        } catch (Error e) {
            store.closeImmediately(); // releases the file lock
            throw e;
        } catch (RuntimeException e) {
            store.closeImmediately();
            if (Faults.faultOf(e) != null) {
                throw e;
            }
            throw Faults.of(Fault.CORRUPT_FILE, "file " + file + " of instance '" + name + "' is damaged: " + e, e);
        }
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
    private static void checkCleanClose(MVStore store, Path file) {
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
                openMeta(fresh, META).put(FORMAT_KEY, longBytes(FORMAT));
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
            throw ioError("instance '" + name + "': cannot create " + file + ": " + e.getMessage(), e);
        } catch (IOException | RuntimeException e) {
            throw ioError("instance '" + name + "': cannot create " + file + ": " + e, e);
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
            return ioError("instance '" + name + "': cannot open file " + file + ": " + e.getMessage(), e);
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

    /**
     * An I/O failure as an exception: {@code DISK_FULL} when {@link #isDiskFull} recognizes
     * it, with a message that starts with "the disk is full", else {@code IO_ERROR}.
     *
     * @param message what failed, naming the instance and the file
     */
    static RuntimeException ioError(String message, Throwable cause) {
        if (isDiskFull(cause)) {
            return Faults.of(Fault.DISK_FULL, "the disk is full: " + message, cause);
        }
        return Faults.of(Fault.IO_ERROR, message, cause);
    }

    /**
     * Whether a failure, or one of its causes, says that the disk or the user's disk quota is full: the
     * messages of ENOSPC and EDQUOT on Linux and macOS ("No space left on device", "Disk quota
     * exceeded") and of Windows ("There is not enough space on the disk"), also as the reason of a
     * {@link java.nio.file.FileSystemException}. Looks at most 16 causes deep.
     */
    public static boolean isDiskFull(Throwable e) {
        Throwable t = e;
        for (int depth = 0; t != null && depth < 16; depth++, t = t.getCause()) {
            String text = t instanceof java.nio.file.FileSystemException f ? f.getReason() : t.getMessage();
            if (text != null) {
                String lower = text.toLowerCase(java.util.Locale.ROOT);
                if (lower.contains("no space left on device") || lower.contains("disk quota exceeded")
                        || lower.contains("not enough space on the disk")) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * Whether an exception from MVStore while reading pages says that the file is damaged (rather
     * than that the caller erred): MVStore's own errors, and the parse errors garbage bytes cause,
     * when MVStore or Atoll's store or codecs threw them. The same exception from elsewhere (a
     * {@link NullPointerException} for a null argument, one from the user's code) is not damage.
     */
    public static boolean isDamage(Throwable e) {
        if (e instanceof MVStoreException) {
            return true;
        }
        boolean parseError = e instanceof IndexOutOfBoundsException
                || e instanceof java.nio.BufferUnderflowException || e instanceof NegativeArraySizeException
                || e instanceof NumberFormatException || e instanceof ClassCastException
                || e instanceof ArithmeticException || e instanceof NullPointerException;
        return parseError && thrownByStorage(e.getStackTrace());
    }

    /**
     * Whether the first frame outside the JDK is MVStore's, the store's or the codecs'. A trace the JVM
     * left empty (it may, for exceptions it throws often) counts as theirs, as it did before traces were
     * read.
     */
    static boolean thrownByStorage(StackTraceElement[] trace) {
        for (StackTraceElement frame : trace) {
            String type = frame.getClassName();
            if (type.startsWith("java.") || type.startsWith("jdk.") || type.startsWith("sun.")) {
                continue;
            }
            return type.startsWith("org.h2.") || type.startsWith("dev.atoll.internal.store.")
                    || type.startsWith("dev.atoll.internal.codec.");
        }
        return true;
    }

    /**
     * The exception to throw for a failure that {@link #isDamage} recognizes: a
     * {@code CorruptFileException}, or an I/O error when the disk failed to read.
     */
    public static RuntimeException damage(String instance, RuntimeException e) {
        if (e instanceof MVStoreException m && m.getErrorCode() == DataUtils.ERROR_READING_FAILED
                && !(m.getCause() instanceof java.io.EOFException)) {
            return Faults.of(Fault.IO_ERROR, "instance '" + instance + "': reading failed: "
                    + e.getMessage(), e);
        }
        return Faults.of(Fault.CORRUPT_FILE, "instance '" + instance + "': the file is damaged: " + e, e);
    }

    /**
     * Sets how far back the change log reaches; applied from the next commit on (the store actor's
     * thread, or before it starts).
     */
    public void setLogRetention(ChangeLog.Retention retention) {
        this.retention = java.util.Objects.requireNonNull(retention, "retention");
    }

    /** How far back the change log reaches. */
    public ChangeLog.Retention logRetention() {
        return retention;
    }

    /**
     * The committed change sets after a version, read from the change log. Safe from any thread.
     *
     * @param after the version the caller has: the first event returned is {@code after + 1}
     * @param max the most events returned: 1 or more
     * @return up to {@code max} consecutive events from {@code after + 1}, none when {@code after} is the
     *     newest committed version (or beyond it); {@link ChangeLog.Read#historyLost()} when the log no
     *     longer holds {@code after + 1} (then no event)
     * @throws IllegalArgumentException when {@code max} is below 1
     * @throws InstanceClosedException when the store is closed
     * @throws CorruptFileException when an entry is damaged
     */
    public ChangeLog.Read changesSince(long after, int max) {
        if (max < 1) {
            throw new IllegalArgumentException("max is " + max + "; it must be 1 or more");
        }
        long newest = readableVersion;
        List<dev.atoll.feed.ChangeEvent> events = new ArrayList<>();
        synchronized (tail) {
            dev.atoll.feed.ChangeEvent first = tail.peekFirst();
            if (after >= newest || (first != null && first.version() <= after + 1)) {
                // consecutive versions: walk back from the newest to the first after `after` (a live
                // subscriber's read takes a step or two, not a pass over the whole tail)
                java.util.Iterator<dev.atoll.feed.ChangeEvent> back = tail.descendingIterator();
                while (back.hasNext()) {
                    dev.atoll.feed.ChangeEvent e = back.next();
                    if (e.version() <= after) {
                        break;
                    }
                    if (e.version() <= newest) {
                        events.add(e);
                    }
                }
                java.util.Collections.reverse(events);
                return new ChangeLog.Read(events.subList(0, Math.min(max, events.size())), false, logOldest, newest);
            }
        }
        if (closed) {
            throw Faults.of(Fault.INSTANCE_CLOSED, "instance '" + name + "' is closed");
        }
        Long oldest;
        try {
            oldest = log.firstKey();
            // after < newest here: the tail answers every read at or after the newest version
            if (oldest != null && oldest <= after + 1) {
                long until = Math.min(newest, after + max);
                Cursor<Long, byte[]> c = log.cursor(after + 1);
                long expected = after + 1;
                while (expected <= until && c.hasNext()) {
                    long v = c.next();
                    if (v != expected) {
                        break; // trimmed meanwhile (only the oldest entries go), or a gap: damage
                    }
                    events.add(ChangeLog.decode(name, v, c.getValue()));
                    expected++;
                }
            }
        } catch (RuntimeException e) {
            if (closed && !Faults.is(e, Fault.CORRUPT_FILE)) {
                throw Faults.of(Fault.INSTANCE_CLOSED, "instance '" + name + "' is closed");
            }
            throw e;
        }
        boolean lost = events.isEmpty();
        return new ChangeLog.Read(events, lost, oldest == null ? 0 : oldest, newest);
    }

    /**
     * A stage completed (on the store's thread: do not block in it) with the version of the next commit
     * that becomes readable, or failed with {@code InstanceClosedException} when the store closes first.
     * Compare {@link #readableVersion()} after taking it, so that a commit in between is not missed.
     */
    public CompletionStage<Long> nextCommit() {
        CompletableFuture<Long> signal = nextCommit;
        if (closed) {
            signal.completeExceptionally(Faults.of(Fault.INSTANCE_CLOSED, "instance '" + name + "' is closed"));
        }
        return signal.minimalCompletionStage();
    }

    /** The newest committed version whose snapshot is visible, and that the change log serves. */
    public long readableVersion() {
        return readableVersion;
    }

    /** Drops the log entries beyond the retention (the oldest first), in the commit being written. */
    private void trimLog() {
        ChangeLog.Retention keep = retention;
        long keepFrom = version - keep.maxEntries() + 1;
        long cutoff = clock.getAsLong() - keep.maxAge().toMillis();
        Long first = log.firstKey();
        while (first != null && (first < keepFrom || ChangeLog.time(log.get(first)) < cutoff)) {
            log.remove(first);
            first = log.firstKey();
        }
    }

    /** The instance name. */
    public String name() {
        return name;
    }

    /** The path of the file. */
    public Path file() {
        return file;
    }

    /** The version of the last commit. */
    public long committedVersion() {
        return committedVersion;
    }

    /**
     * How many commits this store has written to its file since it was opened: fewer than the
     * batches it applied when batches were committed together (group commit).
     */
    public long fileCommits() {
        return fileCommits;
    }

    /** How many {@link #compact()} steps ran since the store was opened. */
    public long compactions() {
        return compactions;
    }

    /** Whether {@link #close()} ran. */
    public boolean isClosed() {
        return closed;
    }

    /** The serialized schema layouts stored in the file, by collection name. */
    public Map<String, byte[]> layouts() {
        Map<String, byte[]> result = new LinkedHashMap<>();
        Cursor<String, byte[]> c = meta.cursor(LAYOUT_PREFIX);
        while (c.hasNext()) {
            String key = c.next();
            if (!key.startsWith(LAYOUT_PREFIX)) {
                break;
            }
            result.put(key.substring(LAYOUT_PREFIX.length()), c.getValue());
        }
        return result;
    }

    /**
     * Makes the collections known to the store: opens their maps, drops the index maps of indexes
     * they no longer have (a collection not named here is not touched), and stores their layouts.
     * Takes effect with the next {@link #commit()}.
     */
    public void define(List<CollectionDef> defs, Map<String, byte[]> layouts) {
        checkWritable();
        for (CollectionDef def : defs) {
            String dataName = dataMapName(def.name());
            MVMap<Long, byte[]> data = openData(dataName);
            live.put(dataName, data);
            dirty.add(dataName);
            String prefix = indexMapName(def.name(), "");
            Set<String> wanted = new java.util.HashSet<>();
            for (CollectionDef.IndexDef ix : def.indexes()) {
                wanted.add(indexMapName(def.name(), ix.name()));
            }
            for (String mapName : new ArrayList<>(store.getMapNames())) {
                if (mapName.startsWith(prefix) && !wanted.contains(mapName)) {
                    store.removeMap(mapName);
                    live.remove(mapName);
                    meta.remove(COUNT_PREFIX + mapName);
                }
            }
            IndexState[] indexes = new IndexState[def.indexes().size()];
            for (int i = 0; i < indexes.length; i++) {
                CollectionDef.IndexDef ix = def.indexes().get(i);
                String mapName = indexMapName(def.name(), ix.name());
                MVMap<byte[], Boolean> map = openIndex(mapName);
                live.put(mapName, map);
                dirty.add(mapName);
                indexes[i] = new IndexState(ix, map);
            }
            collections.put(def.name(), new Coll(def.name(), data, indexes));
        }
        layouts.forEach((collection, bytes) -> meta.put(LAYOUT_PREFIX + collection, bytes));
    }

    /**
     * Applies one batch to the maps, wholly or not at all, and gives it the next commit version.
     * Nothing is visible to snapshots or written to the file before {@link #commit()}.
     *
     * @throws dev.atoll.TransactionConflictException when the batch read what a later commit changed
     * @throws UniqueViolationException when a put gives a unique index a value another object holds
     * @throws IllegalArgumentException when the batch names an unknown collection or a bad id
     */
    public Applied apply(WriteBatch batch) {
        return apply(batch, true);
    }

    /**
     * Applies the batch of a migration (the rebuild of a collection's keys) like {@link #apply}, except that a
     * unique index never replaces: opening never deletes an object, so a repeated value fails the batch.
     *
     * @throws UniqueViolationException when a put gives a unique index (replacing or not) a value another
     *     object holds; nothing of the batch stays applied
     * @throws IllegalArgumentException when the batch names an unknown collection or a bad id
     */
    public Applied applyMigration(WriteBatch batch) {
        return apply(batch, false);
    }

    private Applied apply(WriteBatch batch, boolean replacing) {
        checkWritable();
        history.check(batch);
        Undo undo = new Undo();
        ChangeSet changes = new ChangeSet();
        try {
            for (WriteBatch.Op op : batch.ops()) {
                Coll c = collections.get(op.collection());
                if (c == null) {
                    throw new IllegalArgumentException("no collection '" + op.collection() + "' in instance '"
                            + name + "'");
                }
                if (op instanceof WriteBatch.Put p) {
                    put(c, p, replacing, undo, changes);
                } else if (op instanceof WriteBatch.Delete d) {
                    delete(c, d.id(), undo, changes);
                } else { // WriteBatch.Op is sealed: a Clear
                    clear(c, undo, changes);
                }
            }
        } catch (RuntimeException e) {
            try {
                undo.run();
            } catch (RuntimeException undoFailure) {
                e.addSuppressed(undoFailure);
                broken = e;
            }
            throw e;
        }
        noteLastIds(batch);
        version++;
        Map<String, ChangedIds> frozen = changes.freeze();
        history.add(version, frozen);
        if (logging) {
            log.put(version, ChangeLog.encode(clock.getAsLong(), batch.silent(), frozen));
        }
        uncommitted.add(new dev.atoll.feed.ChangeEvent(name, version, batch.silent() ? Map.of() : frozen));
        for (String collection : frozen.keySet()) {
            Coll c = collections.get(collection);
            dirty.add(c.data.getName());
            for (IndexState ix : c.indexes) {
                dirty.add(ix.map.getName());
            }
        }
        return new Applied(version, frozen);
    }

    /** Records, for the next commit, the largest id each collection was given by the batch just applied. */
    private void noteLastIds(WriteBatch batch) {
        for (WriteBatch.Op op : batch.ops()) {
            if (op instanceof WriteBatch.Put p) {
                String key = LAST_ID_PREFIX + p.collection();
                byte[] last = meta.get(key);
                if (last == null || readLong(last) < p.id()) {
                    meta.put(key, longBytes(p.id()));
                }
            }
        }
    }

    /**
     * The largest id a collection ever held: the largest id committed to it, even if that object was
     * deleted or the collection cleared since (files written before this was recorded: the largest id
     * it holds). Auto-increment continues after it, so an id is never handed out twice.
     *
     * @param collection the collection name
     * @return the id, 0 when the collection never held an object
     */
    public long lastId(String collection) {
        byte[] last = meta.get(LAST_ID_PREFIX + collection);
        Coll c = collections.get(collection);
        Long held = c == null ? null : c.data.lastKey();
        return Math.max(last == null ? 0 : readLong(last), held == null ? 0 : held);
    }

    /**
     * Writes everything applied since the last commit to the file as one MVStore commit (forced to
     * the disk under {@link StoreOptions.Durability#SYNC}), then makes it visible to new snapshots.
     *
     * @return the version of the last batch in the commit
     * @throws AtollException with {@code IO_ERROR} when writing fails ({@code DISK_FULL}
     *     when the disk is full); the store is then
     *     unusable and must be closed
     */
    public long commit() {
        checkWritable();
        try {
            for (String mapName : dirty) {
                MVMap<?, ?> map = live.get(mapName);
                if (map != null && map != meta) {
                    meta.put(COUNT_PREFIX + mapName, longBytes(map.sizeAsLong()));
                }
            }
            meta.put(VERSION_KEY, longBytes(version));
            trimLog();
            store.commit();
            if (options.durability() == StoreOptions.Durability.SYNC) {
                store.sync();
                pin();
            }
        } catch (RuntimeException e) {
            broken = e;
            throw ioError("commit of instance '" + name + "' to " + file + " failed: " + e.getMessage(), e);
        }
        committedVersion = version;
        fileCommits++;
        publish();
        synchronized (tail) {
            for (dev.atoll.feed.ChangeEvent e : uncommitted) {
                if (tail.size() == TAIL) {
                    tail.removeFirst();
                }
                tail.addLast(e);
            }
            Long oldest = log.firstKey(); // the tail reaches back no further than the log's retention
            logOldest = oldest == null ? 0 : oldest;
            while (!tail.isEmpty() && (oldest == null || tail.peekFirst().version() < oldest)) {
                tail.removeFirst();
            }
        }
        uncommitted.clear();
        readableVersion = committedVersion;
        CompletableFuture<Long> signal = nextCommit;
        nextCommit = new CompletableFuture<>();
        signal.complete(committedVersion);
        return committedVersion;
    }

    /**
     * Whether less than the options' fill rate of the file's chunk space holds live pages, so that a
     * {@link #compact()} step is due. False when compaction is off, or the store is closed or broken.
     */
    public boolean needsCompaction() {
        return !closed && compactionDue();
    }

    /** Whether a step is due and may run now: compaction commits, so no applied batch may be pending. */
    private boolean compactionDue() {
        return options.compactionFillRate() > 0 && broken == null && version == committedVersion
                && (chunkFillRate() < options.compactionFillRate() || fileFillRate() < options.compactionFillRate());
    }

    /**
     * One step of space reclamation, run by the store actor between commits (never while a batch is
     * applied and not committed). When {@link #needsCompaction()}, it:
     * <ol>
     *   <li>forces the file and moves the sync pin to the current version: the chunks that hold
     *     nothing live since before it are recorded as dead in a forced chunk, so MVStore frees them
     *     at its next commit and writes new chunks into their space (the file stops growing and is
     *     truncated when its end is free). A chunk still read by an open {@link Snapshot} is kept:
     *     each snapshot pins its MVStore version until it is closed;</li>
     *   <li>rewrites the live pages of the sparsest chunks, up to {@link #stepBytes()} bytes,
     *     into a new chunk (MVStore's {@code compact}), commits it and publishes a new snapshot of every
     *     map, at the same commit version: the data does not change, only where it lies;</li>
     *   <li>forces the file again, so that the chunks the rewrite emptied may be freed too, and, when
     *     less than the fill rate of the file is taken by chunks, frees them and moves the chunks after
     *     the first gap forward (MVStore's {@code compactMoveChunks}), and the free end is cut off.</li>
     * </ol>
     * Readers never wait for any of it: pages keep their positions when chunks move.
     * A crash at any point loses no acknowledged commit: rewritten pages are copies, and space is
     * reused only after a force made the older chunks' deaths durable.
     *
     * @return whether the step rewrote pages (false also when no step was due: the fill rates are
     *     high enough, or a batch is pending)
     * @throws AtollException with {@code IO_ERROR} when writing fails ({@code DISK_FULL}
     *     when the disk is full); the store is then unusable and must be closed
     */
    public boolean compact() {
        checkWritable();
        return compactionDue() && compactStep();
    }

    /** The percentage of the chunks' space that holds live pages. */
    private int chunkFillRate() {
        return store.getFileStore().getChunksFillRate();
    }

    /** The percentage of the file (from its first free block on) that chunks take. */
    private int fileFillRate() {
        return store.getFileStore().getFillRate();
    }

    private boolean compactStep() {
        boolean rewrote;
        try {
            forceAndPinUnchecked();
            rewrote = store.getFileStore().compact(options.compactionFillRate(), stepBytes());
            if (rewrote) {
                store.commit();
            }
        } catch (RuntimeException e) {
            throw compactionFailed(e);
        }
        if (rewrote) {
            // Every map may have had pages rewritten: no snapshot may keep an old view of one, whose
            // pages lie in chunks that are about to be freed.
            dirty.addAll(live.keySet());
            publish();
        }
        try {
            if (rewrote) {
                forceAndPinUnchecked(); // the chunks the rewrite emptied are now dead in a forced chunk
            }
            if (store.getFileStore() instanceof org.h2.mvstore.RandomAccessStore randomAccess) {
                // Frees the dead chunks and, when less than the fill rate of the file is taken by chunks,
                // moves the chunks after the first gap forward, so that the end of the file can be cut
                // off. MVStore forces the file before it overwrites a moved chunk's old place and after.
                randomAccess.compactMoveChunks(options.compactionFillRate(), stepBytes(), store);
            }
        } catch (RuntimeException e) {
            throw compactionFailed(e);
        }
        compactions++;
        return rewrote;
    }

    private RuntimeException compactionFailed(RuntimeException e) {
        broken = e;
        return ioError("compaction of instance '" + name + "' in " + file + " failed: " + e.getMessage(), e);
    }

    /** The most {@link #compact()} steps {@link #close()} runs. */
    static final int CLOSE_COMPACT_STEPS = 8;

    /**
     * How many bytes of live pages one step rewrites (or of chunks it moves): half the live data, from
     * {@value #MIN_STEP_BYTES} to {@value #MAX_STEP_BYTES} bytes. MVStore picks the chunks whose live
     * pages are fewest and oldest, and never one with more live bytes than this: a big chunk (a bulk
     * insert) is copied only once it holds at most half of the live data, and a step stays short.
     */
    int stepBytes() {
        org.h2.mvstore.FileStore<?> fs = store.getFileStore();
        long live = fs.size() / 100 * fs.getFillRate() / 100 * chunkFillRate();
        return (int) Math.max(MIN_STEP_BYTES, Math.min(MAX_STEP_BYTES, live / 2));
    }

    static final int MIN_STEP_BYTES = 1 << 20;
    static final int MAX_STEP_BYTES = 16 << 20;

    /**
     * Forces the file and pins the current version, as the base of space reuse.
     *
     * @throws AtollException with {@code IO_ERROR} when the force fails ({@code DISK_FULL} when the disk is full)
     */
    private void forceAndPin() {
        try {
            forceAndPinUnchecked();
        } catch (RuntimeException e) {
            broken = e;
            throw ioError("forcing the file " + file + " of instance '" + name + "' failed: " + e.getMessage(), e);
        }
    }

    private void forceAndPinUnchecked() {
        store.sync();
        pin();
    }

    /** Moves the sync pin to the current version; call right after a force. */
    private void pin() {
        MVStore.TxCounter old = syncPin;
        syncPin = store.registerVersionUsage();
        if (old != null) {
            store.deregisterVersionUsage(old);
        }
    }

    private void unpin() {
        MVStore.TxCounter old = syncPin;
        syncPin = null;
        if (old != null) {
            store.deregisterVersionUsage(old);
        }
    }

    private void publish() {
        Snapshot old = current;
        Map<String, MVMap<?, ?>> maps = new HashMap<>();
        if (old != null) {
            for (Map.Entry<String, MVMap<?, ?>> e : old.maps().entrySet()) {
                if (live.containsKey(e.getKey())) {
                    maps.put(e.getKey(), e.getValue());
                }
            }
        }
        long mvVersion = store.getCurrentVersion();
        for (String mapName : dirty) {
            MVMap<?, ?> map = live.get(mapName);
            if (map != null) {
                maps.put(mapName, map.openVersion(mvVersion));
            }
        }
        dirty.clear();
        MVStore.TxCounter counter = store.registerVersionUsage();
        current = new Snapshot(store, committedVersion, maps, counter);
        if (old != null) {
            old.close();
        }
    }

    /**
     * The latest committed version, for reading. The caller must close it.
     *
     * @throws InstanceClosedException when the store is closed
     */
    public Snapshot snapshot() {
        while (true) {
            Snapshot s = current;
            if (closed || s == null) {
                throw Faults.of(Fault.INSTANCE_CLOSED, "instance '" + name + "' is closed");
            }
            if (broken != null) {
                throw brokenError();
            }
            if (s.tryAcquire()) {
                return s;
            }
        }
    }

    /**
     * Closes the file. Pending applied batches must have been committed (or the store be broken);
     * what was not committed is dropped.
     */
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        try {
            closeStore();
        } finally {
            nextCommit.completeExceptionally(Faults.of(Fault.INSTANCE_CLOSED, "instance '" + name + "' is closed"));
            whenClosed.complete(null);
        }
    }

    /**
     * A stage that completes once the store is closed (after the store actor's last replies were sent),
     * whether the close succeeded or not: a writer whose commit was never answered learns that it never
     * will be.
     */
    public java.util.concurrent.CompletionStage<Void> whenClosed() {
        return whenClosed.minimalCompletionStage();
    }

    private void closeStore() {
        RuntimeException compactFailure = null;
        try {
            // The file is left as compact as a few steps make it (snapshots can no longer be taken).
            for (int step = 0; step < CLOSE_COMPACT_STEPS && compactionDue() && compactStep(); step++) {
                // each step rewrites the sparsest chunks; the next reuses their space
            }
        } catch (RuntimeException e) {
            if (Faults.faultOf(e) == null) {
                throw e;
            }
            compactFailure = e; // every acknowledged commit is already in the file
        }
        Snapshot s = current;
        if (s != null) {
            s.close();
        }
        if (broken != null) {
            store.closeImmediately();
            if (compactFailure != null) {
                throw compactFailure;
            }
        } else {
            try {
                unpin();
                // Forces every committed chunk first (under Durability.WRITE they may not be yet): both
                // rollback() and close() write the clean mark that checkCleanClose trusts, and it must
                // never name a chunk that a crash could still lose.
                store.sync();
                if (options.compactionFillRate() > 0 && version == committedVersion) {
                    // With every pin gone and every death forced, one more commit frees the chunks that
                    // hold nothing live and is written into their space; close then cuts the free end off.
                    meta.put(VERSION_KEY, longBytes(version));
                    store.commit();
                    store.sync();
                }
                store.rollback();
                store.close();
            } catch (RuntimeException e) {
                store.closeImmediately();
                throw ioError("closing instance '" + name + "' (file " + file + ") failed: " + e, e);
            }
        }
    }

    /** The change log's map; for tests, whose fresh copy of a file's live data holds the log as well. */
    MVMap<Long, byte[]> logForTest() {
        return log;
    }

    /** Sets the clock of log entries and retention by age; for tests. */
    void clockForTest(java.util.function.LongSupplier millis) {
        this.clock = millis;
    }

    /** Drops the file without committing, as a crash would; for tests of what reaches the disk. */
    void crashForTest() {
        closed = true;
        unpin();
        store.closeImmediately();
        whenClosed.complete(null);
    }

    /** Whether an earlier failure left the store unusable. */
    public boolean isBroken() {
        return broken != null;
    }

    private void checkWritable() {
        if (closed) {
            throw Faults.of(Fault.INSTANCE_CLOSED, "instance '" + name + "' is closed");
        }
        if (broken != null) {
            throw brokenError();
        }
    }

    private RuntimeException brokenError() {
        return ioError("instance '" + name + "' stopped after a failed write to " + file + " ("
                + broken.getMessage() + "); close its handles and open it again: it reopens with every"
                + " acknowledged commit", broken);
    }

    private void put(Coll c, WriteBatch.Put p, boolean replacing, Undo undo, ChangeSet changes) {
        if (p.id() <= 0) {
            throw new IllegalArgumentException("id " + p.id() + " of collection '" + c.name + "' is not above 0");
        }
        if (p.keys().length != c.indexes.length) {
            throw new IllegalArgumentException("a put into '" + c.name + "' carries " + p.keys().length
                    + " index slots; the collection has " + c.indexes.length);
        }
        byte[] old = c.data.put(p.id(), p.record());
        undo.record(c.data, p.id(), old);
        changes.add(c.name, p.id(), old != null, true);
        if (old != null) {
            removeKeys(c, p.id(), old, undo);
        }
        for (int s = 0; s < c.indexes.length; s++) {
            IndexState ix = c.indexes[s];
            for (byte[] key : p.keys()[s]) {
                if (ix.def.unique() && !isNullKey(key)) {
                    long owner = firstOwner(ix.map, key);
                    if (owner != 0 && owner != p.id()) {
                        if (!ix.def.replace() || !replacing) {
                            throw Faults.of(Fault.UNIQUE_VIOLATION, "unique index '" + ix.def.name() + "' of collection '"
                                    + c.name + "' already holds this value, for object " + owner
                                    + " (while writing object " + p.id() + ")");
                        }
                        delete(c, owner, undo, changes);
                    }
                }
                byte[] entry = entry(key, p.id());
                undo.record(ix.map, entry, ix.map.put(entry, Boolean.TRUE));
            }
        }
    }

    private void delete(Coll c, long id, Undo undo, ChangeSet changes) {
        byte[] old = c.data.remove(id);
        if (old != null) {
            undo.record(c.data, id, old);
            changes.add(c.name, id, true, false);
            removeKeys(c, id, old, undo);
        }
    }

    private void removeKeys(Coll c, long id, byte[] oldRecord, Undo undo) {
        byte[][][] keys = Records.keys(oldRecord);
        if (keys.length != c.indexes.length) {
            throw Faults.of(Fault.CORRUPT_FILE, "record " + id + " of collection '" + c.name + "' has " + keys.length
                    + " index slots; the collection has " + c.indexes.length);
        }
        for (int s = 0; s < keys.length; s++) {
            MVMap<byte[], Boolean> map = c.indexes[s].map;
            for (byte[] key : keys[s]) {
                byte[] entry = entry(key, id);
                Boolean prev = map.remove(entry);
                if (prev != null) {
                    undo.record(map, entry, prev);
                }
            }
        }
    }

    private void clear(Coll c, Undo undo, ChangeSet changes) {
        undo.clearing(c.data, store.getCurrentVersion());
        c.data.clear();
        for (IndexState ix : c.indexes) {
            undo.clearing(ix.map, store.getCurrentVersion());
            ix.map.clear();
        }
        changes.clear(c.name);
    }

    /** Whether a key is the key of a null value (the single byte 0x00), which unique indexes allow many of. */
    public static boolean isNullKey(byte[] key) {
        return key.length == 1 && key[0] == 0;
    }

    static long firstOwner(MVMap<byte[], Boolean> index, byte[] key) {
        byte[] found = index.ceilingKey(key);
        if (found == null || found.length != key.length + ID_BYTES
                || !Arrays.equals(found, 0, key.length, key, 0, key.length)) {
            return 0;
        }
        return ByteBuffer.wrap(found, key.length, ID_BYTES).getLong();
    }

    /** The index entry of a key and an id: the key then the id, big-endian. */
    public static byte[] entry(byte[] key, long id) {
        byte[] entry = Arrays.copyOf(key, key.length + ID_BYTES);
        ByteBuffer.wrap(entry, key.length, ID_BYTES).putLong(id);
        return entry;
    }

    /** The id at the end of an index entry. */
    public static long entryId(byte[] entry) {
        return ByteBuffer.wrap(entry, entry.length - ID_BYTES, ID_BYTES).getLong();
    }

    private static final CheckedType<Long> IDS = new CheckedType<>(LongDataType.INSTANCE);
    private static final CheckedType<byte[]> BYTES = new CheckedType<>(ByteArrayDataType.INSTANCE);
    private static final CheckedType<String> STRINGS = new CheckedType<>(StringDataType.INSTANCE);

    private static <K, V> MVMap<K, V> map(MVStore store, String mapName, org.h2.mvstore.type.DataType<K> keys,
                                          org.h2.mvstore.type.DataType<V> values) {
        return store.openMap(mapName, new MVMap.Builder<K, V>().keyType(keys).valueType(values));
    }

    private static MVMap<String, byte[]> openMeta(MVStore store, String mapName) {
        return map(store, mapName, STRINGS, BYTES);
    }

    private MVMap<Long, byte[]> openData(String mapName) {
        return map(store, mapName, IDS, BYTES);
    }

    /** An index map: its values take no bytes, so only its keys are sealed. */
    private MVMap<byte[], Boolean> openIndex(String mapName) {
        return map(store, mapName, BYTES, Presence.INSTANCE);
    }

    private MVMap<?, ?> openAny(String mapName) {
        return mapName.startsWith(DATA_PREFIX) ? openData(mapName) : openIndex(mapName);
    }

    static final String DATA_PREFIX = "d:";
    static final String INDEX_PREFIX = "i:";

    static String dataMapName(String collection) {
        return DATA_PREFIX + collection;
    }

    static String indexMapName(String collection, String index) {
        return INDEX_PREFIX + collection + "\t" + index;
    }

    private static byte[] longBytes(long v) {
        return ByteBuffer.allocate(Long.BYTES).putLong(v).array();
    }

    private static long readLong(byte[] b) {
        if (b.length != Long.BYTES) {
            throw Faults.of(Fault.CORRUPT_FILE, "damaged meta entry of " + b.length + " bytes");
        }
        return ByteBuffer.wrap(b).getLong();
    }

    /**
     * The result of applying one batch.
     *
     * @param version its commit version
     * @param changes per collection, the ids it wrote or deleted
     */
    public record Applied(long version, Map<String, ChangedIds> changes) {
    }

    private record Coll(String name, MVMap<Long, byte[]> data, IndexState[] indexes) {
    }

    private record IndexState(CollectionDef.IndexDef def, MVMap<byte[], Boolean> map) {
    }

    /**
     * The ids one batch touched, per collection, with whether each object existed before its first touch
     * and after its last: what makes it inserted, updated or deleted.
     */
    private static final class ChangeSet {
        private static final int BEFORE = 1;
        private static final int AFTER = 2;
        private final Map<String, Ids> byCollection = new LinkedHashMap<>();
        private Ids last;

        void add(String collection, long id, boolean existedBefore, boolean existsAfter) {
            Ids ids = last != null && last.collection.equals(collection) ? last
                    : byCollection.computeIfAbsent(collection, Ids::new);
            last = ids;
            if (ids.size == ids.ids.length) {
                ids.ids = Arrays.copyOf(ids.ids, ids.size * 2);
                ids.states = Arrays.copyOf(ids.states, ids.size * 2);
            }
            ids.ids[ids.size] = id;
            ids.states[ids.size++] = (byte) ((existedBefore ? BEFORE : 0) | (existsAfter ? AFTER : 0));
        }

        /** A clear: the ids touched before it are covered by the marker, and every object is absent after it. */
        void clear(String collection) {
            Ids ids = byCollection.computeIfAbsent(collection, Ids::new);
            ids.cleared = true;
            ids.size = 0;
        }

        Map<String, ChangedIds> freeze() {
            Map<String, ChangedIds> result = new LinkedHashMap<>();
            byCollection.forEach((collection, ids) -> result.put(collection, ids.freeze()));
            return result;
        }

        private static final class Ids {
            final String collection;
            long[] ids = new long[8];
            byte[] states = new byte[8];
            int size;
            boolean cleared;

            Ids(String collection) {
                this.collection = collection;
            }

            ChangedIds freeze() {
                Integer[] order = new Integer[size];
                boolean ascending = true;
                for (int i = 0; i < size; i++) {
                    order[i] = i;
                    ascending &= i == 0 || ids[i] > ids[i - 1];
                }
                if (!ascending) {
                    Arrays.sort(order, (a, b) -> Long.compare(ids[a], ids[b])); // stable: touches stay in order
                }
                long[][] kinds = {new long[size], new long[size], new long[size]};
                int[] counts = new int[3];
                for (int i = 0; i < size; ) {
                    int first = order[i];
                    int j = i;
                    while (j + 1 < size && ids[order[j + 1]] == ids[first]) {
                        j++;
                    }
                    boolean before = (states[first] & BEFORE) != 0;
                    boolean after = (states[order[j]] & AFTER) != 0;
                    int kind = after ? (before ? 1 : 0) : 2;
                    kinds[kind][counts[kind]++] = ids[first];
                    i = j + 1;
                }
                return ChangedIds.of(cleared, Arrays.copyOf(kinds[0], counts[0]), Arrays.copyOf(kinds[1], counts[1]),
                        Arrays.copyOf(kinds[2], counts[2]));
            }
        }
    }

    /** What to put back when a batch fails halfway. */
    private static final class Undo {
        private final List<Runnable> steps = new ArrayList<>();

        @SuppressWarnings({"unchecked", "rawtypes"})
        void record(MVMap map, Object key, Object previous) {
            steps.add(() -> {
                if (previous == null) {
                    map.remove(key);
                } else {
                    map.put(key, previous);
                }
            });
        }

        @SuppressWarnings({"unchecked", "rawtypes"})
        void clearing(MVMap map, long mvVersion) {
            MVMap before = map.openVersion(mvVersion);
            steps.add(() -> {
                map.clear();
                Cursor cursor = before.cursor(null);
                while (cursor.hasNext()) {
                    Object key = cursor.next();
                    map.put(key, cursor.getValue());
                }
            });
        }

        void run() {
            for (int i = steps.size() - 1; i >= 0; i--) {
                steps.get(i).run();
            }
        }
    }
}
