package dev.atoll.internal.codec;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import dev.atoll.testmodel.Indexed;
import dev.atoll.testmodel.Measured;
import dev.atoll.testmodel.MeasuredSub;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The edges of the collection codec: the length header of a stored value, the buffer it leaves behind, the
 * class it encodes, the ids it assigns, and the values it accepts for an index key prefix (numbers that fit
 * the property's type, nothing else).
 */
class CodecBoundsTest {
    private static final Codecs CODECS = TestCodecs.of(Measured.class, Indexed.class);

    private static CollectionCodec<Measured> measured() {
        return CODECS.codec(Measured.class);
    }

    private static Measured sample() {
        Measured m = new Measured();
        m.id = 5;
        m.ratio = 0.25;
        m.count = 7;
        m.label = "five";
        return m;
    }

    /** The stored value with its length header (1 byte for a short payload) rewritten as the given bytes. */
    private static byte[] withLengthHeader(byte[] value, int... header) {
        assertTrue(value[1] >= 0, "a short payload has a one-byte length header");
        byte[] out = new byte[value.length - 1 + header.length];
        out[0] = value[0];
        for (int i = 0; i < header.length; i++) {
            out[1 + i] = (byte) header[i];
        }
        System.arraycopy(value, 2, out, 1 + header.length, value.length - 2);
        return out;
    }

    @Test
    void decode_lengthHeaderPaddedToFiveBytes_stillReads() {
        byte[] value = measured().encode(sample(), 5);
        byte[] padded = withLengthHeader(value, value[1] | 0x80, 0x80, 0x80, 0x80, 0x00);
        Measured back = measured().decode(5, padded, 0, padded.length);
        assertEquals("five", back.label);
        assertEquals(7, back.count);
    }

    @Test
    void decode_lengthHeaderOfSixBytes_isCorrupt() {
        byte[] value = measured().encode(sample(), 5);
        byte[] padded = withLengthHeader(value, value[1] | 0x80, 0x80, 0x80, 0x80, 0x80, 0x00);
        RuntimeException e = Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> measured().decode(5, padded, 0, padded.length)));
        assertTrue(e.getMessage().endsWith("bad length header"), e.getMessage());
    }

    @Test
    void decode_afterwards_keepsNoReferenceToTheCallersBuffer() {
        byte[] value = measured().encode(sample(), 5);
        measured().decode(5, value, 0, value.length);
        assertSame(Codecs.EMPTY, CODECS.input.getBuffer());
        byte[] damaged = value.clone();
        damaged[damaged.length - 1] ^= 1;
        Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> measured().decode(5, damaged, 0, damaged.length)));
        assertSame(Codecs.EMPTY, CODECS.input.getBuffer());
    }

    @Test
    void encode_instanceOfASubclass_isRefusedNamingBothClasses() {
        MeasuredSub sub = new MeasuredSub();
        sub.id = 1;
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> measured().encode(sub, 1));
        assertEquals("collection 'Measured' stores exactly " + Measured.class.getName() + ", not "
            + MeasuredSub.class.getName(), e.getMessage());
    }

    @Test
    void assignId_zeroIsAcceptedNegativeRefused() {
        Measured m = sample();
        measured().assignId(m, 0);
        assertEquals(0, m.id);
        measured().assignId(m, Long.MAX_VALUE);
        assertEquals(Long.MAX_VALUE, measured().id(m));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> measured().assignId(m, -1));
        assertEquals("id must not be negative: -1", e.getMessage());
    }

    @Test
    void indexKeyPrefix_intPropertyGivenLongsAtTheEdgesOfInt_acceptsThemAndRefusesOneBeyond() {
        assertArrayEquals(measured().indexKeyPrefix("count", Integer.MIN_VALUE),
            measured().indexKeyPrefix("count", (long) Integer.MIN_VALUE));
        assertArrayEquals(measured().indexKeyPrefix("count", Integer.MAX_VALUE),
            measured().indexKeyPrefix("count", (long) Integer.MAX_VALUE));
        assertThrows(IllegalArgumentException.class,
            () -> measured().indexKeyPrefix("count", Integer.MIN_VALUE - 1L));
        assertThrows(IllegalArgumentException.class,
            () -> measured().indexKeyPrefix("count", Integer.MAX_VALUE + 1L));
    }

    @Test
    void indexKeyPrefix_bytePropertyGivenIntsAtTheEdgesOfByte_acceptsThemAndRefusesOneBeyond() {
        assertArrayEquals(measured().indexKeyPrefix("tiny", (byte) -128), measured().indexKeyPrefix("tiny", -128));
        assertArrayEquals(measured().indexKeyPrefix("tiny", (byte) 127), measured().indexKeyPrefix("tiny", 127));
        assertThrows(IllegalArgumentException.class, () -> measured().indexKeyPrefix("tiny", -129));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> measured().indexKeyPrefix("tiny", 128));
        assertEquals("index 'tiny': property 'tiny' expects Byte (BYTE) but was given Integer 128", e.getMessage());
    }

    @Test
    void indexKeyPrefix_numberPropertyGivenAString_isRefusedNotAClassCastException() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> measured().indexKeyPrefix("count", "7"));
        assertEquals("index 'count': property 'count' expects Integer (INT) but was given String 7", e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> measured().indexKeyPrefix("tiny", "7"));
    }

    @Test
    void indexKeyPrefix_doublePropertyGivenAFloatOrAnInt_takesTheFloatRefusesTheInt() {
        assertArrayEquals(measured().indexKeyPrefix("ratio", 0.25d), measured().indexKeyPrefix("ratio", 0.25f));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> measured().indexKeyPrefix("ratio", 1));
        assertEquals("index 'ratio': property 'ratio' expects Double (DOUBLE) but was given Integer 1",
            e.getMessage());
    }

    @Test
    void indexKeyPrefix_valueCount_oneUpToTheIndexPropertiesAndNoMore() {
        CollectionCodec<Indexed> indexed = CODECS.codec(Indexed.class);
        assertThrows(IllegalArgumentException.class, () -> indexed.indexKeyPrefix("name_age"));
        byte[] one = indexed.indexKeyPrefix("name_age", "ann");
        byte[] two = indexed.indexKeyPrefix("name_age", "ann", 3);
        assertTrue(two.length > one.length);
        assertArrayEquals(one, Arrays.copyOf(two, one.length), "a prefix of the longer key");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> indexed.indexKeyPrefix("name_age", "ann", 3, 4));
        assertTrue(e.getMessage().endsWith("but 3 values were given"), e.getMessage());
    }

    @Test
    void indexKeyPrefix_nullArrayOfValues_isOneNullValue() {
        assertArrayEquals(measured().indexKeyPrefix("label", (Object) null),
            measured().indexKeyPrefix("label", (Object[]) null));
    }
}
