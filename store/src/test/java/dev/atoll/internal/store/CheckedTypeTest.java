package dev.atoll.internal.store;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVStoreException;
import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CheckedTypeTest {
    private static final CheckedType<byte[]> BYTES = new CheckedType<>(ByteArrayDataType.INSTANCE);
    private static final CheckedType<Long> LONGS = new CheckedType<>(LongDataType.INSTANCE);

    private static final byte[][] VALUES = {{1, 2, 3}, {}, {(byte) 0xff, 0, 7, 7}, new byte[300]};

    /** A page's worth of bytes: something before (as MVStore's page header), the section, something after. */
    private static byte[] page(CheckedType<byte[]> type, byte[][] values) {
        WriteBuffer buff = new WriteBuffer(16);
        buff.putInt(0x5eed);
        type.write(buff, values, values.length);
        buff.putInt(0xfeed);
        ByteBuffer b = buff.getBuffer();
        byte[] out = new byte[buff.position()];
        b.get(0, out);
        return out;
    }

    private static byte[][] read(CheckedType<byte[]> type, byte[] page, int entries) {
        ByteBuffer buff = ByteBuffer.wrap(page);
        assertEquals(0x5eed, buff.getInt());
        byte[][] values = type.createStorage(entries);
        type.read(buff, values, entries);
        assertEquals(0xfeed, buff.getInt(), "the section ends where the page goes on");
        return values;
    }

    private static void assertFileCorrupt(Runnable read) {
        MVStoreException e = assertThrows(MVStoreException.class, read::run);
        assertEquals(DataUtils.ERROR_FILE_CORRUPT, e.getErrorCode(), e.getMessage());
    }

    @Test
    void write_thenRead_givesTheEntriesAndLeavesThePositionAfterTheSection() {
        byte[][] got = read(BYTES, page(BYTES, VALUES), VALUES.length);
        for (int i = 0; i < VALUES.length; i++) {
            assertArrayEquals(VALUES[i], got[i]);
        }
    }

    @Test
    void longKeys_roundTrip() {
        Long[] keys = {1L, 2L, 1L << 40, Long.MAX_VALUE};
        WriteBuffer buff = new WriteBuffer(16);
        LONGS.write(buff, keys, keys.length);
        ByteBuffer b = buff.getBuffer().flip();
        Long[] got = LONGS.createStorage(keys.length);
        LONGS.read(b, got, keys.length);
        assertArrayEquals(keys, got);
        assertEquals(0, b.remaining());
    }

    @Test
    void read_anyByteOfTheSectionChanged_isFileCorrupt() {
        byte[] good = page(BYTES, VALUES);
        int sectionStart = 4;
        int sectionEnd = good.length - 4;
        for (int at = sectionStart; at < sectionEnd; at++) {
            for (int bit = 0; bit < 8; bit++) {
                byte[] damaged = good.clone();
                damaged[at] ^= (byte) (1 << bit);
                assertFileCorrupt(() -> read(BYTES, damaged, VALUES.length));
            }
        }
    }

    @Test
    void read_entryCountOfThePageChanged_isFileCorrupt() {
        byte[] good = page(BYTES, VALUES);
        // MVStore reads the entry count from the page header and passes it in: a damaged count
        // must not read the section as fewer or more entries.
        assertFileCorrupt(() -> read(BYTES, good, VALUES.length - 1));
        assertFileCorrupt(() -> read(BYTES, good, VALUES.length + 1));
    }

    @Test
    void read_lengthBeyondThePage_isFileCorruptBeforeAnythingIsAllocated() {
        byte[] page = page(BYTES, VALUES);
        ByteBuffer.wrap(page).putInt(4, Integer.MAX_VALUE - 1);
        assertFileCorrupt(() -> read(BYTES, page, VALUES.length));
        ByteBuffer.wrap(page).putInt(4, -5);
        assertFileCorrupt(() -> read(BYTES, page, VALUES.length));
    }

    @Test
    void createStorage_forADamagedEntryCount_isFileCorruptNotAHugeArray() {
        // MVStore makes the key array from the page header's count before the section is checked.
        assertFileCorrupt(() -> LONGS.createStorage(Integer.MAX_VALUE - 8));
        assertFileCorrupt(() -> BYTES.createStorage(-1));
        assertEquals(48, LONGS.createStorage(48).length);
    }

    @Test
    void read_pageCutInsideTheHeader_isFileCorrupt() {
        ByteBuffer cut = ByteBuffer.wrap(new byte[] {0, 0, 0, 1, 2});
        assertFileCorrupt(() -> BYTES.read(cut, BYTES.createStorage(1), 1));
    }

    @Test
    void write_addsOnlyTheEightByteHeader() {
        WriteBuffer plain = new WriteBuffer(16);
        ByteArrayDataType.INSTANCE.write(plain, VALUES, VALUES.length);
        byte[] sealed = page(BYTES, VALUES);
        assertEquals(plain.position() + CheckedType.HEADER + 8, sealed.length);
        assertTrue(BYTES.compare(new byte[] {1}, new byte[] {2}) < 0, "compares as the wrapped type");
    }

    /** A section as CheckedType writes it, but with the checksum taken over another entry count. */
    private static ByteBuffer sectionClaiming(int claimedEntries, Long[] keys) {
        WriteBuffer inner = new WriteBuffer(16);
        LongDataType.INSTANCE.write(inner, keys, keys.length);
        ByteBuffer body = inner.getBuffer().flip();
        java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
        for (int shift = 24; shift >= 0; shift -= 8) {
            crc.update(claimedEntries >>> shift);
        }
        crc.update(body.duplicate());
        ByteBuffer out = ByteBuffer.allocate(CheckedType.HEADER + body.remaining());
        out.putInt(body.remaining()).putInt((int) crc.getValue()).put(body).flip();
        return out;
    }

    @Test
    void read_entryCountDifferingOnlyInItsHigherBytes_isFileCorrupt() {
        // The checksum covers all four bytes of the count: a count off by 2^8, 2^16 or 2^24 must not pass.
        byte[] good = page(BYTES, VALUES);
        for (int off : new int[] {1 << 8, 1 << 16, 1 << 24}) {
            ByteBuffer buff = ByteBuffer.wrap(good);
            buff.getInt();
            MVStoreException e = assertThrows(MVStoreException.class,
                    () -> BYTES.read(buff, BYTES.createStorage(VALUES.length), VALUES.length + off));
            assertTrue(e.getMessage().contains("checksum mismatch"), e.getMessage());
        }
    }

    @Test
    void read_emptySectionFillingTheRestExactly_reads() {
        WriteBuffer buff = new WriteBuffer(16);
        LONGS.write(buff, new Long[0], 0);
        ByteBuffer b = buff.getBuffer().flip();
        assertEquals(CheckedType.HEADER, b.remaining());
        LONGS.read(b, LONGS.createStorage(0), 0);
        assertEquals(0, b.remaining());
    }

    @Test
    void read_sectionWithBytesLeftOverAfterItsEntries_isFileCorrupt() {
        ByteBuffer b = sectionClaiming(1, new Long[] {5L, 6L});
        MVStoreException e = assertThrows(MVStoreException.class, () -> LONGS.read(b, LONGS.createStorage(1), 1));
        assertTrue(e.getMessage().contains("bytes left over"), e.getMessage());
        assertEquals(DataUtils.ERROR_FILE_CORRUPT, e.getErrorCode());
    }

    @Test
    void createStorage_atTheLargestAllowedCount_isAnArrayAndOneMoreIsFileCorrupt() {
        assertEquals(CheckedType.MAX_ENTRIES, LONGS.createStorage(CheckedType.MAX_ENTRIES).length);
        assertFileCorrupt(() -> LONGS.createStorage(CheckedType.MAX_ENTRIES + 1));
        assertEquals(0, LONGS.createStorage(0).length);
    }

    @Test
    void singleObjectFormsAndMemory_passThroughToTheWrappedType() {
        WriteBuffer buff = new WriteBuffer(16);
        LONGS.write(buff, 1L << 40);
        ByteBuffer b = buff.getBuffer().flip();
        assertEquals(1L << 40, LONGS.read(b));
        assertEquals(0, b.remaining());
        byte[] big = new byte[1000];
        assertEquals(ByteArrayDataType.INSTANCE.getMemory(big), BYTES.getMemory(big));
        assertTrue(BYTES.getMemory(big) > 0);
        CheckedType<Long> noEstimate = new CheckedType<>(new org.h2.mvstore.type.BasicDataType<Long>() {
            @Override
            public int getMemory(Long obj) {
                return 8;
            }

            @Override
            public boolean isMemoryEstimationAllowed() {
                return false;
            }

            @Override
            public void write(WriteBuffer buff, Long obj) {
                buff.putLong(obj);
            }

            @Override
            public Long read(ByteBuffer buff) {
                return buff.getLong();
            }

            @Override
            public Long[] createStorage(int size) {
                return new Long[size];
            }
        });
        assertEquals(false, noEstimate.isMemoryEstimationAllowed());
        assertEquals(LongDataType.INSTANCE.isMemoryEstimationAllowed(), LONGS.isMemoryEstimationAllowed());
        assertEquals(true, LONGS.isMemoryEstimationAllowed());
    }

    @Test
    void equals_sameWrappedType_isEqualWithTheSameHash_otherwiseNot() {
        CheckedType<Long> again = new CheckedType<>(LongDataType.INSTANCE);
        assertEquals(LONGS, again);
        assertEquals(LONGS.hashCode(), again.hashCode());
        assertTrue(!LONGS.equals(BYTES) && !BYTES.equals(LONGS));
        assertTrue(!LONGS.equals(LongDataType.INSTANCE), "not equal to the type it wraps");
        assertTrue(LONGS.hashCode() != BYTES.hashCode());
    }
}
