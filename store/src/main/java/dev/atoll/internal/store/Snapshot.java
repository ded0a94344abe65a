package dev.atoll.internal.store;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;

import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * One committed version of an instance, readable from any thread without a message to the store
 * actor. Holds read-only views of the maps as they were at the commit, so that no later write is
 * ever visible through it.
 *
 * <p>Threading: safe for any number of concurrent readers. A reader takes it with
 * {@link StoreCore#snapshot()} and must {@link #close()} it when done, so that the file space of
 * the version can be reused; reads after close are not allowed.
 */
public final class Snapshot implements AutoCloseable {
    private final MVStore store;
    private final long version;
    private final Map<String, MVMap<?, ?>> maps;
    /** The data maps by collection name, so that a read builds no map name. */
    private final Map<String, MVMap<Long, byte[]>> data;
    private final MVStore.TxCounter counter;
    private final AtomicInteger refs = new AtomicInteger(1);

    Snapshot(MVStore store, long version, Map<String, MVMap<?, ?>> maps, MVStore.TxCounter counter) {
        this.store = store;
        this.version = version;
        this.maps = Map.copyOf(maps);
        Map<String, MVMap<Long, byte[]>> byCollection = new java.util.HashMap<>();
        this.maps.forEach((name, map) -> {
            if (name.startsWith(StoreMaps.DATA_PREFIX)) {
                byCollection.put(name.substring(StoreMaps.DATA_PREFIX.length()), dataMap(map));
            }
        });
        this.data = Map.copyOf(byCollection);
        this.counter = counter;
    }

    /** The commit version this snapshot shows. */
    public long version() {
        return version;
    }

    Map<String, MVMap<?, ?>> maps() {
        return maps;
    }

    boolean tryAcquire() {
        while (true) {
            int n = refs.get();
            if (n <= 0) {
                return false;
            }
            if (refs.compareAndSet(n, n + 1)) {
                return true;
            }
        }
    }

    /** Releases this reader's hold on the snapshot. Idempotence is the caller's job: call once. */
    @Override
    public void close() {
        if (refs.decrementAndGet() == 0 && counter != null && !store.isClosed()) {
            store.deregisterVersionUsage(counter);
        }
    }

    /** The record of an object, or null when absent. */
    public byte[] get(String collection, long id) {
        return data(collection).get(id);
    }

    /** Whether the object exists. */
    public boolean contains(String collection, long id) {
        return data(collection).containsKey(id);
    }

    /** The number of objects in a collection. */
    public long count(String collection) {
        return data(collection).sizeAsLong();
    }

    /** The highest id of a collection, or 0 when it is empty. */
    public long maxId(String collection) {
        Long last = data(collection).lastKey();
        return last == null ? 0 : last;
    }

    /** A cursor over the records of a collection in id order, from {@code fromId} on. */
    public Cursor<Long, byte[]> records(String collection, long fromId) {
        return data(collection).cursor(fromId);
    }

    /**
     * The id of the object that holds a key in an index, or 0 when none does. For a unique index
     * this is the one owner; for another index the one with the lowest id.
     */
    public long firstOwner(String collection, String index, byte[] key) {
        return IndexEntries.firstOwner(index(collection, index), key);
    }

    /** A cursor over the entries (key then 8-byte id) of an index, from {@code from} on. */
    public Cursor<byte[], Boolean> indexEntries(String collection, String index, byte[] from) {
        return index(collection, index).cursor(from);
    }

    private MVMap<Long, byte[]> data(String collection) {
        MVMap<Long, byte[]> map = data.get(collection);
        if (map == null) {
            throw new IllegalArgumentException("no collection '" + collection + "' in this instance");
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private static MVMap<Long, byte[]> dataMap(MVMap<?, ?> map) {
        return (MVMap<Long, byte[]>) map;
    }

    @SuppressWarnings("unchecked")
    private MVMap<byte[], Boolean> index(String collection, String index) {
        MVMap<?, ?> map = maps.get(StoreMaps.indexMapName(collection, index));
        if (map == null) {
            throw new IllegalArgumentException("no index '" + index + "' in collection '" + collection + "'");
        }
        return (MVMap<byte[], Boolean>) map;
    }
}
