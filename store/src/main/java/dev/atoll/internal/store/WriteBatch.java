package dev.atoll.internal.store;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The bytes of one write transaction, as the writing actor sends them to the store actor: the
 * operations in order, the snapshot version the transaction read from, and what it read (for the
 * conflict check that makes write transactions serializable). Holds no user object.
 *
 * @param readVersion the commit version of the snapshot the transaction read from
 * @param ops the operations, applied in this order
 * @param reads what the transaction read; a batch that read nothing never conflicts
 * @param silent when true, the commit publishes no change event (no watcher fires)
 */
public record WriteBatch(long readVersion, List<Op> ops, ReadSet reads, boolean silent) {

    public WriteBatch {
        ops = List.copyOf(ops);
    }

    /** Whether the batch holds a {@link Clear}. */
    public boolean hasClear() {
        for (Op op : ops) {
            if (op instanceof Clear) {
                return true;
            }
        }
        return false;
    }

    /** One operation of a batch. */
    public sealed interface Op {
        /** The collection the operation writes. */
        String collection();
    }

    /**
     * Writes one object.
     *
     * @param collection the collection name
     * @param id the object id, above 0
     * @param record the record: key section then the encoded value (see {@link Records})
     * @param keys per index slot of the collection, the keys of this object
     */
    public record Put(String collection, long id, byte[] record, byte[][][] keys) implements Op {
    }

    /** Deletes one object, if present. */
    public record Delete(String collection, long id) implements Op {
    }

    /** Deletes every object of a collection. */
    public record Clear(String collection) implements Op {
    }

    /**
     * What a write transaction read before it wrote.
     *
     * @param collections collections read as a whole (count, scans, queries)
     * @param ids single objects read, per collection
     */
    public record ReadSet(Set<String> collections, Map<String, Set<Long>> ids) {
        /** A read set that read nothing. */
        public static final ReadSet NONE = new ReadSet(Set.of(), Map.of());

        public ReadSet {
            collections = Set.copyOf(collections);
            ids = Map.copyOf(ids);
        }

        /** Whether nothing was read. */
        public boolean isEmpty() {
            return collections.isEmpty() && ids.isEmpty();
        }
    }
}
