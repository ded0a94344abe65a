package dev.atoll.internal.txn;

import dev.atoll.internal.store.Records;
import dev.atoll.internal.store.Snapshot;
import dev.atoll.internal.store.WriteBatch;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Internal: one transaction of one handle. Reads go to one snapshot; a write transaction stages
 * its writes (bytes only) in order and overlays them on the snapshot, so that its reads see its own
 * writes, and records what it read, so that the store can check it against later commits.
 *
 * <p>Threading: confined to the handle's thread, like the handle.
 */
public final class Txn implements AutoCloseable {
    /** Marks an object that this transaction deleted (or that a unique replace will delete). */
    private static final byte[] GONE = new byte[0];

    public final Snapshot snapshot;
    public final boolean write;
    private final List<WriteBatch.Op> ops = new ArrayList<>();
    private final Map<String, Map<Long, byte[]>> staged = new HashMap<>();
    private final Set<String> cleared = new HashSet<>();
    private final Map<String, Map<ByteBuffer, Long>> stagedKeys = new HashMap<>();
    // The overlay above (staged, cleared, stagedKeys) is built from this log only when the transaction
    // reads: a bulk insert that never reads pays for no maps. Entries: Put, Delete, Clear, Hide.
    private final List<Object> log = new ArrayList<>();
    private final Map<String, List<String>> indexNames = new HashMap<>();
    private int overlaid;
    private final Set<String> readCollections = new HashSet<>();
    private final Map<String, Set<Long>> readIds = new HashMap<>();
    private boolean closed;

    private Txn(Snapshot snapshot, boolean write) {
        this.snapshot = snapshot;
        this.write = write;
    }

    public static Txn read(Snapshot snapshot) {
        return new Txn(snapshot, false);
    }

    public static Txn write(Snapshot snapshot) {
        return new Txn(snapshot, true);
    }

    /** The record of an object as this transaction sees it, or null. */
    public byte[] get(String collection, long id) {
        if (write) {
            readIds.computeIfAbsent(collection, k -> new HashSet<>()).add(id);
            overlay();
            Map<Long, byte[]> mine = staged.get(collection);
            if (mine != null) {
                byte[] record = mine.get(id);
                if (record != null) {
                    return record == GONE ? null : record;
                }
            }
            if (cleared.contains(collection)) {
                return null;
            }
        }
        return snapshot.get(collection, id);
    }

    /** Records a read of one object, for the store's conflict check, without reading it. */
    public void readId(String collection, long id) {
        if (write) {
            readIds.computeIfAbsent(collection, k -> new HashSet<>()).add(id);
        }
    }

    /** The number of objects as this transaction sees it. */
    public long count(String collection) {
        if (!write) {
            return snapshot.count(collection);
        }
        readCollections.add(collection);
        overlay();
        boolean wasCleared = cleared.contains(collection);
        long count = wasCleared ? 0 : snapshot.count(collection);
        Map<Long, byte[]> mine = staged.get(collection);
        if (mine != null) {
            for (Map.Entry<Long, byte[]> e : mine.entrySet()) {
                boolean inBase = !wasCleared && snapshot.contains(collection, e.getKey());
                boolean present = e.getValue() != GONE;
                count += (present ? 1 : 0) - (inBase ? 1 : 0);
            }
        }
        return count;
    }

    /** The object that holds a key in an index, as this transaction sees it, or 0. */
    public long owner(String collection, String index, byte[] key) {
        if (write) {
            readCollections.add(collection);
        }
        return ownerUnrecorded(collection, index, key);
    }

    /**
     * {@link #owner}, without recording a read: for the early unique check of a put, which the store
     * repeats at commit. Recording it would make every put into a collection with a unique index
     * conflict with any other commit to that collection.
     */
    public long ownerUnrecorded(String collection, String index, byte[] key) {
        if (!write) {
            return snapshot.firstOwner(collection, index, key);
        }
        overlay();
        Map<ByteBuffer, Long> mine = stagedKeys.get(indexKey(collection, index));
        if (mine != null) {
            Long id = mine.get(ByteBuffer.wrap(key));
            if (id != null) {
                return id;
            }
        }
        if (cleared.contains(collection)) {
            return 0;
        }
        long id = snapshot.firstOwner(collection, index, key);
        Map<Long, byte[]> changed = staged.get(collection);
        if (id != 0 && changed != null && changed.containsKey(id)) {
            return 0;
        }
        return id;
    }

    public void put(String collection, long id, byte[][][] keys, byte[] value, List<String> indexNames) {
        this.indexNames.putIfAbsent(collection, indexNames);
        WriteBatch.Put put = new WriteBatch.Put(collection, id, Records.encode(keys, value), keys);
        ops.add(put);
        log.add(put);
    }

