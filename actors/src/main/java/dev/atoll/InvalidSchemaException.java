package dev.atoll;

/**
 * Thrown when a class cannot be stored: an unsupported property type, a missing no-arg
 * constructor, a missing or misplaced {@code @Id}, or annotations that contradict each other.
 */
public class InvalidSchemaException extends AtollException {
    private static final long serialVersionUID = 1L;

    public InvalidSchemaException(String message) {
        super(ErrorCode.INVALID_SCHEMA, message, null);
    }

    public InvalidSchemaException(String message, Throwable cause) {
        super(ErrorCode.INVALID_SCHEMA, message, cause);
    }
}
