package dev.atoll.serialization;

import dev.atoll.schema.PropertySchema;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Order-preserving, prefix-free byte encodings of index keys: {@code Arrays.compareUnsigned(key(a), key(b))}
 * has the sign of the natural comparison of a and b, and no key is a proper prefix of another key of the
 * same type, so keys of several properties can simply be concatenated (composite indexes).
 *
 * <p>Every value key starts with 0x00 for null (nulls sort first) or 0x01, followed by: booleans as one byte;
 * byte/short/int/long big-endian with the sign bit flipped; float/double IEEE bits with negatives fully
 * flipped and positives sign-flipped (NaN last, -0.0 before 0.0); strings (lower-cased with
 * {@code Locale.ROOT} when not case-sensitive) and byte arrays with 0x00 escaped as 0x00 0xFF and
 * terminated by 0x00 0x01 (strings in code-point order); enums by ordinal like an int; Instants as seconds
 * (long) then nanos (int); lists as 0x01 + element key per element, then 0x00. Hash keys are the 8-byte
 * big-endian {@link #hash64(byte[])} of a key.
 */
public final class KeyEncoder {
    /** The first byte of a null key. */
    public static final byte NULL = 0x00;
    /** The first byte of a non-null key. */
    public static final byte NOT_NULL = 0x01;
    /** The length of a hash key. */
    public static final int HASH_LENGTH = 8;

    private KeyEncoder() {
    }

    /**
     * The key of a value of a property.
     *
     * @param property      the property schema (for a multi-entry element, the list's element schema)
     * @param caseSensitive false to lower-case strings first
     * @param value         the value, possibly null
     * @return a new key
     * @throws IllegalArgumentException if the value does not fit the property's type, or the property is
     *                                  embedded (embedded objects cannot be indexed)
     * @throws NullPointerException     if property is null
     */
    public static byte[] encode(PropertySchema property, boolean caseSensitive, Object value) {
        Objects.requireNonNull(property, "property");
        KeyBuffer buf = new KeyBuffer(16);
        append(buf, property, caseSensitive, value);
        return buf.toArray();
    }

    /** Appends the key of value to buf; see {@link #encode(PropertySchema, boolean, Object)}. */
    static void append(KeyBuffer buf, PropertySchema property, boolean caseSensitive, Object value) {
        if (value == null) {
            buf.put(NULL);
            return;
        }
        buf.put(NOT_NULL);
        try {
            switch (property.type()) {
                case BOOL -> buf.put((Boolean) value ? 1 : 0);
                case BYTE -> buf.put((Byte) value ^ 0x80);
                case SHORT -> buf.putShort((Short) value ^ 0x8000);
                case INT -> buf.putInt((Integer) value ^ Integer.MIN_VALUE);
                case LONG -> buf.putLong((Long) value ^ Long.MIN_VALUE);
                case FLOAT -> buf.putInt(floatBits((Float) value));
                case DOUBLE -> buf.putLong(doubleBits((Double) value));
                case STRING -> buf.putEscaped(utf8((String) value, caseSensitive));
                case ENUM -> buf.putInt(((Enum<?>) value).ordinal() ^ Integer.MIN_VALUE);
                case BYTES -> buf.putEscaped((byte[]) value);
                case INSTANT -> {
                    Instant t = (Instant) value;
                    buf.putLong(t.getEpochSecond() ^ Long.MIN_VALUE);
                    buf.putInt(t.getNano() ^ Integer.MIN_VALUE);
                }
                case LIST -> {
                    for (Object e : (List<?>) value) {
                        buf.put(1);
                        append(buf, property.element(), caseSensitive, e);
                    }
                    buf.put(0);
                }
                default -> throw new IllegalArgumentException("property '" + property.name() + "' of type "
                    + property.type() + " cannot be part of an index key");
            }
        } catch (ClassCastException e) {
            throw new IllegalArgumentException("property '" + property.name() + "' of type " + property.type()
                + " cannot take a value of " + value.getClass().getName(), e);
        }
    }

    /** The key of null. */
    public static byte[] ofNull() {
        return new byte[] {NULL};
    }

    /** The key of a boolean (false before true). */
    public static byte[] ofBoolean(boolean v) {
        return new byte[] {NOT_NULL, (byte) (v ? 1 : 0)};
    }

    /** The key of a byte. */
    public static byte[] ofByte(byte v) {
        return new byte[] {NOT_NULL, (byte) (v ^ 0x80)};
    }

    /** The key of a short. */
    public static byte[] ofShort(short v) {
        return new KeyBuffer(3).put(NOT_NULL).putShort(v ^ 0x8000).toArray();
    }

    /** The key of an int. */
    public static byte[] ofInt(int v) {
        return new KeyBuffer(5).put(NOT_NULL).putInt(v ^ Integer.MIN_VALUE).toArray();
    }

    /** The key of a long. */
    public static byte[] ofLong(long v) {
        return new KeyBuffer(9).put(NOT_NULL).putLong(v ^ Long.MIN_VALUE).toArray();
    }

    /** The key of a float (NaN last). */
    public static byte[] ofFloat(float v) {
        return new KeyBuffer(5).put(NOT_NULL).putInt(floatBits(v)).toArray();
    }

    /** The key of a double (NaN last). */
    public static byte[] ofDouble(double v) {
        return new KeyBuffer(9).put(NOT_NULL).putLong(doubleBits(v)).toArray();
    }

    /**
     * The key of a string, in code-point order.
     *
     * @throws NullPointerException if v is null (use {@link #ofNull()})
     */
    public static byte[] ofString(String v, boolean caseSensitive) {
        byte[] bytes = utf8(Objects.requireNonNull(v, "v"), caseSensitive);
        return new KeyBuffer(bytes.length + 4).put(NOT_NULL).putEscaped(bytes).toArray();
    }

    /**
     * The common prefix of the keys of all strings that start with {@code prefix}: the key of the prefix
     * without its terminator. Used for startsWith lookups; composite keys extend it too.
     *
     * @throws NullPointerException if prefix is null
     */
    public static byte[] stringPrefix(String prefix, boolean caseSensitive) {
        byte[] bytes = utf8(Objects.requireNonNull(prefix, "prefix"), caseSensitive);
        KeyBuffer buf = new KeyBuffer(bytes.length + 4).put(NOT_NULL).putEscaped(bytes);
        return Arrays.copyOf(buf.toArray(), buf.size() - 2);
    }

    /**
     * The key of a byte array, in unsigned lexicographic order.
     *
     * @throws NullPointerException if v is null (use {@link #ofNull()})
     */
    public static byte[] ofBytes(byte[] v) {
        Objects.requireNonNull(v, "v");
        return new KeyBuffer(v.length + 4).put(NOT_NULL).putEscaped(v).toArray();
    }

    /**
     * The key of an enum constant: its ordinal.
     *
     * @throws NullPointerException if v is null (use {@link #ofNull()})
     */
    public static byte[] ofEnum(Enum<?> v) {
        return ofInt(v.ordinal());
    }

    /**
     * The key of an Instant: seconds then nanos.
     *
     * @throws NullPointerException if v is null (use {@link #ofNull()})
     */
    public static byte[] ofInstant(Instant v) {
        return new KeyBuffer(13).put(NOT_NULL).putLong(v.getEpochSecond() ^ Long.MIN_VALUE)
            .putInt(v.getNano() ^ Integer.MIN_VALUE).toArray();
    }

    /** The concatenation of keys (a composite key). */
    public static byte[] concat(byte[]... keys) {
        int n = 0;
        for (byte[] k : keys) {
            n += k.length;
        }
        byte[] out = new byte[n];
        int p = 0;
        for (byte[] k : keys) {
            System.arraycopy(k, 0, out, p, k.length);
            p += k.length;
        }
        return out;
    }

    /** The 8-byte hash key of a key: {@link #hash64(byte[])} big-endian. */
    public static byte[] hash(byte[] key) {
        return new KeyBuffer(HASH_LENGTH).putLong(hash64(key)).toArray();
    }

    /** A stable 64-bit hash of bytes (8-byte blocks with multiply-rotate mixing, a Murmur3 finisher). */
    public static long hash64(byte[] data) {
        return hash64(data, 0, data.length);
    }

    static long hash64(byte[] data, int offset, int length) {
        return dev.atoll.schema.CollectionSchema.hash64(data, offset, length);
    }

    static int floatBits(float v) {
        int bits = Float.floatToIntBits(v);
        return bits ^ ((bits >> 31) | Integer.MIN_VALUE);
    }

    static long doubleBits(double v) {
        long bits = Double.doubleToLongBits(v);
        return bits ^ ((bits >> 63) | Long.MIN_VALUE);
    }

    private static byte[] utf8(String s, boolean caseSensitive) {
        return (caseSensitive ? s : s.toLowerCase(Locale.ROOT)).getBytes(StandardCharsets.UTF_8);
    }

    // A growable byte buffer for building keys.
    static final class KeyBuffer {
        private byte[] bytes;
        private int size;

        KeyBuffer(int capacity) {
            bytes = new byte[Math.max(capacity, 8)];
        }

        private void ensure(int extra) {
            if (size + extra > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + extra));
            }
        }

        KeyBuffer put(int b) {
            ensure(1);
            bytes[size++] = (byte) b;
            return this;
        }

        KeyBuffer putShort(int v) {
            ensure(2);
            bytes[size++] = (byte) (v >>> 8);
            bytes[size++] = (byte) v;
            return this;
        }

        KeyBuffer putInt(int v) {
            ensure(4);
            for (int s = 24; s >= 0; s -= 8) {
                bytes[size++] = (byte) (v >>> s);
            }
            return this;
        }

        KeyBuffer putLong(long v) {
            ensure(8);
            for (int s = 56; s >= 0; s -= 8) {
                bytes[size++] = (byte) (v >>> s);
            }
            return this;
        }

        /** Appends data with 0x00 escaped as 0x00 0xFF, then the terminator 0x00 0x01. */
        KeyBuffer putEscaped(byte[] data) {
            int zeros = 0;
            for (byte b : data) {
                if (b == 0) {
                    zeros++;
                }
            }
            ensure(data.length + zeros + 2);
            for (byte b : data) {
                if (b == 0) {
                    bytes[size++] = 0;
                    bytes[size++] = (byte) 0xFF;
                } else {
                    bytes[size++] = b;
                }
            }
            bytes[size++] = 0;
            bytes[size++] = 1;
            return this;
        }

        KeyBuffer putAll(byte[] data) {
            ensure(data.length);
            System.arraycopy(data, 0, bytes, size, data.length);
            size += data.length;
            return this;
        }

        int size() {
            return size;
        }

        void clear() {
            size = 0;
        }

        byte[] toArray() {
            return Arrays.copyOf(bytes, size);
        }

        long hash() {
            return hash64(bytes, 0, size);
        }
    }
}
