package dev.atoll.internal.txn;

/**
 * Internal: which failures of user code (a watcher's callback or adapter, a worker's query, a
 * transaction body run by a worker) Atoll survives. Everything is survivable except what leaves the JVM
 * or the thread unfit to go on: a {@link VirtualMachineError} (out of memory, stack overflow, an
 * internal error), a {@link LinkageError} (a class that cannot load), {@link ThreadDeath}, and an
 * {@link InterruptedException} thrown sneakily (the thread is interrupted again). Checked exceptions
 * thrown sneakily and {@link AssertionError}s are survivable.
 */
public final class Failures {
    private Failures() {
    }

    /** Whether a failure is fatal: see the class comment. */
    public static boolean isFatal(Throwable t) {
        return t instanceof VirtualMachineError || t instanceof LinkageError || t instanceof ThreadDeath
                || t instanceof InterruptedException;
    }

    /**
     * Throws a fatal failure on (re-interrupting the thread for an {@link InterruptedException}); returns
     * when the failure is survivable.
     */
    public static void rethrowIfFatal(Throwable t) {
        if (!isFatal(t)) {
            return;
        }
        if (t instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        throw Failures.<RuntimeException>sneaky(t);
    }

    /** The message of a failure for a reply: its message, or its class name when it has none. */
    public static String message(Throwable t) {
        return t.getMessage() != null ? t.getMessage() : t.toString();
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> E sneaky(Throwable t) throws E {
        throw (E) t;
    }
}
