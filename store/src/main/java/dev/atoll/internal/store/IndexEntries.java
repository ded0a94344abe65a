package dev.atoll.internal.store;

import org.h2.mvstore.MVMap;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * The entries of an index map: the index key followed by the object's id (8 bytes, big-endian), to
 * nothing; so that one key can be held by many objects, each entry once, in key order then id order.
 */
public final class IndexEntries {
    private static final int ID_BYTES = Long.BYTES;

    private IndexEntries() {
    }

    /** Whether a key is the key of a null value (the single byte 0x00), which unique indexes allow many of. */
    public static boolean isNullKey(byte[] key) {
        return key.length == 1 && key[0] == 0;
    }

    /** The id of the first object an index holds the key for, or 0 when it holds none. */
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
}
