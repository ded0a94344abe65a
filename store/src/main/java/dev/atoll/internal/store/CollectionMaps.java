package dev.atoll.internal.store;

import org.h2.mvstore.MVMap;

/**
 * The open maps of one collection: its data (id to record) and its indexes, in the order of the
 * collection's index slots.
 */
record CollectionMaps(String name, MVMap<Long, byte[]> data, CollectionMaps.IndexMap[] indexes) {

    /** One index of the collection and its map. */
    record IndexMap(CollectionDef.IndexDef def, MVMap<byte[], Boolean> map) {
    }
}
