package dev.atoll.internal.codec;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The bounds of every read of a stored payload: a message ends before its buffer does (an embedded object,
 * a record inside a page), and no read may cross that end, whatever the bytes after it hold.
 */
class PayloadInputTest {
    /** A reader over the first {@code messageLength} bytes of the given buffer (the rest lies past its end). */
    private static PayloadInput over(int messageLength, int... bytes) {
        byte[] buffer = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            buffer[i] = (byte) bytes[i];
        }
        PayloadInput in = new PayloadInput();
        in.reset(buffer, 0, messageLength);
        return in;
    }

    private static void assertMalformed(String message, Runnable read) {
        Malformed e = assertThrows(Malformed.class, read::run);
        assertEquals(message, e.getMessage());
    }

    @Test
    void varint32_continuedPastTheMessageEnd_isMalformedEvenWhenTheBufferGoesOn() {
        assertMalformed("varint runs past the end", over(1, 0x80, 0x01)::varint32);
        assertEquals(128, over(2, 0x80, 0x01).varint32());
    }

    @Test
    void varint32_fiveBytes_readsTheTopBitsAndRefusesMoreThan32() {
        assertEquals(-1, over(5, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F).varint32());
        assertEquals(Integer.MIN_VALUE, over(5, 0x80, 0x80, 0x80, 0x80, 0x08).varint32());
        assertMalformed("varint overflows 32 bits", over(5, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F)::varint32);
    }

    @Test
    void varint32_sixthByte_isMalformedNotRead() {
        assertMalformed("varint longer than 5 bytes", over(6, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00)::varint32);
    }

    @Test
    void varint64_continuedPastTheMessageEnd_isMalformedEvenWhenTheBufferGoesOn() {
        assertMalformed("varint runs past the end", over(1, 0x80, 0x01)::varint64);
        assertEquals(128L, over(2, 0x80, 0x01).varint64());
    }

    @Test
    void varint64_tenBytes_readsBit63AndRefusesMoreThan64() {
        assertEquals(Long.MIN_VALUE,
            over(10, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01).varint64());
        assertEquals(-1L, over(10, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01).varint64());
        assertMalformed("varint overflows 64 bits",
            over(10, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x02)::varint64);
    }

    @Test
    void varint64_eleventhByte_isMalformedNotRead() {
        assertMalformed("varint longer than 10 bytes",
            over(11, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00)::varint64);
    }

    @Test
    void length_upToTheRestOfTheMessage_isAcceptedOneMoreIsMalformed() {
        PayloadInput exact = over(4, 0x00, 0x02, 7, 8, 9);
        exact.varint32(); // moves the position, so that the check must count from it
        assertEquals(2, exact.length());
        PayloadInput over = over(4, 0x00, 0x03, 7, 8, 9);
        over.varint32();
        assertMalformed("length 3 exceeds the remaining 2 bytes", over::length);
    }

    @Test
    void length_negativeAsAnInt_isMalformedNamingItUnsigned() {
        assertMalformed("length 4294967295 exceeds the remaining 0 bytes",
            over(5, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F)::length);
    }

    @Test
    void bytes_upToTheMessageEnd_areReadPastItMalformed() {
        PayloadInput in = over(3, 1, 2, 3, 4, 5);
        in.readByteChecked();
        assertArrayEquals(new byte[] {2, 3}, in.bytes(2));
        assertFalse(in.more());
        PayloadInput past = over(3, 1, 2, 3, 4, 5);
        past.readByteChecked();
        assertMalformed("value runs past the end", () -> past.bytes(3));
    }

    @Test
    void bytes_negativeLength_isMalformed() {
        assertMalformed("value runs past the end", () -> over(3, 1, 2, 3).bytes(-1));
    }

    @Test
    void fixed32_andFixed64_needTheirWholeWidthInsideTheMessage() {
        assertEquals(0x04030201, over(4, 1, 2, 3, 4, 5).fixed32());
        assertMalformed("value runs past the end", over(3, 1, 2, 3, 4, 5)::fixed32);
        assertEquals(0x0807060504030201L, over(8, 1, 2, 3, 4, 5, 6, 7, 8, 9).fixed64());
        assertMalformed("value runs past the end", over(7, 1, 2, 3, 4, 5, 6, 7, 8)::fixed64);
    }

    @Test
    void readByteChecked_atTheMessageEnd_isMalformed() {
        PayloadInput in = over(1, 0xFE, 0x01);
        assertTrue(in.more());
        assertEquals(0xFE, in.readByteChecked());
        assertMalformed("value runs past the end", in::readByteChecked);
    }

    @Test
    void skipBytes_andSkipValue_stopAtTheMessageEnd() {
        PayloadInput in = over(6, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10);
        in.skipBytes(2);
        assertEquals(3, in.readByteChecked());
        assertMalformed("value runs past the end", () -> in.skipBytes(4));
        assertMalformed("value runs past the end", () -> over(7, new int[10]).skipValue(Wire.FIXED64));
        assertMalformed("value runs past the end", () -> over(3, new int[10]).skipValue(Wire.FIXED32));
        assertMalformed("unknown wire type 7", () -> over(3, new int[10]).skipValue(7));
    }

    @Test
    void utf8_pastTheMessageEnd_isMalformed() {
        assertMalformed("value runs past the end", () -> over(2, 'a', 'b', 'c').utf8(3));
        assertEquals("ab", over(2, 'a', 'b', 'c').utf8(2));
    }

    @Test
    void utf8_loneSurrogateAtTheVeryStartOfTheBuffer_readsBackAsThatSurrogate() {
        byte[] stored = {(byte) 0xED, (byte) 0xA0, (byte) 0x80, 'x', (byte) 0xED, (byte) 0xBF, (byte) 0xBF};
        PayloadInput in = new PayloadInput();
        in.reset(stored, 0, stored.length);
        assertEquals("\uD800x\uDFFF", in.utf8(stored.length));
    }

    @Test
    void utf8_threeBytesOfASurrogateCutByTheLength_areNotASurrogate() {
        byte[] stored = {'a', (byte) 0xED, (byte) 0xA0, (byte) 0x80};
        PayloadInput in = new PayloadInput();
        in.reset(stored, 0, stored.length);
        assertEquals("a" + new String(stored, 1, 2, StandardCharsets.UTF_8), in.utf8(3));
    }
}
