package dev.atoll.internal.fault;

import org.junit.jupiter.api.Test;

import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * How the engine raises failures, whichever factory is in use: without the API jar (this module's own
 * tests) each is an {@link EngineException} that carries its kind.
 */
class FaultsTest {

    @Test
    void factory_isTheFallbackExactlyWhenNoProviderIsOnTheClassPath() {
        // this module's own tests run without the API jar; the cross-module runs (PIT) with it
        boolean provided = ServiceLoader.load(FaultFactory.class, Faults.class.getClassLoader()).findFirst().isPresent();
        assertEquals(!provided, Faults.factory() instanceof Faults.Fallback);
    }

    @Test
    void fallback_raisesEngineExceptionsThatCarryTheirKind() {
        FaultFactory fallback = new Faults.Fallback();
        RuntimeException cause = new RuntimeException("below");
        EngineException e = assertInstanceOf(EngineException.class, fallback.create(Fault.IO_ERROR, "m", cause));
        assertEquals(Fault.IO_ERROR, e.fault());
        assertEquals("m", e.getMessage());
        assertSame(cause, e.getCause());
        assertEquals(Fault.IO_ERROR, fallback.faultOf(e));
        assertNull(fallback.faultOf(new IllegalStateException()));
        assertNull(Faults.of(Fault.GENERAL, "no cause").getCause());
    }

    @Test
    void faultOf_and_is_tellAtollsFailuresFromOthers() {
        RuntimeException corrupt = Faults.of(Fault.CORRUPT_FILE, "damaged");
        assertEquals(Fault.CORRUPT_FILE, Faults.faultOf(corrupt));
        assertTrue(Faults.is(corrupt, Fault.CORRUPT_FILE));
        assertFalse(Faults.is(corrupt, Fault.IO_ERROR));
        assertNull(Faults.faultOf(new IllegalStateException()));
        assertNull(Faults.faultOf(null));
        assertFalse(Faults.is(new IllegalStateException(), Fault.GENERAL));
    }

    @Test
    void require_givesTheFailureOfThatKind_andRefusesAnyOther() {
        RuntimeException closed = Faults.of(Fault.INSTANCE_CLOSED, "closed");
        assertSame(closed, Faults.require(Fault.INSTANCE_CLOSED, closed));
        IllegalStateException wrong = assertThrows(IllegalStateException.class,
                () -> Faults.require(Fault.CORRUPT_FILE, closed));
        assertSame(closed, wrong.getCause());
        assertTrue(wrong.getMessage().contains("CORRUPT_FILE"), wrong.getMessage());
        IllegalArgumentException foreign = new IllegalArgumentException("x");
        assertSame(foreign, assertThrows(IllegalStateException.class,
                () -> Faults.require(Fault.GENERAL, foreign)).getCause());
    }

    @Test
    void requireAny_givesAnyAtollFailure_andRefusesOthers() {
        RuntimeException locked = Faults.of(Fault.INSTANCE_LOCKED, "locked");
        assertSame(locked, Faults.requireAny(locked));
        IllegalArgumentException foreign = new IllegalArgumentException("x");
        assertSame(foreign, assertThrows(IllegalStateException.class, () -> Faults.requireAny(foreign)).getCause());
    }

    @Test
    void of_aNullFault_isRefused() {
        assertThrows(NullPointerException.class, () -> Faults.of(null, "m"));
    }
}
