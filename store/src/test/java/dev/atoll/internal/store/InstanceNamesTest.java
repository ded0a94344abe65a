package dev.atoll.internal.store;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The instance name rule at each of its edges: every range of allowed characters, the length, the message. */
class InstanceNamesTest {
    private static final String RULE = "use 1 to 100 characters, each an ASCII letter, a digit, '-', '_' or '.',"
            + " not starting with '.'";

    private static String refusedMessage(String name) {
        return assertThrows(IllegalArgumentException.class, () -> InstanceNames.check(name), name).getMessage();
    }

    @Test
    void check_eachEdgeOfEachAllowedRange_isAccepted() {
        for (String name : List.of("a", "z", "A", "Z", "0", "9", "-", "_", "x.", "a.b", "x".repeat(100))) {
            assertSame(name, InstanceNames.check(name), name);
        }
    }

    @Test
    void check_theCharacterJustOutsideEachRange_isRefusedInAnyPosition() {
        // '/' and ':' around the digits, '@' and '[' around the capitals, '`' and '{' around the small letters,
        // ',' (just before '-'), '^' (just before '_'), and a few far away.
        for (char c : new char[] {'/', ':', '@', '[', '`', '{', ',', '^', ' ', '~', '\\', '\u00e9', '\u0000'}) {
            for (String name : List.of(c + "a", "a" + c, "a" + c + "b", String.valueOf(c))) {
                assertEquals(true, refusedMessage(name).endsWith("' is not allowed: " + RULE), name);
            }
        }
    }

    @Test
    void check_nullEmptyTooLongOrStartingWithADot_isRefused() {
        assertEquals("an instance name is required: " + RULE, refusedMessage(null));
        assertEquals("instance name '' is not allowed: " + RULE, refusedMessage(""));
        assertEquals("instance name '.a' is not allowed: " + RULE, refusedMessage(".a"));
        assertEquals("instance name '.' is not allowed: " + RULE, refusedMessage("."));
        assertEquals("instance name '" + "x".repeat(40) + "... (101 characters)' is not allowed: " + RULE,
                refusedMessage("x".repeat(101)));
    }

    @Test
    void refused_controlAndNonAsciiCharacters_areShownEscapedAndPrintableOnesAsThey_are() {
        // 0x1f and 0x7f are escaped; 0x20 (space) and 0x7e ('~') are printable, shown as they are.
        assertEquals("instance name 'a\\u001f \\u007f~\\u00e9' is not allowed: " + RULE,
                refusedMessage("a\u001f \u007f~\u00e9"));
    }

    @Test
    void refused_nameOf40And41Characters_isShownWholeThenCutAfter40() {
        String forty = "y".repeat(39) + "/";
        assertEquals("instance name '" + forty + "' is not allowed: " + RULE, refusedMessage(forty));
        String fortyOne = forty + "y";
        assertEquals("instance name '" + forty + "... (41 characters)' is not allowed: " + RULE,
                refusedMessage(fortyOne));
    }
}
