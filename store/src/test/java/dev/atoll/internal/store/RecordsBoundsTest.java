package dev.atoll.internal.store;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/**
 * The key section of a stored record read at its limits: counts and lengths that use exactly the bytes
 * left are whole records, one more is damage, and the message names the part that is wrong.
 */
class RecordsBoundsTest {
    private static byte[] bytes(int... values) {
        byte[] out = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            out[i] = (byte) values[i];
        }
        return out;
    }

    private static String damage(Runnable read) {
        return Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, read::run)).getMessage();
    }

    @Test
    void keys_moreSlotsThanBytes_isABadSlotCount() {
        assertEquals("damaged record: bad slot count in its key section", damage(() -> Records.keys(bytes(2))));
        assertEquals(1, Records.keys(bytes(1, 0)).length, "one slot in a two-byte record");
        assertEquals("damaged record: bad varint in its key section", damage(() -> Records.keys(bytes(1))),
            "as many slots as bytes passes the slot check; the missing key count is what is wrong");
    }

    @Test
    void keys_keyCountUsingExactlyTheBytesLeft_readsOneMoreIsABadKeyCount() {
        byte[][][] keys = Records.keys(bytes(1, 2, 0, 0));
        assertEquals(1, keys.length);
        assertEquals(2, keys[0].length);
        assertArrayEquals(new byte[0], keys[0][1]);
        assertEquals("damaged record: bad key count in its key section", damage(() -> Records.keys(bytes(1, 3, 0, 0))));
    }

    @Test
    void keyLength_usingExactlyTheBytesLeft_readsOneMoreIsABadKeyLength() {
        byte[] record = bytes(1, 1, 2, 'a', 'b');
        assertEquals(5, Records.valueOffset(record));
        assertArrayEquals(new byte[] {'a', 'b'}, Records.keys(record)[0][0]);
        assertArrayEquals(new byte[0], Records.value(record));
        assertEquals("damaged record: bad key length in its key section",
            damage(() -> Records.valueOffset(bytes(1, 1, 3, 'a', 'b'))));
    }

    @Test
    void varint_fiveBytesRead_sixIsTooLong() {
        assertEquals(0, Records.readVarInt(bytes(0x80, 0x80, 0x80, 0x80, 0x00), new int[] {0}));
        assertEquals("damaged record: varint too long in its key section",
            damage(() -> Records.valueOffset(bytes(0x80, 0x80, 0x80, 0x80, 0x80, 0x00))));
    }
}
