package dev.atoll;

/**
 * Thrown when {@code open} is given schemas that differ from those of the instance that is open
 * now; the message names the collection and the property that differ.
 */
public class SchemaMismatchException extends AtollException {
    private static final long serialVersionUID = 1L;

    public SchemaMismatchException(String message) {
        super(ErrorCode.SCHEMA_MISMATCH, message, null);
    }

    public SchemaMismatchException(String message, Throwable cause) {
        super(ErrorCode.SCHEMA_MISMATCH, message, cause);
    }
}
