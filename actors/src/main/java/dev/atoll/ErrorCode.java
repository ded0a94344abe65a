package dev.atoll;

/**
 * Stable error codes carried by every {@link AtollException}, so that a caller can tell one failure
 * from another without parsing the message. The numbers never change meaning between versions.
 */
public enum ErrorCode {
    /** A failure with no more specific code. */
    GENERAL(1),
    /** The schemas given to {@code open} differ from those of the open instance. */
    SCHEMA_MISMATCH(2),
    /** The instance's files are held by another process or actor system. */
    INSTANCE_LOCKED(3),
    /** The instance or handle was closed. */
    INSTANCE_CLOSED(4),
    /** A unique index already holds the value. */
    UNIQUE_VIOLATION(5),
    /** A stored value or the file itself is damaged. */
    CORRUPT_FILE(6),
    /** A write transaction read data that another transaction changed before it committed. */
    TRANSACTION_CONFLICT(7),
    /** A class cannot be stored: unsupported property type, missing constructor, bad annotations. */
    INVALID_SCHEMA(8),
    /** Reading or writing the file failed (for a full disk, see {@link #DISK_FULL}). */
    IO_ERROR(9),
    /** The file is encrypted with another key, or encrypted while no key was given, or plain while one was. */
    WRONG_KEY(10),
    /**
     * The disk (or the user's quota) is full: a write to the file found no space. The message names the
     * file. Nothing of the failed commit is acknowledged; acknowledged commits stay.
     */
    DISK_FULL(11),
    /**
     * A constructor of the user's stored class threw while Atoll built an object from its bytes. The cause
     * is what it threw, and the message names the class; the stored value is not damaged.
     */
    USER_CODE(12),
    /** A setting ({@code atoll.*} in the configuration) has a value Atoll refuses; the message names it. */
    INVALID_SETTING(13),
    /**
     * An {@code AtollWorker} refused an insert because too many objects already wait to be written (its
     * {@code maxPendingObjects}); nothing of the request was written, and it may be sent again later.
     */
    WORKER_BUSY(14);

    private final int number;

    ErrorCode(int number) {
        this.number = number;
    }

    /** The stable number of this code. */
    public int number() {
        return number;
    }
}
