package dev.atoll;

/**
 * The base of every exception Atoll throws. Unchecked. {@link #code()} tells the kind of failure
 * without parsing the message.
 */
public class AtollException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public AtollException(String message) {
        this(ErrorCode.GENERAL, message, null);
    }

    public AtollException(String message, Throwable cause) {
        this(ErrorCode.GENERAL, message, cause);
    }

    public AtollException(ErrorCode code, String message, Throwable cause) {
        super(message, cause);
        this.code = code;
    }

    /** The stable code of this failure. */
    public ErrorCode code() {
        return code;
    }
}
