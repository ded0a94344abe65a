package dev.atoll.internal.codec;

import com.esotericsoftware.kryo.io.Output;

/**
 * A growable Kryo {@link Output} with the primitives of the payload format: LEB128 varints, little-endian
 * fixed-width numbers, UTF-8 strings and back-patched length prefixes. Not thread-safe.
 */
final class PayloadOutput extends Output {
    /** How many embedded objects deep the writer is; set to 0 before each value. */
    int depth;
    PayloadOutput(int initialSize) {
        super(initialSize, -1);
    }

    void varint32(int value) {
        require(5);
        byte[] b = buffer;
        int p = position;
        while ((value & ~0x7F) != 0) {
            b[p++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        b[p++] = (byte) value;
        position = p;
    }

    void varint64(long value) {
        require(10);
        byte[] b = buffer;
        int p = position;
        while ((value & ~0x7FL) != 0) {
            b[p++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        b[p++] = (byte) value;
        position = p;
    }

    void fixed32(int value) {
        require(4);
        byte[] b = buffer;
        int p = position;
        b[p] = (byte) value;
        b[p + 1] = (byte) (value >>> 8);
        b[p + 2] = (byte) (value >>> 16);
        b[p + 3] = (byte) (value >>> 24);
        position = p + 4;
    }

    void fixed64(long value) {
        fixed32((int) value);
        fixed32((int) (value >>> 32));
    }

    void lengthPrefixed(byte[] bytes) {
        varint32(bytes.length);
        writeBytes(bytes);
    }

    /**
     * Writes a string as its UTF-8 byte length then the bytes. An unpaired surrogate is written as the three
     * bytes UTF-8 would give a code point of its value (as WTF-8 does), so every Java string reads back equal
     * ({@link PayloadInput#utf8(int)}); before format 3 it became '?'.
     */
    void utf8(String s) {
        int n = s.length();
        int len = n;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c >= 0x80) {
                len += extraBytes(s, i, c);
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    i++;
                }
            }
        }
        varint32(len);
        require(len);
        byte[] b = buffer;
        int p = position;
        for (int i = 0; i < n; i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                b[p++] = (byte) c;
            } else if (c < 0x800) {
                b[p++] = (byte) (0xC0 | (c >> 6));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            } else if (Character.isSurrogate(c)) {
                if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                    int cp = Character.toCodePoint(c, s.charAt(++i));
                    b[p++] = (byte) (0xF0 | (cp >> 18));
                    b[p++] = (byte) (0x80 | ((cp >> 12) & 0x3F));
                    b[p++] = (byte) (0x80 | ((cp >> 6) & 0x3F));
                    b[p++] = (byte) (0x80 | (cp & 0x3F));
                } else {
                    b[p++] = (byte) (0xE0 | (c >> 12));
                    b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                    b[p++] = (byte) (0x80 | (c & 0x3F));
                }
            } else {
                b[p++] = (byte) (0xE0 | (c >> 12));
                b[p++] = (byte) (0x80 | ((c >> 6) & 0x3F));
                b[p++] = (byte) (0x80 | (c & 0x3F));
            }
        }
        position = p;
    }

    /**
     * The UTF-8 length of the char at i beyond one byte: 1 below U+0800, else 2 (a surrogate pair's 4 bytes
     * are its two chars and 2 more; an unpaired surrogate takes 3 bytes).
     */
    private static int extraBytes(String s, int i, char c) {
        return c < 0x800 ? 1 : 2;
    }

    /** Reserves one byte for a length prefix and returns its position for {@link #endLength(int)}. */
    int beginLength() {
        require(1);
        int mark = position;
        position = mark + 1;
        return mark;
    }

    /** Writes the length of everything after mark as a varint at mark, moving the content if needed. */
    void endLength(int mark) {
        int len = position - mark - 1;
        int size = varintSize(len);
        if (size > 1) {
            require(size - 1);
            System.arraycopy(buffer, mark + 1, buffer, mark + size, len);
        }
        int end = position + size - 1;
        position = mark;
        varint32(len);
        position = end;
    }

    static int varintSize(int value) {
        int size = 1;
        while ((value & ~0x7F) != 0) {
            value >>>= 7;
            size++;
        }
        return size;
    }
}
