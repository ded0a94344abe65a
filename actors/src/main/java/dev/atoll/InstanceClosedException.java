package dev.atoll;

/** Thrown when a closed handle or a closed instance is used. */
public class InstanceClosedException extends AtollException {
    private static final long serialVersionUID = 1L;

    public InstanceClosedException(String message) {
        super(ErrorCode.INSTANCE_CLOSED, message, null);
    }

    public InstanceClosedException(String message, Throwable cause) {
        super(ErrorCode.INSTANCE_CLOSED, message, cause);
    }
}
