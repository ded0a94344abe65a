package dev.atoll.internal.api;

import dev.atoll.AtollException;
import dev.atoll.CorruptFileException;
import dev.atoll.ErrorCode;
import dev.atoll.InstanceClosedException;
import dev.atoll.InstanceLockedException;
import dev.atoll.InvalidSchemaException;
import dev.atoll.SchemaMismatchException;
import dev.atoll.TransactionConflictException;
import dev.atoll.UniqueViolationException;
import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.FaultFactory;

/**
 * Builds, for the engine below the API jar, the exceptions of {@code dev.atoll} that users catch: the
 * provider of {@link FaultFactory} (registered in this module's descriptor and in
 * {@code META-INF/services}). A fault and its {@link ErrorCode} have the same name.
 */
public final class ApiFaults implements FaultFactory {

    @Override
    public RuntimeException create(Fault fault, String message, Throwable cause) {
        return switch (fault) {
            case SCHEMA_MISMATCH -> new SchemaMismatchException(message, cause);
            case INSTANCE_LOCKED -> new InstanceLockedException(message, cause);
            case INSTANCE_CLOSED -> new InstanceClosedException(message, cause);
            case UNIQUE_VIOLATION -> new UniqueViolationException(message, cause);
            case CORRUPT_FILE -> new CorruptFileException(message, cause);
            case TRANSACTION_CONFLICT -> new TransactionConflictException(message, cause);
            case INVALID_SCHEMA -> new InvalidSchemaException(message, cause);
            default -> new AtollException(codeOf(fault), message, cause);
        };
    }

    @Override
    public Fault faultOf(Throwable failure) {
        return failure instanceof AtollException a ? Fault.valueOf(a.code().name()) : null;
    }

    /** The public code of a fault. */
    public static ErrorCode codeOf(Fault fault) {
        return ErrorCode.valueOf(fault.name());
    }
}
