package dev.atoll.internal.fault;

import java.util.Objects;
import java.util.ServiceLoader;

/**
 * How the engine raises a failure users see: {@code throw Faults.of(Fault.CORRUPT_FILE, "...")}. The
 * exception is built by the API jar's {@link FaultFactory}, found once through {@link ServiceLoader},
 * so that it leaves the engine as the type users catch, with no translation at each boundary between
 * the engine and the API (where one forgotten catch would let an internal type escape).
 */
public final class Faults {
    private static final FaultFactory FACTORY = load();

    private Faults() {
    }

    /** The exception for {@code fault}, ready to throw. */
    public static RuntimeException of(Fault fault, String message) {
        return of(fault, message, null);
    }

    /** The exception for {@code fault} with a cause, ready to throw. */
    public static RuntimeException of(Fault fault, String message, Throwable cause) {
        Objects.requireNonNull(fault, "fault");
        return FACTORY.create(fault, message, cause);
    }

    /** The kind of {@code failure} when Atoll raised it (through this class), else {@code null}. */
    public static Fault faultOf(Throwable failure) {
        return failure == null ? null : FACTORY.faultOf(failure);
    }

    /** Whether {@code failure} is one Atoll raised, of kind {@code fault}. */
    public static boolean is(Throwable failure, Fault fault) {
        return faultOf(failure) == fault;
    }

    /**
     * {@code failure} itself when Atoll raised it with kind {@code fault}: for callers (and tests) that
     * expect one kind of failure and must not mistake another for it.
     *
     * @throws IllegalStateException (with {@code failure} as its cause) when it is of another kind
     */
    public static RuntimeException require(Fault fault, Throwable failure) {
        if (faultOf(failure) != fault) {
            throw new IllegalStateException("expected a failure of kind " + fault + ", got " + failure, failure);
        }
        return (RuntimeException) failure;
    }

    /**
     * {@code failure} itself when Atoll raised it, whatever its kind.
     *
     * @throws IllegalStateException (with {@code failure} as its cause) when Atoll did not raise it
     */
    public static RuntimeException requireAny(Throwable failure) {
        if (faultOf(failure) == null) {
            throw new IllegalStateException("expected a failure raised by Atoll, got " + failure, failure);
        }
        return (RuntimeException) failure;
    }

    /** The factory in use: the API jar's, or the engine's own fallback. */
    static FaultFactory factory() {
        return FACTORY;
    }

    private static FaultFactory load() {
        for (FaultFactory f : ServiceLoader.load(FaultFactory.class, Faults.class.getClassLoader())) {
            return f;
        }
        return new Fallback();
    }

    /** Raises {@link EngineException}: used when the API jar is absent. */
    static final class Fallback implements FaultFactory {
        @Override
        public RuntimeException create(Fault fault, String message, Throwable cause) {
            return new EngineException(fault, message, cause);
        }

        @Override
        public Fault faultOf(Throwable failure) {
            return failure instanceof EngineException e ? e.fault() : null;
        }
    }
}
