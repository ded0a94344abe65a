package dev.atoll.internal.store;

import java.util.List;

/**
 * What the store knows of a collection: its name and its indexes. The store never sees the
 * objects, only bytes; it needs the index flags to enforce uniqueness.
 *
 * @param name the collection name
 * @param indexes the indexes, in the order of the key slots of every record of this collection
 */
public record CollectionDef(String name, List<IndexDef> indexes) {

    public CollectionDef {
        indexes = List.copyOf(indexes);
    }

    /**
     * One index of a collection.
     *
     * @param name the index name
     * @param unique whether a key may belong to one object only; the key of a null value (the single
     *     byte 0x00) may belong to many, as in SQL
     * @param replace with unique: a put with a taken key deletes the object that held it
     */
    public record IndexDef(String name, boolean unique, boolean replace) {
    }
}
