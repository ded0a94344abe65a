package dev.atoll.store;

import dev.atoll.AtollException;
import dev.atoll.ChangedIds;
import dev.atoll.CorruptFileException;
import dev.atoll.ErrorCode;
import dev.atoll.InstanceClosedException;
import dev.atoll.InstanceLockedException;
import dev.atoll.UniqueViolationException;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The MVStore file of one instance and the write logic over it: bytes in, bytes out. Internal:
 * users reach it through the store actor and snapshots, never directly.
 *
 * <p>Files: one MVStore file, {@code <directory>/<name>.atoll}, opened with every kind of
 * auto-commit off (delay and buffer size both 0; with the delay alone, MVStore 2.4 still writes a
 * partial batch once its unsaved memory passes the buffer size, about 19 MB by default). Maps: {@code atoll.meta} (format, commit
 * version, the serialized schema layout of each collection), {@code d:<collection>} (id to record)
 * and {@code i:<collection>\t<index>} (index key followed by the 8-byte id, to nothing).
 *
 * <p>Threading: all methods but {@link #snapshot()} are for one thread at a time: the thread that
 * opens the instance, then the store actor, which owns it from its start to its stop. Snapshots
 * may be taken and read by any thread.
 */
public final class StoreCore {
    private static final String META = "atoll.meta";
    private static final String FORMAT_KEY = "format";
    private static final String VERSION_KEY = "version";
    private static final String LAYOUT_PREFIX = "layout:";
    private static final int FORMAT = 1;
    private static final int ID_BYTES = Long.BYTES;

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
    private long committedVersion;
    private long fileCommits;
    private volatile Snapshot current;
    private volatile boolean closed;
    private RuntimeException broken;

    private StoreCore(String name, Path file, StoreOptions options, MVStore store) {
        this.name = name;
        this.file = file;
        this.options = options;
        this.store = store;
        this.meta = store.openMap(META, new MVMap.Builder<String, byte[]>()
                .keyType(StringDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        byte[] format = meta.get(FORMAT_KEY);
        if (format == null) {
            Set<String> names = new java.util.HashSet<>(store.getMapNames());
            names.remove(META);
            if (!names.isEmpty()) {
                throw new CorruptFileException("file " + file + " is not an Atoll file (maps " + names + ")");
            }
            meta.put(FORMAT_KEY, longBytes(FORMAT));
        } else if (readLong(format) != FORMAT) {
            throw new CorruptFileException("file " + file + " has format " + readLong(format)
                    + "; this version of Atoll reads format " + FORMAT);
        }
        byte[] v = meta.get(VERSION_KEY);
        this.version = v == null ? 0 : readLong(v);
        this.committedVersion = version;
        this.history = new ConflictHistory(version);
        dirty.add(META);
        live.put(META, meta);
        for (String mapName : store.getMapNames()) {
            if (mapName.startsWith("d:")) {
                // Readable from the first snapshot on, so that an open can migrate stored objects.
                live.put(mapName, openData(mapName));
                dirty.add(mapName);
            }
        }
    }

    /**
     * Opens (or creates) the file of an instance.
     *
     * @throws InstanceLockedException when another process or actor system holds the file
     * @throws CorruptFileException when the file is damaged or not an Atoll file
     * @throws AtollException with {@link ErrorCode#IO_ERROR} when the directory cannot be made
     */
    public static StoreCore open(Path directory, String name, StoreOptions options) {
        Path file = directory.resolve(name + ".atoll");
        try {
            Files.createDirectories(directory);
        } catch (IOException e) {
            throw new AtollException(ErrorCode.IO_ERROR, "cannot create directory " + directory + ": " + e, e);
        }
        MVStore store;
        try {
            store = new MVStore.Builder()
                    .fileName(file.toString())
                    .autoCommitDisabled()
                    .autoCommitBufferSize(0)
                    .cacheSize(options.cacheSizeMb())
                    .open();
        } catch (MVStoreException e) {
            throw translateOpenFailure(e, name, file);
        } catch (RuntimeException e) {
            throw new CorruptFileException("file " + file + " of instance '" + name + "' is damaged: " + e, e);
        }
        try {
            StoreCore core = new StoreCore(name, file, options, store);
            core.commit();
            return core;
        } catch (RuntimeException e) {
            store.closeImmediately();
            if (e instanceof AtollException) {
                throw e;
            }
            throw new CorruptFileException("file " + file + " of instance '" + name + "' is damaged: " + e, e);
        }
    }

    private static AtollException translateOpenFailure(MVStoreException e, String name, Path file) {
        int code = e.getErrorCode();
        if (code == DataUtils.ERROR_FILE_LOCKED) {
            return new InstanceLockedException("instance '" + name + "': file " + file
                    + " is locked by another process or actor system", e);
        }
        if (code == DataUtils.ERROR_READING_FAILED || code == DataUtils.ERROR_WRITING_FAILED) {
            return new AtollException(ErrorCode.IO_ERROR, "instance '" + name + "': cannot open file " + file
                    + ": " + e.getMessage(), e);
        }
        return new CorruptFileException("instance '" + name + "': file " + file + " is damaged: "
                + e.getMessage(), e);
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
                }
            }
            IndexState[] indexes = new IndexState[def.indexes().size()];
            for (int i = 0; i < indexes.length; i++) {
                CollectionDef.IndexDef ix = def.indexes().get(i);
                String mapName = indexMapName(def.name(), ix.name());
                MVMap<byte[], Boolean> map = store.openMap(mapName, new MVMap.Builder<byte[], Boolean>()
                        .keyType(ByteArrayDataType.INSTANCE).valueType(Presence.INSTANCE));
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
                    put(c, p, undo, changes);
                } else if (op instanceof WriteBatch.Delete d) {
                    delete(c, d.id(), undo, changes);
                } else if (op instanceof WriteBatch.Clear) {
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
        version++;
        Map<String, ChangedIds> frozen = changes.freeze();
        history.add(version, frozen);
        for (String collection : frozen.keySet()) {
            Coll c = collections.get(collection);
            dirty.add(c.data.getName());
            for (IndexState ix : c.indexes) {
                dirty.add(ix.map.getName());
            }
        }
        return new Applied(version, frozen);
    }

    /**
     * Writes everything applied since the last commit to the file as one MVStore commit (forced to
     * the disk under {@link StoreOptions.Durability#SYNC}), then makes it visible to new snapshots.
     *
     * @return the version of the last batch in the commit
     * @throws AtollException with {@link ErrorCode#IO_ERROR} when writing fails; the store is then
     *     unusable and must be closed
     */
    public long commit() {
        checkWritable();
        meta.put(VERSION_KEY, longBytes(version));
        try {
            store.commit();
            if (options.durability() == StoreOptions.Durability.SYNC) {
                store.sync();
            }
        } catch (RuntimeException e) {
            broken = e;
            throw new AtollException(ErrorCode.IO_ERROR, "commit of instance '" + name + "' to " + file
                    + " failed: " + e.getMessage(), e);
        }
        committedVersion = version;
        fileCommits++;
        publish();
        return committedVersion;
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
                throw new InstanceClosedException("instance '" + name + "' is closed");
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
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        Snapshot s = current;
        if (s != null) {
            s.close();
        }
        if (broken != null) {
            store.closeImmediately();
        } else {
            try {
                store.rollback();
                store.close();
            } catch (RuntimeException e) {
                store.closeImmediately();
                throw new AtollException(ErrorCode.IO_ERROR, "closing instance '" + name + "' failed: " + e, e);
            }
        }
    }

    /** Drops the file without committing, as a crash would; for tests of what reaches the disk. */
    void crashForTest() {
        closed = true;
        store.closeImmediately();
    }

    /** Whether an earlier failure left the store unusable. */
    public boolean isBroken() {
        return broken != null;
    }

    private void checkWritable() {
        if (closed) {
            throw new InstanceClosedException("instance '" + name + "' is closed");
        }
        if (broken != null) {
            throw new AtollException(ErrorCode.IO_ERROR, "instance '" + name + "' failed earlier and accepts no"
                    + " more writes: " + broken.getMessage(), broken);
        }
    }

    private void put(Coll c, WriteBatch.Put p, Undo undo, ChangeSet changes) {
        if (p.id() <= 0) {
            throw new IllegalArgumentException("id " + p.id() + " of collection '" + c.name + "' is not above 0");
        }
        if (p.keys().length != c.indexes.length) {
            throw new IllegalArgumentException("a put into '" + c.name + "' carries " + p.keys().length
                    + " index slots; the collection has " + c.indexes.length);
        }
        byte[] old = c.data.put(p.id(), p.record());
        undo.record(c.data, p.id(), old);
        changes.add(c.name, p.id());
        if (old != null) {
            removeKeys(c, p.id(), old, undo);
        }
        for (int s = 0; s < c.indexes.length; s++) {
            IndexState ix = c.indexes[s];
            for (byte[] key : p.keys()[s]) {
                if (ix.def.unique() && !isNullKey(key)) {
                    long owner = firstOwner(ix.map, key);
                    if (owner != 0 && owner != p.id()) {
                        if (!ix.def.replace()) {
                            throw new UniqueViolationException("unique index '" + ix.def.name() + "' of collection '"
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

    private boolean delete(Coll c, long id, Undo undo, ChangeSet changes) {
        byte[] old = c.data.remove(id);
        if (old == null) {
            return false;
        }
        undo.record(c.data, id, old);
        changes.add(c.name, id);
        removeKeys(c, id, old, undo);
        return true;
    }

    private void removeKeys(Coll c, long id, byte[] oldRecord, Undo undo) {
        byte[][][] keys = Records.keys(oldRecord);
        if (keys.length != c.indexes.length) {
            throw new CorruptFileException("record " + id + " of collection '" + c.name + "' has " + keys.length
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

    private MVMap<Long, byte[]> openData(String mapName) {
        return store.openMap(mapName, new MVMap.Builder<Long, byte[]>()
                .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
    }

    static String dataMapName(String collection) {
        return "d:" + collection;
    }

    static String indexMapName(String collection, String index) {
        return "i:" + collection + "\t" + index;
    }

    private static byte[] longBytes(long v) {
        return ByteBuffer.allocate(Long.BYTES).putLong(v).array();
    }

    private static long readLong(byte[] b) {
        if (b.length != Long.BYTES) {
            throw new CorruptFileException("damaged meta entry of " + b.length + " bytes");
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

    /** The ids one batch touched, per collection. */
    private static final class ChangeSet {
        private final Map<String, long[]> ids = new LinkedHashMap<>();
        private final Map<String, Integer> sizes = new HashMap<>();
        private final Set<String> cleared = new java.util.HashSet<>();

        void add(String collection, long id) {
            long[] a = ids.computeIfAbsent(collection, k -> new long[8]);
            int n = sizes.getOrDefault(collection, 0);
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
                ids.put(collection, a);
            }
            a[n] = id;
            sizes.put(collection, n + 1);
        }

        void clear(String collection) {
            cleared.add(collection);
            ids.computeIfAbsent(collection, k -> new long[8]);
        }

        Map<String, ChangedIds> freeze() {
            Map<String, ChangedIds> result = new LinkedHashMap<>();
            ids.forEach((collection, a) -> result.put(collection,
                    ChangedIds.of(cleared.contains(collection), Arrays.copyOf(a, sizes.getOrDefault(collection, 0)))));
            return result;
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
