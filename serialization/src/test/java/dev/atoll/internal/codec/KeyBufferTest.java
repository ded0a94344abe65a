package dev.atoll.internal.codec;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

/**
 * The growable buffer index keys are built in: every append grows it past its capacity as needed (keys of
 * long strings and many parts), and the escaping of zero bytes counts them before it grows.
 */
class KeyBufferTest {
    @Test
    void put_pastTheCapacity_growsAndKeepsEveryByte() {
        KeyEncoder.KeyBuffer buf = new KeyEncoder.KeyBuffer(0);
        byte[] expected = new byte[20];
        for (int i = 0; i < expected.length; i++) {
            assertSame(buf, buf.put(i + 1));
            expected[i] = (byte) (i + 1);
        }
        assertEquals(20, buf.size());
        assertArrayEquals(expected, buf.toArray());
    }

    @Test
    void putShortIntAndLong_pastTheCapacity_growBigEndian() {
        KeyEncoder.KeyBuffer shorts = new KeyEncoder.KeyBuffer(0);
        for (int i = 0; i < 5; i++) {
            assertSame(shorts, shorts.putShort(0x0102));
        }
        assertArrayEquals(new byte[] {1, 2, 1, 2, 1, 2, 1, 2, 1, 2}, shorts.toArray());

        KeyEncoder.KeyBuffer ints = new KeyEncoder.KeyBuffer(0);
        for (int i = 0; i < 3; i++) {
            assertSame(ints, ints.putInt(0x01020304));
        }
        assertArrayEquals(new byte[] {1, 2, 3, 4, 1, 2, 3, 4, 1, 2, 3, 4}, ints.toArray());

        KeyEncoder.KeyBuffer longs = new KeyEncoder.KeyBuffer(0);
        longs.put(9);
        assertSame(longs, longs.putLong(0x0102030405060708L));
        assertArrayEquals(new byte[] {9, 1, 2, 3, 4, 5, 6, 7, 8}, longs.toArray());
    }

    @Test
    void putAll_moreThanTwiceTheCapacity_growsToFitAtOnce() {
        KeyEncoder.KeyBuffer buf = new KeyEncoder.KeyBuffer(0);
        buf.put(7);
        byte[] data = new byte[40];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) (100 + i);
        }
        assertSame(buf, buf.putAll(data));
        byte[] all = buf.toArray();
        assertEquals(41, all.length);
        assertEquals(7, all[0]);
        for (int i = 0; i < data.length; i++) {
            assertEquals(data[i], all[i + 1]);
        }
    }

    @Test
    void putEscaped_onlyZeros_growsForTheEscapesAndTheTerminator() {
        KeyEncoder.KeyBuffer buf = new KeyEncoder.KeyBuffer(0);
        assertSame(buf, buf.putEscaped(new byte[8]));
        byte[] expected = new byte[18];
        for (int i = 0; i < 8; i++) {
            expected[2 * i + 1] = (byte) 0xFF;
        }
        expected[17] = 1;
        assertArrayEquals(expected, buf.toArray());
    }

    @Test
    void putEscaped_mixedBytes_escapesOnlyTheZeros() {
        KeyEncoder.KeyBuffer buf = new KeyEncoder.KeyBuffer(0);
        buf.putEscaped(new byte[] {5, 0, 6, 0, 0, 7, 8, 9});
        assertArrayEquals(new byte[] {5, 0, -1, 6, 0, -1, 0, -1, 7, 8, 9, 0, 1}, buf.toArray());
    }

    @Test
    void clear_startsOverAndTheHashFollowsTheContent() {
        KeyEncoder.KeyBuffer a = new KeyEncoder.KeyBuffer(4);
        a.putLong(42).putLong(43);
        long before = a.hash();
        a.clear();
        assertEquals(0, a.size());
        a.putLong(42).putLong(43);
        assertEquals(before, a.hash());
        KeyEncoder.KeyBuffer b = new KeyEncoder.KeyBuffer(4);
        b.putLong(42).putLong(44);
        assertEquals(false, before == b.hash());
    }
}
