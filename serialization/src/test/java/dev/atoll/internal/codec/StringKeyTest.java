package dev.atoll.internal.codec;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * String keys (key encoding 2): injective for every Java string, lone surrogates included; ordered as
 * {@link KeyEncoder#compareStrings}; prefixes as {@link String#startsWith}; and case folded per code point.
 * The properties run on strings of few distinct units (so that equal, prefixed and case-equal strings are
 * common) and on strings of any units; jqwik prints the seed of a failing run.
 */
class StringKeyTest {
    /** Units that matter: zero, ASCII cases, the sigmas, the I's, the sharp s's, surrogates and their edges. */
    private static final char[] EDGES = {'\u0000', '\u0001', 'a', 'A', 's', 'S', 'i', 'I', '\u007F', '\u0080',
        '\u00DF', '\u1E9E', '\u0130', '\u0131', '\u03A3', '\u03C2', '\u03C3', '\u07FF', '\u0800', '\uD7FF',
        '\uD800', '\uDBFF', '\uDC00', '\uDFFF', '\uE000', '\uFFFF', '\uD801', '\uDC00', '\uDC28', '?'};

    @Provide
    Arbitrary<String> strings() {
        Arbitrary<Character> edge = Arbitraries.of(new String(EDGES).chars().mapToObj(c -> (char) c).toList());
        Arbitrary<Character> any = Arbitraries.chars().range(Character.MIN_VALUE, Character.MAX_VALUE);
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, edge), net.jqwik.api.Tuple.of(1, any))
            .list().ofMaxSize(6).map(cs -> {
                StringBuilder sb = new StringBuilder();
                cs.forEach(sb::append);
                return sb.toString();
            });
    }

    @Property(tries = 3000)
    void ofString_anyTwoStrings_sameKeyExactlyWhenEqualAndOrderedAsCompareStrings(
            @ForAll("strings") String a, @ForAll("strings") String b) {
        byte[] ka = KeyEncoder.ofString(a, true);
        byte[] kb = KeyEncoder.ofString(b, true);
        assertEquals(a.equals(b), Arrays.equals(ka, kb), () -> show(a) + " / " + show(b));
        assertEquals(Integer.signum(KeyEncoder.compareStrings(a, b)), Integer.signum(Arrays.compareUnsigned(ka, kb)),
            () -> show(a) + " / " + show(b));
        assertEquals(b.startsWith(a), startsWith(kb, KeyEncoder.stringPrefix(a, true)), () -> show(a) + " / " + show(b));
    }

    @Property(tries = 3000)
    void ofString_caseInsensitive_sameKeyExactlyWhenFoldsAreEqual(@ForAll("strings") String a,
                                                                @ForAll("strings") String b) {
        byte[] ka = KeyEncoder.ofString(a, false);
        byte[] kb = KeyEncoder.ofString(b, false);
        String fa = KeyEncoder.foldCase(a);
        String fb = KeyEncoder.foldCase(b);
        assertEquals(fa.equals(fb), Arrays.equals(ka, kb), () -> show(a) + " / " + show(b));
        assertArrayEquals(KeyEncoder.ofString(fa, true), ka);
        assertEquals(fb.startsWith(fa), startsWith(kb, KeyEncoder.stringPrefix(a, false)),
            () -> show(a) + " / " + show(b));
        assertEquals(fa, KeyEncoder.foldCase(fa), "folding twice changes nothing");
        assertEquals(a.length(), fa.length(), "folding keeps the length in units");
    }

    @Property(tries = 1000)
    void compareStrings_wellFormedStrings_isCodePointOrder(@ForAll("strings") String a, @ForAll("strings") String b) {
        net.jqwik.api.Assume.that(wellFormed(a) && wellFormed(b));
        int[] ca = a.codePoints().toArray();
        int[] cb = b.codePoints().toArray();
        assertEquals(Integer.signum(Arrays.compare(ca, cb)), Integer.signum(KeyEncoder.compareStrings(a, b)));
    }

    @Test
    void ofString_loneSurrogates_neverShareAKeyWithEachOtherOrWithQuestionMark() {
        // Key encoding 1 wrote UTF-8, which turns every lone surrogate into '?'.
        List<String> values = List.of("?", "\uD800", "\uDC00", "\uDBFF", "\uDFFF", "a\uD800", "a?", "\uD800\uDC00",
            "\uDC00\uD800");
        for (String a : values) {
            for (String b : values) {
                assertEquals(a.equals(b), Arrays.equals(KeyEncoder.ofString(a, true), KeyEncoder.ofString(b, true)),
                    show(a) + " / " + show(b));
                assertEquals(a.equals(b), Arrays.equals(KeyEncoder.ofString(a, false),
                    KeyEncoder.ofString(b, false)), show(a) + " / " + show(b));
            }
        }
    }

    @Test
    void ofString_unitsOfEveryWidth_haveTheirDocumentedBytes() {
        assertArrayEquals(new byte[] {1, 'a', 0, (byte) 0xFF, 0, 1}, KeyEncoder.ofString("a\u0000", true));
        assertArrayEquals(new byte[] {1, 0x7F, (byte) 0xC2, (byte) 0x80, (byte) 0xDF, (byte) 0xBF, 0, 1},
            KeyEncoder.ofString("\u007F\u0080\u07FF", true));
        // U+0800 .. U+D7FF as UTF-8 writes them; U+E000 .. U+FFFF 0x800 lower; surrogates at the top
        assertArrayEquals(new byte[] {1, (byte) 0xE0, (byte) 0xA0, (byte) 0x80, (byte) 0xED, (byte) 0x9F,
            (byte) 0xBF, 0, 1}, KeyEncoder.ofString("\u0800\uD7FF", true));
        assertArrayEquals(new byte[] {1, (byte) 0xED, (byte) 0xA0, (byte) 0x80, (byte) 0xEF, (byte) 0x9F,
            (byte) 0xBF, 0, 1}, KeyEncoder.ofString("\uE000\uFFFF", true));
        assertArrayEquals(new byte[] {1, (byte) 0xEF, (byte) 0xA0, (byte) 0x80, (byte) 0xEF, (byte) 0xBF,
            (byte) 0xBF, 0, 1}, KeyEncoder.ofString("\uD800\uDFFF", true));
        assertArrayEquals(new byte[] {1, 'a', (byte) 0xC3, (byte) 0x9F}, KeyEncoder.stringPrefix("A\u1E9E", false));
    }

    @Test
    void unitOrder_boundaries() {
        assertEquals(0xD7FF, KeyEncoder.unitOrder('\uD7FF'));
        assertEquals(0xF800, KeyEncoder.unitOrder('\uD800'));
        assertEquals(0xFFFF, KeyEncoder.unitOrder('\uDFFF'));
        assertEquals(0xD800, KeyEncoder.unitOrder('\uE000'));
        assertEquals(0xF7FF, KeyEncoder.unitOrder('\uFFFF'));
        assertTrue(KeyEncoder.compareStrings("\uFFFF", "\uD800\uDC00") < 0, "U+FFFF before U+10000");
        assertTrue(KeyEncoder.compareStrings("ab", "abc") < 0);
        assertTrue(KeyEncoder.compareStrings("abc", "ab") > 0);
        assertEquals(0, KeyEncoder.compareStrings("ab", "ab"));
        assertTrue(KeyEncoder.compareStrings("b", "ab") > 0);
    }

    @Test
    void foldCase_sigmasIsAndSharpS_foldPerCodePoint() {
        assertEquals("\u03C3\u03C3\u03C3", KeyEncoder.foldCase("\u03C2\u03C3\u03A3"), "final sigma, sigma, capital");
        // whole-string lower-casing turns a final capital sigma into a final sigma: not here
        assertEquals(KeyEncoder.foldCase("\u039F\u0394\u039F\u03A3"), KeyEncoder.foldCase("\u03BF\u03B4\u03BF\u03C3"));
        assertEquals("iiii", KeyEncoder.foldCase("\u0130\u0131Ii"), "dotted capital, dotless, I and i");
        assertEquals("\u00DF\u00DF", KeyEncoder.foldCase("\u00DF\u1E9E"), "sharp s and capital sharp s");
        assertNotEquals(KeyEncoder.foldCase("ss"), KeyEncoder.foldCase("\u00DF"), "one code point stays one");
        assertEquals("\uD801\uDC28", KeyEncoder.foldCase("\uD801\uDC00"), "a supplementary letter");
        assertEquals("\uD801x\uDC00", KeyEncoder.foldCase("\uD801X\uDC00"), "lone surrogates stay");
        assertEquals("abc-\u00E9", KeyEncoder.foldCase("aBC-\u00C9"));
        String lower = "already folded";
        assertSame(lower, KeyEncoder.foldCase(lower), "nothing to fold: the same string");
        assertEquals("@[`{", KeyEncoder.foldCase("@[`{"), "the neighbours of A-Z and a-z");
        assertEquals("az", KeyEncoder.foldCase("AZ"));
        assertEquals('i', KeyEncoder.foldCase((int) '\u0130'));
    }

    @Test
    void foldCase_everyCodePoint_isIdempotentAndKeepsItsWidth() {
        for (int cp = 0; cp <= Character.MAX_CODE_POINT; cp++) {
            int f = KeyEncoder.foldCase(cp);
            assertEquals(f, KeyEncoder.foldCase(f), Integer.toHexString(cp));
            assertEquals(Character.charCount(cp), Character.charCount(f), Integer.toHexString(cp));
        }
    }

    private static boolean startsWith(byte[] key, byte[] prefix) {
        return prefix.length <= key.length && Arrays.equals(key, 0, prefix.length, prefix, 0, prefix.length);
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static String show(String s) {
        return s.chars().mapToObj(Integer::toHexString).toList().toString();
    }
}
