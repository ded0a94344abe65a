package dev.atoll;

/**
 * Thrown when a write transaction read data that another transaction changed before it committed.
 * {@code writeTxnSync} retries such a body by itself; {@code writeTxn} fails its stage with this
 * exception.
 */
public class TransactionConflictException extends AtollException {
    private static final long serialVersionUID = 1L;

    public TransactionConflictException(String message) {
        super(ErrorCode.TRANSACTION_CONFLICT, message, null);
    }

    public TransactionConflictException(String message, Throwable cause) {
        super(ErrorCode.TRANSACTION_CONFLICT, message, cause);
    }
}
