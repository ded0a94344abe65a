package dev.atoll.internal.txn;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Which failures of user code Atoll survives ({@link Failures}). */
class FailuresTest {

    @AfterEach
    void clearInterrupt() {
        Thread.interrupted();
    }

    @Test
    void isFatal_vmLinkageThreadDeathAndInterrupted_fatal() {
        assertTrue(Failures.isFatal(new OutOfMemoryError()));
        assertTrue(Failures.isFatal(new StackOverflowError()));
        assertTrue(Failures.isFatal(new NoClassDefFoundError()));
        assertTrue(Failures.isFatal(new ThreadDeath()));
        assertTrue(Failures.isFatal(new InterruptedException()));
    }

    @Test
    void isFatal_exceptionsAndAssertionErrors_survivable() {
        assertFalse(Failures.isFatal(new AssertionError()));
        assertFalse(Failures.isFatal(new IOException()));
        assertFalse(Failures.isFatal(new IllegalStateException()));
        assertFalse(Failures.isFatal(new Error("plain")));
    }

    @Test
    void rethrowIfFatal_survivable_returns() {
        Failures.rethrowIfFatal(new AssertionError("fine"));
        assertFalse(Thread.currentThread().isInterrupted());
    }

    @Test
    void rethrowIfFatal_fatal_thrownAsIs() {
        OutOfMemoryError oom = new OutOfMemoryError("gone");
        assertSame(oom, assertThrows(OutOfMemoryError.class, () -> Failures.rethrowIfFatal(oom)));
        assertFalse(Thread.currentThread().isInterrupted(), "only an InterruptedException re-interrupts");
    }

    @Test
    void rethrowIfFatal_interrupted_thrownAndTheThreadInterruptedAgain() {
        InterruptedException e = new InterruptedException("stop");
        Throwable thrown = assertThrows(Throwable.class, () -> Failures.rethrowIfFatal(e));
        assertSame(e, thrown);
        assertTrue(Thread.currentThread().isInterrupted());
    }

    @Test
    void message_withAndWithoutAMessage() {
        assertEquals("why", Failures.message(new AssertionError("why")));
        assertEquals("java.io.IOException", Failures.message(new IOException()));
    }
}
