package dev.atoll.internal.codec;

import dev.atoll.schema.CollectionSchema;
import dev.atoll.schema.IndexSchema;
import dev.atoll.schema.PropertySchema;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * Order-preserving, prefix-free byte encodings of index keys: {@code Arrays.compareUnsigned(key(a), key(b))}
 * has the sign of the natural comparison of a and b, and no key is a proper prefix of another key of the
 * same type, so keys of several properties can simply be concatenated (composite indexes).
 *
 * <p>Every value key starts with 0x00 for null (nulls sort first) or 0x01, followed by: booleans as one byte;
 * byte/short/int/long big-endian with the sign bit flipped; float/double IEEE bits with negatives fully
 * flipped and positives sign-flipped (NaN last, -0.0 before 0.0); strings and byte arrays with 0x00
 * escaped as 0x00 0xFF and terminated by 0x00 0x01; enums by ordinal like an int; Instants as seconds
 * (long) then nanos (int); lists as 0x01 + element key per element, then 0x00. Hash keys are the 8-byte
 * big-endian {@link #hash64(byte[])} of a key.
 *
 * <p>Strings (key encoding {@value #ENCODING_VERSION}): every UTF-16 unit of the string, lone surrogates
 * included, is mapped to a 16-bit order value ({@link #unitOrder(char)}: surrogates after every other unit)
 * and written like UTF-8 writes a code point of that value (1, 2 or 3 bytes). So two different Java strings
 * never share a key, and keys sort as {@link #compareStrings(String, String)} does: in code-point order for
 * well-formed strings, with a lone surrogate sorting like the first unit of a pair. A string is a prefix of
 * another (as {@link String#startsWith(String)} says) exactly when its key without the terminator is a
 * prefix of the other's key. When not case-sensitive, the key is the key of {@link #foldCase(String)}.
 *
 * <p>What a key means also depends on the schema (an enum's constants, a property's type and nullability,
 * the index flags) and on this encoding: {@link #keyDefinition(CollectionSchema, IndexSchema)} sums that
 * up, and an index whose key definition changed is rebuilt when the collection is opened.
 */
public final class KeyEncoder {
    /** The first byte of a null key. */
    public static final byte NULL = 0x00;
    /** The first byte of a non-null key. */
    public static final byte NOT_NULL = 0x01;
    /** The length of a hash key. */
    public static final int HASH_LENGTH = 8;
    /**
     * The version of this key encoding, part of every {@link #keyDefinition key definition}. Version 1 (files
     * of formats 1 and 2) wrote strings as UTF-8 (lone surrogates as '?') and lower-cased them as whole
     * strings; version 2 writes UTF-16 units (see the class comment) and folds case per code point.
     */
    public static final int ENCODING_VERSION = 2;

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
                case STRING -> putString(buf, (String) value, caseSensitive).put(0).put(1);
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
        Objects.requireNonNull(v, "v");
        return putString(new KeyBuffer(v.length() + 3).put(NOT_NULL), v, caseSensitive).put(0).put(1).toArray();
    }

    /**
     * The common prefix of the keys of all strings that start with {@code prefix}: the key of the prefix
     * without its terminator. Used for startsWith lookups; composite keys extend it too.
     *
     * @throws NullPointerException if prefix is null
     */
    public static byte[] stringPrefix(String prefix, boolean caseSensitive) {
        Objects.requireNonNull(prefix, "prefix");
        return putString(new KeyBuffer(prefix.length() + 1).put(NOT_NULL), prefix, caseSensitive).toArray();
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

    /**
     * Appends the units of s (case-folded unless caseSensitive), without the terminator 0x00 0x01: each unit's
     * {@link #unitOrder(char) order value} v as UTF-8 would write the code point v, except that v = 0 is
     * written 0x00 0xFF. Every unit's bytes start with a byte that tells their count, so the encoding of a
     * unit is never a prefix of another's.
     */
    private static KeyBuffer putString(KeyBuffer buf, String s, boolean caseSensitive) {
        String t = caseSensitive ? s : foldCase(s);
        int n = t.length();
        buf.ensure(3 * n + 2);
        for (int i = 0; i < n; i++) {
            int v = unitOrder(t.charAt(i));
            if (v == 0) {
                buf.put(0).put(0xFF);
            } else if (v < 0x80) {
                buf.put(v);
            } else if (v < 0x800) {
                buf.put(0xC0 | v >>> 6).put(0x80 | v & 0x3F);
            } else {
                buf.put(0xE0 | v >>> 12).put(0x80 | v >>> 6 & 0x3F).put(0x80 | v & 0x3F);
            }
        }
        return buf;
    }

    /**
     * The order value of a UTF-16 unit in string keys: units below the surrogates keep their value, units above
     * them move down by 0x800, and surrogates (0xD800 to 0xDFFF) move to the top (0xF800 to 0xFFFF). Ordering
     * units by it orders well-formed strings by code point.
     */
    static int unitOrder(char c) {
        if (c < Character.MIN_SURROGATE) {
            return c;
        }
        return c > Character.MAX_SURROGATE ? c - 0x800 : c + 0x2000;
    }

    /**
     * The order of string keys: unit by unit by {@link #unitOrder(char)}, then shorter first. For well-formed
     * strings this is code-point order (which {@link String#compareTo(String)} is not: it puts U+E000 to
     * U+FFFF after the surrogate pairs); a lone surrogate sorts where a pair starting with it would.
     *
     * @return negative, zero or positive as a sorts before, with or after b
     * @throws NullPointerException if a or b is null
     */
    public static int compareStrings(String a, String b) {
        int n = Math.min(a.length(), b.length());
        for (int i = 0; i < n; i++) {
            char x = a.charAt(i);
            char y = b.charAt(i);
            if (x != y) {
                return Integer.compare(unitOrder(x), unitOrder(y));
            }
        }
        return Integer.compare(a.length(), b.length());
    }

    /**
     * The one definition of "ignoring case" in Atoll, used by the keys of {@code caseSensitive = false} indexes
     * and by every case-insensitive {@code Filter} condition: each code point c of s (a lone surrogate counts as
     * one) is replaced by {@link #foldCase(int) foldCase(c)}. Two strings are equal ignoring case when their
     * folds are equal, and one starts with (ends with, contains, matches) another ignoring case when its fold
     * does so with the other's fold.
     *
     * <p>Folding is per code point, never by lower-casing the whole string, so it does not depend on a locale
     * or on context: the final sigma and the other sigmas are one letter (ς, σ, Σ), and so are ß and ẞ;
     * the dotted capital İ, the dotless ı, I and i are all i. A code point never becomes several: ß does not
     * match "ss".
     *
     * @param s a string
     * @return its fold, s itself when nothing changes
     * @throws NullPointerException if s is null
     */
    public static String foldCase(String s) {
        int n = s.length();
        int i = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c >= 0x80 || c >= 'A' && c <= 'Z') {
                break;
            }
            i++;
        }
        if (i == n) {
            return s;
        }
        StringBuilder out = new StringBuilder(n).append(s, 0, i);
        while (i < n) {
            int cp = s.codePointAt(i);
            out.appendCodePoint(foldCase(cp));
            i += Character.charCount(cp);
        }
        return out.toString();
    }

    /**
     * The case fold of one code point: {@code Character.toLowerCase(Character.toUpperCase(cp))}, Unicode's
     * simple (one code point to one) case mappings as the JDK has them. Surrogates map to themselves.
     */
    public static int foldCase(int cp) {
        return Character.toLowerCase(Character.toUpperCase(cp));
    }

    /**
     * What the keys of an index mean, as a string to store with the schema: the key encoding version, the
     * flags that change keys (unique, caseSensitive, hash, multiEntry; not replace) and, per property in
     * index order, its name and type signature (nullability, an enum's constants in order, a list's element).
     * Two indexes with equal definitions give every object the same keys; an index whose definition changed
     * must be rebuilt.
     *
     * @param schema the collection schema
     * @param index  one of its indexes
     * @return the definition
     * @throws IllegalArgumentException if the index names a property the schema does not have
     * @throws NullPointerException     if schema or index is null
     */
    public static String keyDefinition(CollectionSchema schema, IndexSchema index) {
        StringBuilder sb = new StringBuilder("k").append(ENCODING_VERSION).append(';')
            .append(index.unique() ? 'U' : '-').append(index.caseSensitive() ? 'C' : '-')
            .append(index.hash() ? 'H' : '-').append(index.multiEntry() ? 'M' : '-');
        for (String name : index.properties()) {
            PropertySchema p = schema.property(name).orElseThrow(() -> new IllegalArgumentException("index '"
                + index.name() + "' of collection '" + schema.name() + "' names no property '" + name + "'"));
            sb.append(';').append(name).append(':').append(p.signature());
        }
        return sb.toString();
    }

    // A growable byte buffer for building keys.
    static final class KeyBuffer {
        private byte[] bytes;
        private int size;

        KeyBuffer(int capacity) {
            bytes = new byte[Math.max(capacity, 8)];
        }

        void ensure(int extra) {
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
