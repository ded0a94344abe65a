package dev.atoll.internal.query;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The key ranges where clauses read: half-open, unsigned, a null bound open. */
class KeyRangeTest {
    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    @Test
    void after_lastByteBelowFF_incrementsItInACopy() {
        byte[] p = b(0x01, 0x7F);
        assertArrayEquals(b(0x01, 0x80), KeyRange.after(p));
        assertArrayEquals(b(0x01, 0x7F), p, "the prefix itself is left alone");
        assertArrayEquals(b(0x01), KeyRange.after(b(0x00)));
        assertArrayEquals(b(0x00, 0xFF), KeyRange.after(b(0x00, 0xFE)));
    }

    @Test
    void after_trailingFFs_dropsThemAndIncrementsTheByteBefore() {
        assertArrayEquals(b(0x02), KeyRange.after(b(0x01, 0xFF)));
        assertArrayEquals(b(0x05), KeyRange.after(b(0x04, 0xFF, 0xFF)));
    }

    @Test
    void after_allFFsOrEmpty_isNull() {
        assertNull(KeyRange.after(b(0xFF)));
        assertNull(KeyRange.after(b(0xFF, 0xFF)));
        assertNull(KeyRange.after(b()));
    }

    @Test
    void prefix_coversExactlyTheKeysThatStartWithIt() {
        KeyRange r = KeyRange.prefix(b(0x01, 0x41));
        assertArrayEquals(b(0x01, 0x41), r.lo());
        assertArrayEquals(b(0x01, 0x42), r.hi());
        assertTrue(r.contains(b(0x01, 0x41)));
        assertTrue(r.contains(b(0x01, 0x41, 0xFF, 0xFF)));
        assertFalse(r.contains(b(0x01, 0x42)));
        assertFalse(r.contains(b(0x01, 0x40, 0xFF)));
        KeyRange open = KeyRange.prefix(b(0xFF));
        assertNull(open.hi(), "nothing follows 0xFF: the end is open");
        assertTrue(open.contains(b(0xFF, 0xFF, 0x00)));
    }

    @Test
    void contains_lowerBoundIncludedUpperExcluded() {
        KeyRange r = new KeyRange(b(0x10), b(0x20));
        assertTrue(r.contains(b(0x10)));
        assertTrue(r.contains(b(0x1F, 0xFF)));
        assertFalse(r.contains(b(0x20)));
        assertFalse(r.contains(b(0x0F, 0xFF)));
    }

    @Test
    void contains_comparesUnsigned() {
        KeyRange r = new KeyRange(b(0x7F), b(0x81));
        assertTrue(r.contains(b(0x80)), "0x80 lies above 0x7F as an unsigned byte");
        assertFalse(r.contains(b(0x01)));
    }

    @Test
    void contains_nullBounds_areOpen() {
        assertTrue(new KeyRange(null, b(0x20)).contains(b(0x00)));
        assertFalse(new KeyRange(null, b(0x20)).contains(b(0x20)));
        assertTrue(new KeyRange(b(0x20), null).contains(b(0xFF, 0xFF)));
        assertFalse(new KeyRange(b(0x20), null).contains(b(0x1F)));
        assertTrue(new KeyRange(null, null).contains(b()));
    }

    @Test
    void isPast_atOrAfterTheEndOnly() {
        KeyRange r = new KeyRange(b(0x10), b(0x20));
        assertTrue(r.isPast(b(0x20)));
        assertTrue(r.isPast(b(0x90)));
        assertFalse(r.isPast(b(0x1F, 0xFF)));
        assertFalse(r.isPast(b(0x00)), "before the range is not past it");
        assertFalse(new KeyRange(b(0x10), null).isPast(b(0xFF, 0xFF)));
    }

    @Test
    void sameAs_comparesBothBoundsByContent() {
        KeyRange r = new KeyRange(b(0x10), b(0x20));
        assertTrue(r.sameAs(new KeyRange(b(0x10), b(0x20))));
        assertFalse(r.sameAs(new KeyRange(b(0x11), b(0x20))));
        assertFalse(r.sameAs(new KeyRange(b(0x10), b(0x21))));
        assertFalse(r.sameAs(new KeyRange(b(0x10), null)));
        assertTrue(new KeyRange(null, null).sameAs(new KeyRange(null, null)));
    }

    @Test
    void isEmpty_whenLowerReachesUpper() {
        assertTrue(new KeyRange(b(0x20), b(0x20)).isEmpty());
        assertTrue(new KeyRange(b(0x90), b(0x20)).isEmpty(), "unsigned: 0x90 is above 0x20");
        assertFalse(new KeyRange(b(0x20), b(0x20, 0x00)).isEmpty());
        assertFalse(new KeyRange(b(0x20), b(0x90)).isEmpty());
        assertFalse(new KeyRange(null, b(0x00)).isEmpty());
        assertFalse(new KeyRange(b(0xFF), null).isEmpty());
    }

    @Test
    void toString_showsHexBoundsAndOpenEnds() {
        assertEquals("[01ff, open)", new KeyRange(b(0x01, 0xFF), null).toString());
        assertEquals("[open, 0a)", new KeyRange(null, b(0x0A)).toString());
    }
}
