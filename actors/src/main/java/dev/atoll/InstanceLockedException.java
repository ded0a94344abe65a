package dev.atoll;

/** Thrown when the files of an instance are held by another process or another actor system. */
public class InstanceLockedException extends AtollException {
    private static final long serialVersionUID = 1L;

    public InstanceLockedException(String message) {
        super(ErrorCode.INSTANCE_LOCKED, message, null);
    }

    public InstanceLockedException(String message, Throwable cause) {
        super(ErrorCode.INSTANCE_LOCKED, message, cause);
    }
}
