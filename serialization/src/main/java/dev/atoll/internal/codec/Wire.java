package dev.atoll.internal.codec;

import dev.atoll.schema.PropertyType;

/** Wire types of the tagged payload format and the zig-zag helpers. */
final class Wire {
    static final int VARINT = 0;
    static final int FIXED64 = 1;
    static final int LENGTH = 2;
    static final int FIXED32 = 5;

    private Wire() {
    }

    static int of(PropertyType type) {
        return switch (type) {
            case BOOL, BYTE, SHORT, INT, LONG -> VARINT;
            case FLOAT -> FIXED32;
            case DOUBLE -> FIXED64;
            default -> LENGTH;
        };
    }

    static int zigzag(int v) {
        return (v << 1) ^ (v >> 31);
    }

    static int unzigzag(int v) {
        return (v >>> 1) ^ -(v & 1);
    }

    static long zigzag(long v) {
        return (v << 1) ^ (v >> 63);
    }

    static long unzigzag(long v) {
        return (v >>> 1) ^ -(v & 1);
    }
}