    /** Hides an object from this transaction's reads: the store will replace it at commit. */
    public void hide(String collection, long id, List<String> indexNames) {
        this.indexNames.putIfAbsent(collection, indexNames);
        log.add(new Hide(collection, id));
    }

    public void delete(String collection, long id, List<String> indexNames) {
        this.indexNames.putIfAbsent(collection, indexNames);
        WriteBatch.Delete delete = new WriteBatch.Delete(collection, id);
        ops.add(delete);
        log.add(delete);
    }

    public void clear(String collection) {
        WriteBatch.Clear clear = new WriteBatch.Clear(collection);
        ops.add(clear);
        log.add(clear);
    }

    /** An object hidden from reads only (a unique replace the store carries out at commit). */
    private record Hide(String collection, long id) {
    }

    /** Brings the overlay up to date with the log: only the entries since the last read. */
    private void overlay() {
        for (int i = overlaid; i < log.size(); i++) {
            Object entry = log.get(i);
            if (entry instanceof WriteBatch.Put p) {
                overlayPut(p);
            } else if (entry instanceof WriteBatch.Delete d) {
                overlayGone(d.collection(), d.id());
            } else if (entry instanceof Hide h) {
                overlayGone(h.collection(), h.id());
            } else if (entry instanceof WriteBatch.Clear c) {
                staged.remove(c.collection());
                stagedKeys.keySet().removeIf(k -> k.startsWith(c.collection() + "\t"));
                cleared.add(c.collection());
            }
        }
        overlaid = log.size();
    }

    private void overlayPut(WriteBatch.Put p) {
        String collection = p.collection();
        byte[] previous = stage(collection, p.id(), p.record());
        if (previous != null && previous != GONE) {
            unindex(collection, previous);
        }
        List<String> names = indexNames.get(collection);
        byte[][][] keys = p.keys();
        for (int s = 0; s < keys.length; s++) {
            Map<ByteBuffer, Long> slot = stagedKeys.computeIfAbsent(indexKey(collection, names.get(s)),
                    k -> new HashMap<>());
            for (byte[] key : keys[s]) {
                slot.put(ByteBuffer.wrap(key), p.id());
            }
        }
    }

    private void overlayGone(String collection, long id) {
        byte[] previous = stage(collection, id, GONE);
        if (previous != null && previous != GONE) {
            unindex(collection, previous);
        }
    }

    private byte[] stage(String collection, long id, byte[] record) {
        return staged.computeIfAbsent(collection, k -> new HashMap<>()).put(id, record);
    }

    private void unindex(String collection, byte[] record) {
        List<String> names = indexNames.get(collection);
        byte[][][] keys = Records.keys(record);
        for (int s = 0; s < keys.length; s++) {
            Map<ByteBuffer, Long> slot = stagedKeys.get(indexKey(collection, names.get(s)));
            if (slot != null) {
                for (byte[] key : keys[s]) {
                    slot.remove(ByteBuffer.wrap(key));
                }
            }
        }
    }

    private static String indexKey(String collection, String index) {
        return collection + "\t" + index;
    }

    // --- For queries (QueryRunner). A query reads the snapshot and lays this overlay over it: it skips
    // --- the snapshot's records (and index entries) of every id staged here, or all of them after a
    // --- clear, and adds the staged records, whose key sections say which index ranges they fall in.

    /**
     * Records a read of a whole collection (a query): any commit to it after this transaction's
     * snapshot is then a conflict. Does nothing in a read transaction.
     */
    public void readCollection(String collection) {
        if (write) {
            readCollections.add(collection);
        }
    }

    /** Whether this write transaction cleared the collection, hiding all of the snapshot's objects. */
    public boolean clearedHere(String collection) {
        if (!write) {
            return false;
        }
        overlay();
        return cleared.contains(collection);
    }

    /**
     * A copy of the records this transaction staged for a collection, in id order; a null value marks
     * an object it deleted (or that a unique replace will delete). Empty in a read transaction.
     */
    public java.util.NavigableMap<Long, byte[]> stagedRecords(String collection) {
        java.util.TreeMap<Long, byte[]> copy = new java.util.TreeMap<>();
        if (write) {
            overlay();
        }
        Map<Long, byte[]> mine = write ? staged.get(collection) : null;
        if (mine != null) {
            mine.forEach((id, record) -> copy.put(id, record == GONE ? null : record));
        }
        return copy;
    }

    public boolean hasWrites() {
        return !ops.isEmpty();
    }

    public WriteBatch toBatch(boolean silent) {
        return new WriteBatch(snapshot.version(), ops,
                new WriteBatch.ReadSet(readCollections, readIds), silent);
    }

    @Override
    public void close() {
        if (!closed) {
            closed = true;
            snapshot.close();
        }
    }
}
