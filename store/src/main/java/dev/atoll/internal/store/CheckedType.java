package dev.atoll.internal.store;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.DataType;

import java.nio.ByteBuffer;
import java.util.zip.CRC32C;

/**
 * A key or value type that seals what it writes into a page: MVStore pages carry no checksum of their
 * content, so a byte flipped in a B-tree page could hide or move an entry without an error. This
 * type writes the keys (or values) of a page as one section: its length (4 bytes), a CRC32C (4
 * bytes) over the entry count and the section, then the section as the wrapped type writes it.
 * Reading checks the length against the page and the CRC before the wrapped type parses a byte, so
 * damage is refused as MVStore's own {@code FILE_CORRUPT} error, and a damaged length can never make
 * the parser allocate a huge array.
 *
 * <p>What it covers: every key of every page (leaves and inner nodes, whose keys route lookups), and
 * every value of every leaf. What it cannot cover, because MVStore writes them itself: a page's
 * header (guarded by MVStore's check value over chunk, offset and length), the child positions of
 * inner nodes (a damaged one points at a page whose check value fails) and the entry counts of inner
 * nodes (the root's is checked against the count the store records, see {@code StoreCore}).
 *
 * <p>Only the array forms of {@code read} and {@code write}, the ones pages use, are sealed; the
 * single-object forms pass through unchecked.
 */
final class CheckedType<T> implements DataType<T> {
    /** Bytes before a section: its length, then its CRC32C. */
    static final int HEADER = 8;
    /** More entries than any page holds: a page claiming them is damaged. */
    static final int MAX_ENTRIES = 1 << 16;

    private final DataType<T> inner;

    CheckedType(DataType<T> inner) {
        this.inner = inner;
    }

    @Override
    public void write(WriteBuffer buff, Object storage, int len) {
        int head = buff.position();
        buff.putInt(0).putInt(0);
        int start = buff.position();
        inner.write(buff, storage, len);
        int end = buff.position();
        buff.putInt(head, end - start).putInt(head + 4, checksum(buff.getBuffer(), start, end, len));
    }

    @Override
    public void read(ByteBuffer buff, Object storage, int len) {
        if (buff.remaining() < HEADER) {
            throw corrupt("a page ends before its {0}-byte section header", HEADER);
        }
        int length = buff.getInt();
        int stored = buff.getInt();
        int start = buff.position();
        if (length < 0 || length > buff.remaining()) {
            throw corrupt("a page section claims {0} bytes; the page has {1} left", length, buff.remaining());
        }
        int actual = checksum(buff, start, start + length, len);
        if (actual != stored) {
            throw corrupt("checksum mismatch in a page section of {0} entries and {1} bytes", len, length);
        }
        ByteBuffer section = buff.slice(start, length);
        inner.read(section, storage, len);
        if (section.hasRemaining()) {
            throw corrupt("a page section of {0} entries has {1} bytes left over", len, section.remaining());
        }
        buff.position(start + length);
    }

    private static int checksum(ByteBuffer buffer, int start, int end, int entries) {
        CRC32C crc = new CRC32C();
        crc.update(entries >>> 24);
        crc.update(entries >>> 16);
        crc.update(entries >>> 8);
        crc.update(entries);
        crc.update(buffer.slice(start, end - start));
        return (int) crc.getValue();
    }

    private static RuntimeException corrupt(String message, Object... arguments) {
        return DataUtils.newMVStoreException(DataUtils.ERROR_FILE_CORRUPT, "File corrupted: " + message, arguments);
    }

    @Override
    public int compare(T a, T b) {
        return inner.compare(a, b);
    }

    @Override
    public int binarySearch(T key, Object storage, int size, int initialGuess) {
        return inner.binarySearch(key, storage, size, initialGuess);
    }

    @Override
    public int getMemory(T obj) {
        return inner.getMemory(obj);
    }

    @Override
    public boolean isMemoryEstimationAllowed() {
        return inner.isMemoryEstimationAllowed();
    }

    @Override
    public void write(WriteBuffer buff, T obj) {
        inner.write(buff, obj);
    }

    @Override
    public T read(ByteBuffer buff) {
        return inner.read(buff);
    }

    /**
     * MVStore makes a page's key array from the entry count in its header before it reads the keys, so
     * a damaged count would allocate first and fail the checksum after: refused here instead. Pages
     * hold at most MVStore's keys per page (48 by default), far below this bound.
     */
    @Override
    public T[] createStorage(int size) {
        if (size < 0 || size > MAX_ENTRIES) {
            throw corrupt("a page claims {0} entries", size);
        }
        return inner.createStorage(size);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CheckedType<?> other && other.inner.equals(inner);
    }

    @Override
    public int hashCode() {
        return 31 * inner.hashCode() + 7;
    }
}
