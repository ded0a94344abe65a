package dev.atoll.internal.store;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import java.util.Arrays;


/**
 * The stored record of one object: a key section (for each index slot, the index keys of this
 * object), then the encoded value. The store keeps the keys next to the value so that it can
 * remove an object's old index entries without decoding it (it never decodes user objects).
 *
 * <p>Layout: varint slot count; per slot a varint key count, per key a varint length and the
 * bytes; then the value to the end of the record. A collection without indexes costs one byte.
 */
public final class Records {
    private Records() {
    }

    /** The record of a value and its keys. */
    public static byte[] encode(byte[][][] keys, byte[] value) {
        int size = varIntSize(keys.length) + value.length;
        for (byte[][] slot : keys) {
            size += varIntSize(slot.length);
            for (byte[] key : slot) {
                size += varIntSize(key.length) + key.length;
            }
        }
        byte[] out = new byte[size];
        int pos = putVarInt(out, 0, keys.length);
        for (byte[][] slot : keys) {
            pos = putVarInt(out, pos, slot.length);
            for (byte[] key : slot) {
                pos = putVarInt(out, pos, key.length);
                System.arraycopy(key, 0, out, pos, key.length);
                pos += key.length;
            }
        }
        System.arraycopy(value, 0, out, pos, value.length);
        return out;
    }

    /**
     * Where the value starts in a record.
     *
     * @throws CorruptFileException when the key section is damaged
     */
    public static int valueOffset(byte[] record) {
        int[] pos = {0};
        int slots = readVarInt(record, pos);
        for (int s = 0; s < slots; s++) {
            int count = readVarInt(record, pos);
            for (int k = 0; k < count; k++) {
                int len = readVarInt(record, pos);
                skip(record, pos, len);
            }
        }
        return pos[0];
    }

    /**
     * The keys of a record, per slot.
     *
     * @throws CorruptFileException when the key section is damaged
     */
    public static byte[][][] keys(byte[] record) {
        int[] pos = {0};
        int slots = readVarInt(record, pos);
        check(slots <= record.length, "slot count");
        byte[][][] keys = new byte[slots][][];
        for (int s = 0; s < slots; s++) {
            int count = readVarInt(record, pos);
            check(count <= record.length - pos[0], "key count");
            keys[s] = new byte[count][];
            for (int k = 0; k < count; k++) {
                int len = readVarInt(record, pos);
                int start = pos[0];
                skip(record, pos, len);
                keys[s][k] = Arrays.copyOfRange(record, start, start + len);
            }
        }
        return keys;
    }

    /** The value part of a record, copied. */
    public static byte[] value(byte[] record) {
        int offset = valueOffset(record);
        return Arrays.copyOfRange(record, offset, record.length);
    }

    private static void skip(byte[] record, int[] pos, int len) {
        check(len <= record.length - pos[0], "key length"); // never negative: readVarInt refuses that
        pos[0] += len;
    }

    private static void check(boolean ok, String what) {
        if (!ok) {
            throw Faults.of(Fault.CORRUPT_FILE, "damaged record: bad " + what + " in its key section");
        }
    }

    static int varIntSize(int v) {
        int n = 1;
        while ((v & ~0x7F) != 0) {
            v >>>= 7;
            n++;
        }
        return n;
    }

    static int putVarInt(byte[] out, int pos, int v) {
        while ((v & ~0x7F) != 0) {
            out[pos++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out[pos++] = (byte) v;
        return pos;
    }

    static int readVarInt(byte[] in, int[] pos) {
        int result = 0;
        for (int shift = 0; shift < 35; shift += 7) {
            check(pos[0] < in.length, "varint");
            int b = in[pos[0]++];
            result |= (b & 0x7F) << shift;
            if ((b & 0x80) == 0) {
                check(result >= 0, "varint");
                return result;
            }
        }
        throw Faults.of(Fault.CORRUPT_FILE, "damaged record: varint too long in its key section");
    }
}
