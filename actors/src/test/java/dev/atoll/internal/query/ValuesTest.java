package dev.atoll.internal.query;

import dev.atoll.schema.PropertySchema;
import dev.atoll.schema.PropertyType;
import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How queries check, normalize and order values: the order of the index keys. */
class ValuesTest {
    enum Color { RED, GREEN }

    enum Shade { RED }

    /** A second enum with the simple name Color but other constants. */
    static final class Elsewhere {
        enum Color { BLUE }
    }

    private static PropertySchema scalar(PropertyType t) {
        return PropertySchema.scalar("p", t, true);
    }

    private static final PropertySchema COLOR = new PropertySchema("color", PropertyType.ENUM, true, null, null,
            List.of("RED", "GREEN"), "Color");
    private static final PropertySchema AUTHOR = new PropertySchema("author", PropertyType.EMBEDDED, true, null,
            List.of(PropertySchema.scalar("name", PropertyType.STRING, true)), null, "Author");
    private static final PropertySchema TAGS = new PropertySchema("tags", PropertyType.LIST, true,
            PropertySchema.scalar("tags", PropertyType.STRING, true), null, null, null);

    private static Object operand(PropertyType t, Object v) {
        return Values.operand("ctx", "p", scalar(t), v);
    }

    private static void refused(PropertySchema s, Object v) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Values.operand("ctx", "p", s, v), s + " " + v);
        assertTrue(e.getMessage().startsWith("ctx: property 'p' is "), e.getMessage());
    }

    private static void refused(PropertyType t, Object v) {
        refused(scalar(t), v);
    }

    @Test
    void operand_null_staysNullForEveryType() {
        for (PropertyType t : List.of(PropertyType.INT, PropertyType.STRING, PropertyType.BOOL)) {
            assertNull(operand(t, null));
        }
        assertNull(Values.operand("ctx", "p", AUTHOR, null));
    }

    @Test
    void operand_integralTypes_takeEveryIntegralClassWithinTheirBounds() {
        assertEquals(127L, operand(PropertyType.BYTE, 127));
        assertEquals(-128L, operand(PropertyType.BYTE, (short) -128));
        assertEquals(5L, operand(PropertyType.BYTE, (byte) 5));
        assertEquals(Short.MAX_VALUE + 0L, operand(PropertyType.SHORT, (int) Short.MAX_VALUE));
        assertEquals(Short.MIN_VALUE + 0L, operand(PropertyType.SHORT, (long) Short.MIN_VALUE));
        assertEquals(Integer.MAX_VALUE + 0L, operand(PropertyType.INT, (long) Integer.MAX_VALUE));
        assertEquals(Integer.MIN_VALUE + 0L, operand(PropertyType.INT, Integer.MIN_VALUE));
        assertEquals(Long.MAX_VALUE, operand(PropertyType.LONG, Long.MAX_VALUE));
        assertEquals(Long.MIN_VALUE, operand(PropertyType.LONG, Long.MIN_VALUE));
        assertEquals(7L, operand(PropertyType.LONG, (byte) 7));
    }

    @Test
    void operand_integralOutOfBounds_isRefusedNamingThePropertyAndValue() {
        refused(PropertyType.BYTE, 128);
        refused(PropertyType.BYTE, -129);
        refused(PropertyType.SHORT, Short.MAX_VALUE + 1);
        refused(PropertyType.SHORT, Short.MIN_VALUE - 1);
        refused(PropertyType.INT, Integer.MAX_VALUE + 1L);
        refused(PropertyType.INT, Integer.MIN_VALUE - 1L);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Values.operand("where x", "size", scalar(PropertyType.BYTE), 300));
        assertEquals("where x: property 'size' is a BYTE and cannot be compared with Integer 300", e.getMessage());
    }

    @Test
    void operand_integralTypes_refuseFloatingValuesAndOtherClasses() {
        refused(PropertyType.INT, 1.0);
        refused(PropertyType.LONG, 1.0f);
        refused(PropertyType.LONG, "1");
        refused(PropertyType.SHORT, new java.math.BigInteger("1"));
    }

    @Test
    void operand_floatAndDouble_takeAnyNumberAsADouble() {
        assertEquals((double) 0.1f, operand(PropertyType.FLOAT, 0.1), "rounded to a float first");
        assertEquals(3.0, operand(PropertyType.FLOAT, 3));
        assertEquals(0.1, operand(PropertyType.DOUBLE, 0.1));
        assertEquals(3.0, operand(PropertyType.DOUBLE, 3L));
        assertInstanceOf(Double.class, operand(PropertyType.DOUBLE, 3));
        refused(PropertyType.FLOAT, "3");
        refused(PropertyType.DOUBLE, true);
    }

    @Test
    void operand_otherTypes_takeOnlyTheirOwnClass() {
        assertEquals(true, operand(PropertyType.BOOL, true));
        refused(PropertyType.BOOL, 1);
        assertEquals("x", operand(PropertyType.STRING, "x"));
        refused(PropertyType.STRING, 'x');
        byte[] bytes = {1, 2};
        assertSame(bytes, operand(PropertyType.BYTES, bytes));
        refused(PropertyType.BYTES, List.of((byte) 1));
        Instant now = Instant.ofEpochSecond(5);
        assertSame(now, operand(PropertyType.INSTANT, now));
        refused(PropertyType.INSTANT, 5L);
    }

    @Test
    void operand_enum_takesOnlyAConstantOfThePropertysEnum() {
        assertSame(Color.GREEN, Values.operand("ctx", "p", COLOR, Color.GREEN));
        refused(COLOR, Shade.RED);
        refused(COLOR, Elsewhere.Color.BLUE);
        refused(COLOR, "RED");
    }

    @Test
    void operand_embeddedOrList_isNeverComparable() {
        refused(AUTHOR, "x");
        refused(TAGS, List.of("x"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Values.operand("f", "author", AUTHOR, "x"));
        assertEquals("f: property 'author' is an embedded Author and cannot be compared with String x",
                e.getMessage());
    }

    @Test
    void exact_givesTheClassOfTheProperty() {
        assertEquals(Byte.valueOf((byte) 5), Values.exact(scalar(PropertyType.BYTE), 5L));
        assertEquals(Short.valueOf((short) 5), Values.exact(scalar(PropertyType.SHORT), 5L));
        assertEquals(Integer.valueOf(5), Values.exact(scalar(PropertyType.INT), 5L));
        assertEquals(Long.valueOf(5), Values.exact(scalar(PropertyType.LONG), 5L));
        assertEquals(Float.valueOf(0.5f), Values.exact(scalar(PropertyType.FLOAT), 0.5));
        assertEquals(Double.valueOf(0.5), Values.exact(scalar(PropertyType.DOUBLE), 0.5));
        assertEquals("s", Values.exact(scalar(PropertyType.STRING), "s"));
        assertNull(Values.exact(scalar(PropertyType.INT), null));
    }

    @Test
    void normalize_widensIntegralsToLongAndFloatsToDouble() {
        assertEquals(Long.valueOf(3), Values.normalize(3));
        assertEquals(Long.valueOf(3), Values.normalize((short) 3));
        assertEquals(Long.valueOf(3), Values.normalize((byte) 3));
        assertEquals(Double.valueOf(1.5), Values.normalize(1.5f));
        assertEquals(Long.valueOf(3), Values.normalize(3L));
        assertEquals("s", Values.normalize("s"));
        assertNull(Values.normalize(null));
    }

    @Test
    void compareNullsFirst_putsNullBeforeEverything() {
        assertEquals(0, Values.compareNullsFirst(null, null));
        assertEquals(-1, Values.compareNullsFirst(null, 1L));
        assertEquals(1, Values.compareNullsFirst(1L, null));
        assertTrue(Values.compareNullsFirst(1L, 2L) < 0);
        assertTrue(Values.ORDER.compare(2L, 1L) > 0);
    }

    private static void ordered(Object low, Object high) {
        assertTrue(Values.compare(low, high) < 0, low + " < " + high);
        assertTrue(Values.compare(high, low) > 0, high + " > " + low);
        assertEquals(0, Values.compare(low, low), low + " = " + low);
    }

    @Test
    void compare_eachTypeInIndexKeyOrder() {
        ordered(-5L, 3L);
        ordered(Long.MIN_VALUE, Long.MAX_VALUE);
        ordered(-0.0, 0.0);
        ordered(Double.POSITIVE_INFINITY, Double.NaN);
        ordered(1.5, 2.5);
        ordered("\uFFFF", "\uD83D\uDE00"); // code points: U+FFFF before U+1F600 (UTF-16 says otherwise)
        ordered("ab", "abc");
        ordered(new byte[] {0x7F}, new byte[] {(byte) 0x80});
        ordered(Color.RED, Color.GREEN);
        ordered(false, true);
        ordered(Instant.ofEpochSecond(1), Instant.ofEpochSecond(2));
    }

    @Test
    void compare_lists_elementByElementThenShorterFirst() {
        ordered(List.of(1, 2), List.of(1, 3));
        ordered(List.of(1, 2), List.of(1, 2, 0));
        ordered(List.of(), List.of(1));
        ordered(Arrays.asList(null, 5), Arrays.asList(1, 0));
        ordered(List.of(9), List.of(10L)); // elements are normalized: Integer 9 and Long 10 compare
        assertEquals(0, Values.compare(List.of(1, 2), List.of(1L, 2L)));
    }

    @Test
    void same_byContentAndNullOnlyEqualsNull() {
        assertTrue(Values.same(null, null));
        assertFalse(Values.same(null, 1L));
        assertFalse(Values.same(1L, null));
        assertTrue(Values.same(new byte[] {1, 2}, new byte[] {1, 2}));
        assertFalse(Values.same(new byte[] {1, 2}, new byte[] {1, 3}));
        assertTrue(Values.same(2L, 2L));
        assertFalse(Values.same(2L, 3L));
    }

    @Test
    void compareCodePointsAndLower_followTheKeyEncoder() {
        assertTrue(Values.compareCodePoints("\uFFFF", "\uD83D\uDE00") < 0);
        assertTrue(Values.compareCodePoints("b", "a") > 0);
        assertEquals(0, Values.compareCodePoints("a", "a"));
        assertEquals("abc", Values.lower("AbC"));
    }

    @Test
    void distinctKey_equalForEqualNormalizedValues() {
        assertEquals(Values.distinctKey(new byte[] {1, 2}), Values.distinctKey(new byte[] {1, 2}));
        assertInstanceOf(ByteBuffer.class, Values.distinctKey(new byte[] {1}));
        assertEquals(Values.distinctKey(3), Values.distinctKey(3L));
        assertEquals(Values.distinctKey(1.5f), Values.distinctKey(1.5));
        assertNull(Values.distinctKey(null));
    }

    @Test
    void describe_namesTheTypeForMessages() {
        assertEquals("an enum Color", Values.describe(COLOR));
        assertEquals("an embedded Author", Values.describe(AUTHOR));
        assertEquals("a LIST<STRING>", Values.describe(TAGS));
        assertEquals("a INT", Values.describe(scalar(PropertyType.INT)));
    }
}
