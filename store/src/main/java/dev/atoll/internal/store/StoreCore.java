package dev.atoll.internal.store;

import dev.atoll.feed.ChangeEvent;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;
import dev.atoll.feed.ChangedIds;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The commit of one instance's file: applies batches to its maps, commits them (one MVStore commit per
 * group, forced under {@code sync}), makes each commit visible to snapshots, serves the change log, and
 * compacts between commits. Internal: users reach it through the store actor and snapshots, never directly.
 *
 * <p>Around it, one class per concern: {@link StoreFile} creates and opens the file (every kind of
 * auto-commit off: delay and buffer size both 0; with the delay alone, MVStore 2.4 still writes a partial
 * batch once its unsaved memory passes the buffer size, about 19 MB by default; and LZF page compression),
 * {@link FileFormat} checks it on open (every map's size against the count the last commit recorded, a
 * cleanly closed file at the commit its header names) and upgrades formats 1 and 2 in the first commit of
 * their open, {@link StoreMaps} opens the maps with checksummed page types ({@link CheckedType}: MVStore
 * checks a page's place in its chunk but not its content), {@link RecordWrites} writes a batch's records
 * and index entries and keeps unique indexes unique, {@link ConflictHistory} refuses a batch that read what
 * a later commit changed, and {@link StoreErrors} says what a failure of the file means.
 *
 * <p>Space: MVStore's time-based retention and kept versions are off; instead a chunk's space is reused
 * once a force of the file made its death durable (the sync pin) and no open snapshot needs it, and
 * {@link #compact()} rewrites sparse chunks and moves chunks forward between commits, so that a
 * churned file keeps a steady size.
 *
 * <p>Threading: all methods but {@link #snapshot()} are for one thread at a time: the thread that
 * opens the instance, then the store actor, which owns it from its start to its stop. Snapshots
 * may be taken and read by any thread.
 */
public final class StoreCore {
    private static final int ID_BYTES = Long.BYTES;
    private final String name;
    private final Path file;
    private final StoreOptions options;
    private final MVStore store;
    private final MVMap<String, byte[]> meta;
    private final Map<String, CollectionMaps> collections = new HashMap<>();
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
        this.meta = FileFormat.openMeta(store, file);
        byte[] v = meta.get(FileFormat.VERSION_KEY);
        this.version = v == null ? 0 : FileFormat.readLong(v);
        this.committedVersion = version;
        this.readableVersion = version;
        this.history = new ConflictHistory(version);
        dirty.add(FileFormat.META);
        live.put(FileFormat.META, meta);
        FileFormat.verifyCounts(store, meta, file);
        // The change log: a file written before it had none, and its history starts at this open.
        this.log = StoreMaps.map(store, ChangeLog.MAP, StoreMaps.IDS, StoreMaps.BYTES);
        FileFormat.verifyLog(log, name, file, version);
        this.logging = !"off".equals(System.getProperty(LOG_SWITCH));
        if (!logging) {
            log.clear();
        }
        for (String mapName : store.getMapNames()) {
            if (mapName.startsWith(StoreMaps.DATA_PREFIX)) {
                // Readable from the first snapshot on, so that an open can migrate stored objects.
                live.put(mapName, StoreMaps.openData(store, mapName));
                dirty.add(mapName);
            }
        }
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
        Path file = fileOf(directory, name);
        MVStore store = StoreFile.open(directory, name, file, options);
        try {
            StoreFile.checkCleanClose(store, file);
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

    /** The file that holds instance {@code name} in {@code directory}. */
    public static Path fileOf(Path directory, String name) {
        return directory.resolve(name + ".atoll");
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
        Cursor<String, byte[]> c = meta.cursor(FileFormat.LAYOUT_PREFIX);
        while (c.hasNext()) {
            String key = c.next();
            if (!key.startsWith(FileFormat.LAYOUT_PREFIX)) {
                break;
            }
            result.put(key.substring(FileFormat.LAYOUT_PREFIX.length()), c.getValue());
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
            String dataName = StoreMaps.dataMapName(def.name());
            MVMap<Long, byte[]> data = StoreMaps.openData(store, dataName);
            live.put(dataName, data);
            dirty.add(dataName);
            String prefix = StoreMaps.indexMapName(def.name(), "");
            Set<String> wanted = new java.util.HashSet<>();
            for (CollectionDef.IndexDef ix : def.indexes()) {
                wanted.add(StoreMaps.indexMapName(def.name(), ix.name()));
            }
            for (String mapName : new ArrayList<>(store.getMapNames())) {
                if (mapName.startsWith(prefix) && !wanted.contains(mapName)) {
                    store.removeMap(mapName);
                    live.remove(mapName);
                    meta.remove(FileFormat.COUNT_PREFIX + mapName);
                }
            }
            CollectionMaps.IndexMap[] indexes = new CollectionMaps.IndexMap[def.indexes().size()];
            for (int i = 0; i < indexes.length; i++) {
                CollectionDef.IndexDef ix = def.indexes().get(i);
                String mapName = StoreMaps.indexMapName(def.name(), ix.name());
                MVMap<byte[], Boolean> map = StoreMaps.openIndex(store, mapName);
                live.put(mapName, map);
                dirty.add(mapName);
                indexes[i] = new CollectionMaps.IndexMap(ix, map);
            }
            collections.put(def.name(), new CollectionMaps(def.name(), data, indexes));
        }
        layouts.forEach((collection, bytes) -> meta.put(FileFormat.LAYOUT_PREFIX + collection, bytes));
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
                CollectionMaps c = collections.get(op.collection());
                if (c == null) {
                    throw new IllegalArgumentException("no collection '" + op.collection() + "' in instance '"
                            + name + "'");
                }
                if (op instanceof WriteBatch.Put p) {
                    RecordWrites.put(c, p, replacing, undo, changes);
                } else if (op instanceof WriteBatch.Delete d) {
                    RecordWrites.delete(c, d.id(), undo, changes);
                } else { // WriteBatch.Op is sealed: a Clear
                    RecordWrites.clear(c, undo, changes, store.getCurrentVersion());
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
            CollectionMaps c = collections.get(collection);
            dirty.add(c.data().getName());
            for (CollectionMaps.IndexMap ix : c.indexes()) {
                dirty.add(ix.map().getName());
            }
        }
        return new Applied(version, frozen);
    }

    /** Records, for the next commit, the largest id each collection was given by the batch just applied. */
    private void noteLastIds(WriteBatch batch) {
        for (WriteBatch.Op op : batch.ops()) {
            if (op instanceof WriteBatch.Put p) {
                String key = FileFormat.LAST_ID_PREFIX + p.collection();
                byte[] last = meta.get(key);
                if (last == null || FileFormat.readLong(last) < p.id()) {
                    meta.put(key, FileFormat.longBytes(p.id()));
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
        byte[] last = meta.get(FileFormat.LAST_ID_PREFIX + collection);
        CollectionMaps c = collections.get(collection);
        Long held = c == null ? null : c.data().lastKey();
        return Math.max(last == null ? 0 : FileFormat.readLong(last), held == null ? 0 : held);
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
                    meta.put(FileFormat.COUNT_PREFIX + mapName, FileFormat.longBytes(map.sizeAsLong()));
                }
            }
            meta.put(FileFormat.VERSION_KEY, FileFormat.longBytes(version));
            trimLog();
            store.commit();
            if (options.durability() == StoreOptions.Durability.SYNC) {
                store.sync();
                pin();
            }
        } catch (RuntimeException e) {
            broken = e;
            throw StoreErrors.ioError("commit of instance '" + name + "' to " + file + " failed: " + e.getMessage(), e);
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
        return StoreErrors.ioError("compaction of instance '" + name + "' in " + file + " failed: " + e.getMessage(), e);
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
            throw StoreErrors.ioError("forcing the file " + file + " of instance '" + name + "' failed: " + e.getMessage(), e);
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
                    meta.put(FileFormat.VERSION_KEY, FileFormat.longBytes(version));
                    store.commit();
                    store.sync();
                }
                store.rollback();
                store.close();
            } catch (RuntimeException e) {
                store.closeImmediately();
                throw StoreErrors.ioError("closing instance '" + name + "' (file " + file + ") failed: " + e, e);
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
        return StoreErrors.ioError("instance '" + name + "' stopped after a failed write to " + file + " ("
                + broken.getMessage() + "); close its handles and open it again: it reopens with every"
                + " acknowledged commit", broken);
    }

    /**
     * The result of applying one batch.
     *
     * @param version its commit version
     * @param changes per collection, the ids it wrote or deleted
     */
    public record Applied(long version, Map<String, ChangedIds> changes) {
    }


}
