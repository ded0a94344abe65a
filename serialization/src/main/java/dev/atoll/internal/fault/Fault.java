package dev.atoll.internal.fault;

/**
 * The kinds of failure the engine raises, one per public {@code dev.atoll.ErrorCode} and with the same
 * names in the same order (a test in the API module holds the two enums together). The engine's
 * modules sit below the API jar and cannot name its exceptions, so they raise failures through
 * {@link Faults}, which asks the API jar's {@link FaultFactory} to build the exception users catch.
 */
public enum Fault {
    GENERAL,
    SCHEMA_MISMATCH,
    INSTANCE_LOCKED,
    INSTANCE_CLOSED,
    UNIQUE_VIOLATION,
    CORRUPT_FILE,
    TRANSACTION_CONFLICT,
    INVALID_SCHEMA,
    IO_ERROR,
    WRONG_KEY,
    DISK_FULL,
    USER_CODE,
    INVALID_SETTING,
    WORKER_BUSY
}
