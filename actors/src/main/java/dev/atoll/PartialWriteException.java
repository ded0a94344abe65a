package dev.atoll;

import java.util.List;

/**
 * A request written in several transactions failed after some of them committed: an
 * {@link AtollWorker.PutAll} larger than the worker's chunk size. The objects whose ids {@link #writtenIds()}
 * lists (the first ones of the request, in order) stay written; the rest of the request was not written.
 * The {@linkplain #getCause() cause} is what failed the next transaction, and {@link #code()} is its code
 * (that of an {@link AtollException}, {@link ErrorCode#GENERAL} for any other failure).
 */
public final class PartialWriteException extends AtollException {
    private static final long serialVersionUID = 1L;

    private final List<Long> writtenIds;

    /**
     * @param message says which objects failed and how many stay written
     * @param writtenIds the ids of the objects written before the failure, in request order
     * @param cause what failed the transaction after them
     */
    public PartialWriteException(String message, List<Long> writtenIds, Throwable cause) {
        super(cause instanceof AtollException a ? a.code() : ErrorCode.GENERAL, message, cause);
        this.writtenIds = List.copyOf(writtenIds);
    }

    /** The ids of the objects that stay written, in the order of the request. */
    public List<Long> writtenIds() {
        return writtenIds;
    }
}
