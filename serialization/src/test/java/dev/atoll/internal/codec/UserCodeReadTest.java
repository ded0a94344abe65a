package dev.atoll.internal.codec;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import dev.atoll.testmodel.Part;
import dev.atoll.testmodel.Refusing;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression: a user's constructor that threw while an object was read was reported as a damaged file
 * ({@link CorruptFileException}). It is the user's exception now, as the cause of an
 * {@link AtollException} of {@link ErrorCode#USER_CODE} that names the class.
 */
class UserCodeReadTest {
    private final CollectionCodec<Refusing> codec = TestCodecs.of(Refusing.class).codec(Refusing.class);

    @AfterEach
    void accept() {
        Refusing.refuse = null;
        Part.refuse = null;
    }

    @Test
    void decode_recordConstructorThrows_userCodeErrorWithTheCauseNotCorrupt() {
        byte[] value = codec.encode(new Refusing(0, 3, null), 7);
        IllegalArgumentException refusal = new IllegalArgumentException("count must be negative now");
        Refusing.refuse = refusal;

        RuntimeException e = Faults.requireAny(assertThrows(RuntimeException.class, () -> codec.decode(7, value, 0, value.length)));

        assertFalse(Faults.is(e, Fault.CORRUPT_FILE), e.toString());
        assertEquals(Fault.USER_CODE, Faults.faultOf(e));
        assertSame(refusal, e.getCause());
        assertEquals("reading Refusing id 7: the constructor of " + Refusing.class.getName() + " threw "
                + refusal + " (the stored value is intact; the class refused it)", e.getMessage());
        Refusing.refuse = null;
        assertEquals(new Refusing(7, 3, null), codec.decode(7, value, 0, value.length), "the value is intact");
    }

    @Test
    void decode_embeddedConstructorThrowsAnError_userCodeErrorNamingTheEmbeddedClass() {
        byte[] value = codec.encode(new Refusing(0, -1, new Part("wheel")), 8);
        AssertionError refusal = new AssertionError("no parts today");
        Part.refuse = refusal;

        RuntimeException e = Faults.requireAny(assertThrows(RuntimeException.class, () -> codec.decode(8, value, 0, value.length)));

        assertEquals(Fault.USER_CODE, Faults.faultOf(e));
        assertSame(refusal, e.getCause());
        assertTrue(e.getMessage().contains("the constructor of " + Part.class.getName() + " threw"), e.getMessage());
    }

    @Test
    void decode_damagedValueOfARefusingClass_stillCorrupt() {
        byte[] value = codec.encode(new Refusing(0, 3, null), 9);
        value[value.length - 1] ^= 1;
        Refusing.refuse = new IllegalArgumentException("never reached: the checksum fails first");

        RuntimeException e = Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> codec.decode(9, value, 0, value.length)));

        assertEquals(Fault.CORRUPT_FILE, Faults.faultOf(e));
    }
}
