package dev.atoll.internal.fault;

/**
 * The failure the engine raises when no {@link FaultFactory} is present: its modules used without the
 * API jar. Users of Atoll never see it; they get the API's exceptions.
 */
public final class EngineException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final Fault fault;

    public EngineException(Fault fault, String message, Throwable cause) {
        super(message, cause);
        this.fault = fault;
    }

    /** The kind of this failure. */
    public Fault fault() {
        return fault;
    }
}
