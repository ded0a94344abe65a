package dev.atoll.internal.query;

import java.util.Arrays;

/**
 * Internal: a half-open range [lo, hi) of index keys (or of index entries, key then id), compared as
 * unsigned bytes; a null bound is open. Keys are prefix-free per value, so every key that starts with
 * a prefix p lies in [p, after(p)).
 */
public record KeyRange(byte[] lo, byte[] hi) {
    /** Every key that starts with prefix. */
    public static KeyRange prefix(byte[] prefix) {
        return new KeyRange(prefix, after(prefix));
    }

    /** The smallest byte string greater than every string that starts with p; null when there is none. */
    public static byte[] after(byte[] p) {
        int n = p.length;
        while (n > 0 && p[n - 1] == (byte) 0xFF) {
            n--;
        }
        if (n == 0) {
            return null;
        }
        byte[] next = Arrays.copyOf(p, n);
        next[n - 1]++;
        return next;
    }

    /** Whether a key (or an entry) lies in the range. */
    public boolean contains(byte[] key) {
        return (lo == null || Arrays.compareUnsigned(key, lo) >= 0)
                && (hi == null || Arrays.compareUnsigned(key, hi) < 0);
    }

    /** Whether a key (or an entry) lies past the range's end. */
    public boolean isPast(byte[] key) {
        return hi != null && Arrays.compareUnsigned(key, hi) >= 0;
    }

    /** Whether the other range has the same bounds. */
    public boolean sameAs(KeyRange other) {
        return Arrays.equals(lo, other.lo) && Arrays.equals(hi, other.hi);
    }

    /** Whether the range holds nothing. */
    public boolean isEmpty() {
        return lo != null && hi != null && Arrays.compareUnsigned(lo, hi) >= 0;
    }

    @Override
    public String toString() {
        return "[" + hex(lo) + ", " + hex(hi) + ")";
    }

    private static String hex(byte[] b) {
        if (b == null) {
            return "open";
        }
        StringBuilder sb = new StringBuilder();
        for (byte x : b) {
            sb.append(String.format("%02x", x & 0xFF));
        }
        return sb.toString();
    }
}
