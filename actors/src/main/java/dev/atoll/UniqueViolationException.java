package dev.atoll;

/**
 * Thrown when a write would give a unique index a value it already holds; the message names the
 * index and the value. The transaction writes nothing.
 */
public class UniqueViolationException extends AtollException {
    private static final long serialVersionUID = 1L;

    public UniqueViolationException(String message) {
        super(ErrorCode.UNIQUE_VIOLATION, message, null);
    }

    public UniqueViolationException(String message, Throwable cause) {
        super(ErrorCode.UNIQUE_VIOLATION, message, cause);
    }
}
