package dev.atoll.internal.store;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

/**
 * The maps of an instance's file, their names, and the checked page types they are opened with: every
 * page's keys and values are sealed with a CRC32C ({@link CheckedType}), because MVStore checks where a
 * page is in its chunk but not what it holds.
 */
final class StoreMaps {

    private StoreMaps() {
    }

    static final CheckedType<Long> IDS = new CheckedType<>(LongDataType.INSTANCE);
    static final CheckedType<byte[]> BYTES = new CheckedType<>(ByteArrayDataType.INSTANCE);
    static final CheckedType<String> STRINGS = new CheckedType<>(StringDataType.INSTANCE);

    static <K, V> MVMap<K, V> map(MVStore store, String mapName, org.h2.mvstore.type.DataType<K> keys,
                                          org.h2.mvstore.type.DataType<V> values) {
        return store.openMap(mapName, new MVMap.Builder<K, V>().keyType(keys).valueType(values));
    }

    static MVMap<String, byte[]> openMeta(MVStore store, String mapName) {
        return map(store, mapName, STRINGS, BYTES);
    }

    static MVMap<Long, byte[]> openData(MVStore store, String mapName) {
        return map(store, mapName, IDS, BYTES);
    }

    /** An index map: its values take no bytes, so only its keys are sealed. */
    static MVMap<byte[], Boolean> openIndex(MVStore store, String mapName) {
        return map(store, mapName, BYTES, Presence.INSTANCE);
    }

    static MVMap<?, ?> openAny(MVStore store, String mapName) {
        return mapName.startsWith(DATA_PREFIX) ? openData(store, mapName) : openIndex(store, mapName);
    }

    /** Data maps: {@code d:<collection>}, id to record. */
    static final String DATA_PREFIX = "d:";
    /** Index maps: {@code i:<collection>\t<index>}, index entry to nothing. */
    static final String INDEX_PREFIX = "i:";

    static String dataMapName(String collection) {
        return DATA_PREFIX + collection;
    }

    static String indexMapName(String collection, String index) {
        return INDEX_PREFIX + collection + "\t" + index;
    }
}
