package dev.atoll.internal.codec;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import dev.atoll.schema.CollectionSchema;
import dev.atoll.testmodel.Everything;
import dev.atoll.testmodel.Rec;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/** Damaged stored values must fail as a corrupt file (Fault.CORRUPT_FILE) only, never another exception or a wrong object. */
class CorruptValueTest {
    private final Codecs codecs = codecs();

    private final CollectionCodec<Everything> codec = codecs.codec(Everything.class);
    private final Map<String, Integer> ids = SchemaLayout.initial(CollectionSchema.of(Everything.class)).fieldIds();

    /** The codecs under test: reflective here, through accessors in {@link CorruptValueDirectTest}. */
    Codecs codecs() {
        return TestCodecs.of(Everything.class, Rec.class);
    }

    private void assertCorrupt(byte[] value, String what) {
        RuntimeException e = Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> codec.decode(42, value, 0, value.length), what));
        assertEquals(Fault.CORRUPT_FILE, Faults.faultOf(e));
        assertTrue(e.getMessage().contains("stored value of Everything id 42 is damaged: "), e.getMessage());
    }

    /**
     * Frames a payload with a correct header, sealed for id 42, so that only the payload reader can
     * reject it when it is decoded as object 42.
     */
    static byte[] frame(byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(1);
        int v = payload.length;
        while ((v & ~0x7F) != 0) {
            out.write((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write(v);
        CRC32C crc = new CRC32C();
        crc.update(java.nio.ByteBuffer.allocate(Long.BYTES).putLong(42).array()); // sealed for id 42
        crc.update(payload);
        int c = (int) crc.getValue();
        out.write(c >>> 24);
        out.write(c >>> 16);
        out.write(c >>> 8);
        out.write(c);
        out.writeBytes(payload);
        return out.toByteArray();
    }

    // A payload builder: varints and raw bytes.
    private final class Payload {
        private final ByteArrayOutputStream out = new ByteArrayOutputStream();

        Payload tag(String key, int wire) {
            return varint(ids.get(key) << 3 | wire);
        }

        Payload varint(long v) {
            while ((v & ~0x7FL) != 0) {
                out.write((int) (v & 0x7F) | 0x80);
                v >>>= 7;
            }
            out.write((int) v);
            return this;
        }

        Payload raw(int... values) {
            for (int v : values) {
                out.write(v);
            }
            return this;
        }

        byte[] framed() {
            return frame(out.toByteArray());
        }
    }

    private Payload tag(String key, int wire) {
        return new Payload().tag(key, wire);
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }

    @Test
    void decode_everySingleByteChange_corrupt() {
        byte[] good = codec.encode(CollectionCodecTest.full(), 99);
        assertEquals(CollectionCodecTest.full(), codec.decode(99, good, 0, good.length));
        for (int i = 0; i < good.length; i++) {
            for (int mask : new int[] {0x01, 0x10, 0x80, 0xFF, 0x5A}) {
                byte[] bad = good.clone();
                bad[i] ^= (byte) mask;
                assertCorrupt(bad, "byte " + i + " ^ " + mask);
            }
        }
    }

    @Test
    void decode_everyTruncationAndExtension_corrupt() {
        byte[] good = codec.encode(CollectionCodecTest.full(), 99);
        for (int n = 0; n < good.length; n++) {
            assertCorrupt(Arrays.copyOf(good, n), "length " + n);
        }
        assertCorrupt(Arrays.copyOf(good, good.length + 1), "one extra byte");
    }

    @Test
    void decode_hugeLengthClaims_corrupt() {
        assertCorrupt(bytes(1, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0, 0, 0, 0, 1, 2, 3), "2^31-1 payload");
        assertCorrupt(bytes(1, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0, 0, 0, 0), "varint too long");
        assertCorrupt(bytes(2, 0, 0, 0, 0, 0), "version 2");
        assertCorrupt(tag("str:STRING", 2).raw(0xF0, 0xFF, 0xFF, 0xFF, 0x07, 'a').framed(), "string 2^31-16");
        assertCorrupt(tag("bytes:BYTES", 2).raw(0xFF, 0xFF, 0xFF, 0xFF, 0x0F).framed(), "byte[] length 2^32-1");
        String strings = "strings:LIST<STRING>";
        assertCorrupt(tag(strings, 2).raw(0x06, 0xFF, 0xFF, 0xFF, 0xFF, 0x07, 0x00).framed(), "count 2^31-1");
        assertCorrupt(tag(strings, 2).raw(0x03, 0x02, 0x01, 0x00).framed(), "list longer than its bytes");
        assertCorrupt(tag(strings, 2).raw(0x02, 0x01, 0x02).framed(), "bad element marker");
        assertCorrupt(tag(strings, 2).raw(0x04, 0x01, 0x01, 0x05, 'a').framed(), "element runs past the list");
        assertCorrupt(tag("address:EMBEDDED", 2).raw(0x7F, 0x00).framed(), "embedded length past the end");
        byte[] inner = new Payload().tag("address.number:INT", 0).raw(0x80).out.toByteArray();
        assertCorrupt(tag("address:EMBEDDED", 2).varint(inner.length).raw(toInts(inner)).framed(),
            "varint cut by the end of the embedded message");
    }

    private static int[] toInts(byte[] b) {
        int[] out = new int[b.length];
        for (int i = 0; i < b.length; i++) {
            out[i] = b[i] & 0xFF;
        }
        return out;
    }

    @Test
    void decode_malformedFields_corrupt() {
        assertCorrupt(tag("bool:BOOL", 0).raw(5).framed(), "bool 5");
        assertCorrupt(tag("b:BYTE", 0).raw(0x80, 0x04).framed(), "byte 256");
        assertCorrupt(tag("s:SHORT", 0).raw(0x80, 0x80, 0x08).framed(), "short 65536");
        assertCorrupt(tag("str:STRING", 0).raw(1).framed(), "wire type mismatch");
        assertCorrupt(tag("str:STRING", 3).framed(), "wire type 3");
        assertCorrupt(tag("str:STRING", 7).raw(0).framed(), "wire type 7");
        assertCorrupt(new Payload().varint(1L << 40).framed(), "tag overflows 32 bits");
        assertCorrupt(tag("i:INT", 0).raw(0x80, 0x80, 0x80, 0x80, 0x7F).framed(), "int varint overflow");
        assertCorrupt(tag("l:LONG", 0).raw(0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01)
            .framed(), "long varint of 11 bytes");
        assertCorrupt(tag("instant:INSTANT", 2).raw(0x06, 0x00, 0xFF, 0xFF, 0xFF, 0xFF, 0x07).framed(),
            "nanos out of range");
        assertCorrupt(tag("instant:INSTANT", 2).raw(0x03, 0x00, 0x00, 0x00).framed(), "instant with extra bytes");
        assertCorrupt(tag("d:DOUBLE", 1).raw(0, 0, 0).framed(), "double cut short");
        assertCorrupt(frame(bytes(0x80)), "tag cut short");
    }

    @Test
    void decode_unknownFields_skipped() {
        byte[] value = new Payload().varint(1000 << 3 | 2).raw(5, 'h', 'e', 'l', 'l', 'o')
            .varint(1001 << 3 | 1).raw(1, 2, 3, 4, 5, 6, 7, 8)
            .varint(1002 << 3 | 5).raw(1, 2, 3, 4)
            .varint(1003 << 3).varint(-1L)
            .tag("i:INT", 0).raw(0x54).framed();
        Everything e = codec.decode(42, value, 0, value.length);
        assertEquals(42, e.i);
        assertEquals(42, e.id);
        assertEquals(new Everything().str, e.str);
    }

    /** A value for id 42: version 1, the given length varint bytes, the CRC32C, the payload. */
    private static byte[] frameWithLength(byte[] varint, byte[] payload) {
        byte[] framed = frame(payload);
        int oldVarint = framed.length - payload.length - 5;
        byte[] value = new byte[1 + varint.length + 4 + payload.length];
        value[0] = 1;
        System.arraycopy(varint, 0, value, 1, varint.length);
        System.arraycopy(framed, 1 + oldVarint, value, 1 + varint.length, 4 + payload.length);
        return value;
    }

    private void assertCorrupt(byte[] value, String what, String message) {
        RuntimeException e = Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> codec.decode(42, value, 0, value.length), what));
        assertTrue(e.getMessage().contains(message), what + ": " + e.getMessage());
    }

    /** Each check of the header, at its boundary, with the message that names what is wrong. */
    @Test
    void decode_headerAtEachBoundary_readsOrNamesTheDamage() {
        byte[] empty = frame(new byte[0]);
        assertEquals(6, empty.length, "the smallest value: version, length 0, checksum");
        assertEquals(42, codec.decode(42, empty, 0, empty.length).id, "an empty payload: every property absent");
        assertCorrupt(Arrays.copyOf(empty, 5), "5 bytes", "only 5 bytes");
        byte[] version = empty.clone();
        version[0] = 2;
        assertCorrupt(version, "version 2", "unknown format version 2");
        byte[] encoded = codec.encode(CollectionCodecTest.full(), 42);
        int header = 1;
        while (encoded[header] < 0) {
            header++;
        }
        byte[] payload = Arrays.copyOfRange(encoded, header + 1 + 4, encoded.length);
        assertTrue(payload.length > 128 && payload.length < 1 << 14, "a two-byte length: " + payload.length);
        byte[] good = frame(payload);
        assertEquals(CollectionCodecTest.full().str, codec.decode(42, good, 0, good.length).str);
        // A length in five varint bytes (the most a 32-bit length takes) still reads; six do not.
        int n = payload.length;
        byte[] five = {(byte) (n & 0x7F | 0x80), (byte) (n >>> 7 & 0x7F | 0x80), (byte) 0x80, (byte) 0x80, 0};
        byte[] longForm = frameWithLength(five, payload);
        assertEquals(CollectionCodecTest.full().str, codec.decode(42, longForm, 0, longForm.length).str);
        byte[] six = {(byte) (n & 0x7F | 0x80), (byte) (n >>> 7 & 0x7F | 0x80), (byte) 0x80, (byte) 0x80,
            (byte) 0x80, 0};
        assertCorrupt(frameWithLength(six, payload), "six length bytes", "bad length header");
        byte[] unended = new byte[6];
        unended[0] = 1;
        Arrays.fill(unended, 1, 6, (byte) 0x80);
        assertCorrupt(unended, "a length that runs to the end", "bad length header");
        byte[] tooLong = frameWithLength(new byte[] {(byte) (n + 1 & 0x7F | 0x80), (byte) (n + 1 >>> 7)}, payload);
        assertCorrupt(tooLong, "one byte more claimed", "claims " + (n + 1) + " payload bytes but the value has " + n);
        byte[] tooShort = frameWithLength(new byte[] {(byte) (n - 1 & 0x7F | 0x80), (byte) (n - 1 >>> 7)}, payload);
        assertCorrupt(tooShort, "one byte less claimed", "claims " + (n - 1) + " payload bytes but the value has " + n);
        byte[] noChecksum = {1, 4, 0, 0, 0, 0};
        assertCorrupt(noChecksum, "a length past the checksum", "claims 4 payload bytes but the value has 0");
    }

    @Test
    void decode_randomGarbage_onlyCorrupt() {
        long seed = Long.getLong("atoll.test.seed", 7L);
        System.out.println("CorruptValueTest garbage seed " + seed + " (repeat with -Datoll.test.seed=" + seed + ")");
        Random random = new Random(seed);
        for (int i = 0; i < 20_000; i++) {
            byte[] garbage = new byte[random.nextInt(64)];
            random.nextBytes(garbage);
            if (random.nextBoolean() && garbage.length > 0) {
                garbage[0] = 1;
            }
            assertCorrupt(garbage, "garbage " + i);
        }
    }

    @Test
    void decode_randomPayloadWithValidHeader_decodesOrCorruptNeverOtherwise() {
        long seed = Long.getLong("atoll.test.seed", 11L);
        System.out.println("CorruptValueTest payload seed " + seed + " (repeat with -Datoll.test.seed=" + seed + ")");
        Random random = new Random(seed);
        byte[] good = codec.encode(CollectionCodecTest.full(), 99);
        int payloadStart = 1;
        while (good[payloadStart] < 0) {
            payloadStart++;
        }
        payloadStart += 5;
        int corrupt = 0;
        for (int i = 0; i < 20_000; i++) {
            byte[] payload;
            if (i % 2 == 0) {
                payload = new byte[random.nextInt(80)];
                random.nextBytes(payload);
            } else {
                // a mutated real payload: its structure is mostly valid, so the reader goes deep
                payload = Arrays.copyOfRange(good, payloadStart, good.length);
                for (int k = 0; k < 1 + random.nextInt(3); k++) {
                    payload[random.nextInt(payload.length)] = (byte) random.nextInt(256);
                }
            }
            byte[] value = frame(payload);
            try {
                Everything e = codec.decode(42, value, 0, value.length);
                assertEquals(42, e.id);
            } catch (RuntimeException expected) {
                if (!Faults.is(expected, Fault.CORRUPT_FILE)) {
                    fail("payload " + Arrays.toString(payload) + " threw " + expected, expected);
                }
                corrupt++;
            } catch (Throwable t) {
                fail("payload " + Arrays.toString(payload) + " threw " + t, t);
            }
        }
        assertTrue(corrupt > 1000, "most random payloads are rejected: " + corrupt);
    }

    @Test
    void decode_afterCorruption_codecStillWorks() {
        byte[] good = codec.encode(CollectionCodecTest.full(), 99);
        assertCorrupt(tag("address:EMBEDDED", 2).raw(0x7F).framed(), "bad");
        assertEquals(CollectionCodecTest.full(), codec.decode(99, good, 0, good.length));
        CollectionCodec<Rec> rec = codecs.codec(Rec.class);
        byte[] bad = frame(bytes(0x0A, 0x7F));
        RuntimeException e = Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> rec.decode(42, bad, 0, bad.length)));
        assertTrue(e.getMessage().contains("stored value of Rec id 42 is damaged: "), e.getMessage());
    }
}
