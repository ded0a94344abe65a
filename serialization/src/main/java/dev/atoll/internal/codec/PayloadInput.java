package dev.atoll.internal.codec;

import com.esotericsoftware.kryo.io.Input;

import java.nio.charset.StandardCharsets;

/**
 * A Kryo {@link Input} over one stored payload whose every read is checked against {@link #end}, the end of
 * the current message, throwing {@link Malformed} instead of reading past it. Not thread-safe.
 */
final class PayloadInput extends Input {
    /** The end (exclusive) of the message being read. */
    int end;
    /** How many embedded objects deep the reader is; 0 after {@link #reset}. */
    int depth;

    PayloadInput() {
        super(new byte[0]);
    }

    void reset(byte[] bytes, int offset, int length) {
        depth = 0;
        setBuffer(bytes, offset, length);
        end = offset + length;
    }

    boolean more() {
        return position < end;
    }

    int varint32() {
        int result = 0;
        for (int shift = 0; shift < 32; shift += 7) {
            if (position >= end) {
                throw new Malformed("varint runs past the end");
            }
            int b = buffer[position++];
            result |= (b & 0x7F) << shift;
            if (b >= 0) {
                if (shift == 28 && (b & 0x70) != 0) {
                    throw new Malformed("varint overflows 32 bits");
                }
                return result;
            }
        }
        throw new Malformed("varint longer than 5 bytes");
    }

    long varint64() {
        long result = 0;
        for (int shift = 0; shift < 64; shift += 7) {
            if (position >= end) {
                throw new Malformed("varint runs past the end");
            }
            int b = buffer[position++];
            result |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                if (shift == 63 && b > 1) {
                    throw new Malformed("varint overflows 64 bits");
                }
                return result;
            }
        }
        throw new Malformed("varint longer than 10 bytes");
    }

    /** A length prefix, checked to fit in the rest of the message. */
    int length() {
        int len = varint32();
        if (len < 0 || len > end - position) {
            throw new Malformed("length " + Integer.toUnsignedString(len) + " exceeds the remaining "
                + (end - position) + " bytes");
        }
        return len;
    }

    int fixed32() {
        need(4);
        byte[] b = buffer;
        int p = position;
        position = p + 4;
        return (b[p] & 0xFF) | (b[p + 1] & 0xFF) << 8 | (b[p + 2] & 0xFF) << 16 | (b[p + 3] & 0xFF) << 24;
    }

    long fixed64() {
        long low = fixed32() & 0xFFFFFFFFL;
        return low | (long) fixed32() << 32;
    }

    int readByteChecked() {
        need(1);
        return buffer[position++] & 0xFF;
    }

    byte[] bytes(int length) {
        need(length);
        byte[] out = new byte[length];
        System.arraycopy(buffer, position, out, 0, length);
        position += length;
        return out;
    }

    /**
     * Reads a string that {@link PayloadOutput#utf8(String)} wrote: UTF-8, in which the three bytes
     * {@code ED A0..BF 80..BF} (which well-formed UTF-8 never holds) are an unpaired surrogate. Other bytes that
     * are not UTF-8 decode as U+FFFD, as Java's decoder does.
     */
    String utf8(int length) {
        need(length);
        int start = position;
        int end = start + length;
        position = end;
        int lone = nextLoneSurrogate(start, end);
        if (lone < 0) {
            return new String(buffer, start, length, StandardCharsets.UTF_8);
        }
        StringBuilder sb = new StringBuilder(length);
        int from = start;
        while (lone >= 0) {
            sb.append(new String(buffer, from, lone - from, StandardCharsets.UTF_8));
            sb.append((char) (0xD000 | (buffer[lone + 1] & 0x3F) << 6 | buffer[lone + 2] & 0x3F));
            from = lone + 3;
            lone = nextLoneSurrogate(from, end);
        }
        return sb.append(new String(buffer, from, end - from, StandardCharsets.UTF_8)).toString();
    }

    /** Where the next surrogate written as 3 bytes starts in [from, end), or -1. */
    private int nextLoneSurrogate(int from, int end) {
        for (int i = from; i + 2 < end; i++) {
            if (buffer[i] == (byte) 0xED && (buffer[i + 1] & 0xE0) == 0xA0 && (buffer[i + 2] & 0xC0) == 0x80) {
                return i;
            }
        }
        return -1;
    }

    void skipBytes(int length) {
        need(length);
        position += length;
    }

    /** Skips one value of the given wire type. */
    void skipValue(int wireType) {
        switch (wireType) {
            case Wire.VARINT -> varint64();
            case Wire.FIXED64 -> skipBytes(8);
            case Wire.LENGTH -> skipBytes(length());
            case Wire.FIXED32 -> skipBytes(4);
            default -> throw new Malformed("unknown wire type " + wireType);
        }
    }

    private void need(int n) {
        if (n < 0 || n > end - position) {
            throw new Malformed("value runs past the end");
        }
    }
}
