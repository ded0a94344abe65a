package dev.atoll.internal.fault;

/**
 * The service through which the engine builds the exceptions users see. The API jar provides the one
 * implementation ({@code provides} in its module descriptor, {@code META-INF/services} on the class
 * path); without it (the engine's modules on their own, as in their unit tests), {@link Faults} falls
 * back to {@link EngineException}.
 */
public interface FaultFactory {

    /** An exception of the kind users catch for {@code fault}, with this message and cause. */
    RuntimeException create(Fault fault, String message, Throwable cause);

    /** The kind of {@code failure} when it is one this factory builds, else {@code null}. */
    Fault faultOf(Throwable failure);
}
