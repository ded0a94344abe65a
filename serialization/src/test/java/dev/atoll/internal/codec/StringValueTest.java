package dev.atoll.internal.codec;

import dev.atoll.testmodel.Everything;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Stored strings read back equal to what was written, for every Java string: an unpaired surrogate is no
 * longer stored as '?', which made the stored value disagree with the (injective) index keys of its object.
 */
class StringValueTest {
    @Provide
    Arbitrary<String> strings() {
        Arbitrary<Character> edge = Arbitraries.of('\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\u00ED', '\u00A0', '?',
            'a', '\u0000', '\u07FF', '\u0800', '\uFFFF', '\uED00');
        Arbitrary<Character> any = Arbitraries.chars().range(Character.MIN_VALUE, Character.MAX_VALUE);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, edge), net.jqwik.api.Tuple.of(1, any))
            .list().ofMaxSize(10).map(cs -> {
                StringBuilder sb = new StringBuilder();
                cs.forEach(sb::append);
                return sb.toString();
            });
    }

    private static String roundTrip(String s) {
        PayloadOutput out = new PayloadOutput(16);
        out.utf8(s);
        byte[] bytes = Arrays.copyOf(out.getBuffer(), out.position());
        PayloadInput in = new PayloadInput();
        in.reset(bytes, 0, bytes.length);
        int length = in.readVarInt(true);
        assertEquals(bytes.length - in.position(), length, "the length prefix counts every byte");
        return in.utf8(length);
    }

    @Property(tries = 3000)
    void utf8_anyString_readsBackEqual(@ForAll("strings") String s) {
        assertEquals(s, roundTrip(s));
    }

    @Test
    void utf8_loneSurrogates_readBackAsThemselvesNotQuestionMarks() {
        assertEquals("\uD800", roundTrip("\uD800"));
        assertEquals("a\uDFFFb\uDBFF", roundTrip("a\uDFFFb\uDBFF"));
        assertEquals("\uDC00\uD800", roundTrip("\uDC00\uD800"));
        assertEquals("\uD83D\uDE00", roundTrip("\uD83D\uDE00"), "a pair stays one code point");
    }

    @Test
    void utf8_wellFormedStrings_areWrittenAsStandardUtf8() {
        for (String s : new String[] {"", "plain", "\u00E9\u4E2D\uD83D\uDE00", "\uED00\u00ED\u00A0"}) {
            PayloadOutput out = new PayloadOutput(16);
            out.utf8(s);
            byte[] bytes = Arrays.copyOf(out.getBuffer(), out.position());
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            assertArrayEquals(utf8, Arrays.copyOfRange(bytes, bytes.length - utf8.length, bytes.length), s);
        }
        PayloadOutput out = new PayloadOutput(16);
        out.utf8("\uD800x");
        assertArrayEquals(new byte[] {4, (byte) 0xED, (byte) 0xA0, (byte) 0x80, 'x'},
            Arrays.copyOf(out.getBuffer(), out.position()));
    }

    @Test
    void utf8_bytesThatAreNotUtf8_decodeAsReplacementCharacters() {
        byte[][] cases = {{(byte) 0xED, (byte) 0xA0}, {(byte) 0xED, (byte) 0xA0, 'x'}, {(byte) 0xED, 'x', (byte) 0x80},
            {(byte) 0xED, (byte) 0x9F, (byte) 0xBF}, {(byte) 0xFF}};
        String[] expected = {new String(cases[0], StandardCharsets.UTF_8), new String(cases[1], StandardCharsets.UTF_8),
            new String(cases[2], StandardCharsets.UTF_8), "\uD7FF", "\uFFFD"};
        for (int i = 0; i < cases.length; i++) {
            PayloadInput in = new PayloadInput();
            in.reset(cases[i], 0, cases[i].length);
            assertEquals(expected[i], in.utf8(cases[i].length), "case " + i);
        }
    }

    @Test
    void codec_objectWithLoneSurrogates_decodesEqual() {
        CollectionCodec<Everything> codec = TestCodecs.of(Everything.class).codec(Everything.class);
        Everything e = new Everything();
        e.str = "x\uDC00y\uD800";
        byte[] value = codec.encode(e, 5);
        assertEquals(e.str, codec.decode(5, value, 0, value.length).str);
    }
}
