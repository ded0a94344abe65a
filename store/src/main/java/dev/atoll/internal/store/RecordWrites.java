package dev.atoll.internal.store;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;
import org.h2.mvstore.MVMap;

/**
 * The writes of one batch to a collection's data and index maps: a put replaces the object and its index
 * entries, keeping each unique index unique (refusing a value another object holds, or, for a
 * {@code replace} index outside a migration, deleting that object); a delete and a clear remove entries.
 * Every change is recorded in the batch's {@link Undo} and {@link ChangeSet}.
 */
final class RecordWrites {

    private RecordWrites() {
    }

    static void put(CollectionMaps c, WriteBatch.Put p, boolean replacing, Undo undo, ChangeSet changes) {
        if (p.id() <= 0) {
            throw new IllegalArgumentException("id " + p.id() + " of collection '" + c.name() + "' is not above 0");
        }
        if (p.keys().length != c.indexes().length) {
            throw new IllegalArgumentException("a put into '" + c.name() + "' carries " + p.keys().length
                    + " index slots; the collection has " + c.indexes().length);
        }
        byte[] old = c.data().put(p.id(), p.record());
        undo.record(c.data(), p.id(), old);
        changes.add(c.name(), p.id(), old != null, true);
        if (old != null) {
            removeKeys(c, p.id(), old, undo);
        }
        for (int s = 0; s < c.indexes().length; s++) {
            CollectionMaps.IndexMap ix = c.indexes()[s];
            for (byte[] key : p.keys()[s]) {
                if (ix.def().unique() && !IndexEntries.isNullKey(key)) {
                    long owner = IndexEntries.firstOwner(ix.map(), key);
                    if (owner != 0 && owner != p.id()) {
                        if (!ix.def().replace() || !replacing) {
                            throw Faults.of(Fault.UNIQUE_VIOLATION, "unique index '" + ix.def().name() + "' of collection '"
                                    + c.name() + "' already holds this value, for object " + owner
                                    + " (while writing object " + p.id() + ")");
                        }
                        delete(c, owner, undo, changes);
                    }
                }
                byte[] entry = IndexEntries.entry(key, p.id());
                undo.record(ix.map(), entry, ix.map().put(entry, Boolean.TRUE));
            }
        }
    }

    static void delete(CollectionMaps c, long id, Undo undo, ChangeSet changes) {
        byte[] old = c.data().remove(id);
        if (old != null) {
            undo.record(c.data(), id, old);
            changes.add(c.name(), id, true, false);
            removeKeys(c, id, old, undo);
        }
    }

    private static void removeKeys(CollectionMaps c, long id, byte[] oldRecord, Undo undo) {
        byte[][][] keys = Records.keys(oldRecord);
        if (keys.length != c.indexes().length) {
            throw Faults.of(Fault.CORRUPT_FILE, "record " + id + " of collection '" + c.name() + "' has " + keys.length
                    + " index slots; the collection has " + c.indexes().length);
        }
        for (int s = 0; s < keys.length; s++) {
            MVMap<byte[], Boolean> map = c.indexes()[s].map();
            for (byte[] key : keys[s]) {
                byte[] entry = IndexEntries.entry(key, id);
                Boolean prev = map.remove(entry);
                if (prev != null) {
                    undo.record(map, entry, prev);
                }
            }
        }
    }

    static void clear(CollectionMaps c, Undo undo, ChangeSet changes, long mvVersion) {
        undo.clearing(c.data(), mvVersion);
        c.data().clear();
        for (CollectionMaps.IndexMap ix : c.indexes()) {
            undo.clearing(ix.map(), mvVersion);
            ix.map().clear();
        }
        changes.clear(c.name());
    }
}
