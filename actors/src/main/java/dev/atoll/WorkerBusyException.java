package dev.atoll;

/**
 * An {@link AtollWorker} refused an insert: the objects already waiting to be written plus the request's
 * would pass its {@link AtollWorker.Options#maxPendingObjects()}. Nothing of the request was written; send
 * it again later (or feed the data through {@link AtollFlows}, which waits instead of refusing). Its code
 * is {@link ErrorCode#WORKER_BUSY}.
 */
public final class WorkerBusyException extends AtollException {
    private static final long serialVersionUID = 1L;

    /** @param message names the instance, the objects waiting, the request's size and the limit */
    public WorkerBusyException(String message) {
        super(ErrorCode.WORKER_BUSY, message, null);
    }
}
