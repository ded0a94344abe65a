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
import dev.atoll.internal.fault.Faults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.util.Arrays;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

/** The engine's failures reach users as the API's exceptions, found through the service the API jar provides. */
class ApiFaultsTest {
    private static final Map<Fault, Class<? extends AtollException>> TYPES = Map.of(
            Fault.SCHEMA_MISMATCH, SchemaMismatchException.class,
            Fault.INSTANCE_LOCKED, InstanceLockedException.class,
            Fault.INSTANCE_CLOSED, InstanceClosedException.class,
            Fault.UNIQUE_VIOLATION, UniqueViolationException.class,
            Fault.CORRUPT_FILE, CorruptFileException.class,
            Fault.TRANSACTION_CONFLICT, TransactionConflictException.class,
            Fault.INVALID_SCHEMA, InvalidSchemaException.class);

    @Test
    void faults_andErrorCodes_haveTheSameNamesInTheSameOrder() {
        assertEquals(Arrays.stream(ErrorCode.values()).map(Enum::name).toList(),
                Arrays.stream(Fault.values()).map(Enum::name).toList());
    }

    @ParameterizedTest
    @EnumSource(Fault.class)
    void of_everyFault_isTheApiExceptionWithItsCodeMessageAndCause(Fault fault) {
        IllegalStateException cause = new IllegalStateException("below");
        RuntimeException e = Faults.of(fault, "what happened", cause);

        AtollException a = assertInstanceOf(TYPES.getOrDefault(fault, AtollException.class), e);
        assertEquals(fault.name(), a.code().name());
        assertEquals("what happened", a.getMessage());
        assertSame(cause, a.getCause());
        assertEquals(fault, Faults.faultOf(a), "the kind reads back");
    }

    @Test
    void of_withoutCause_hasNone() {
        assertNull(Faults.of(Fault.DISK_FULL, "full").getCause());
        assertEquals(ErrorCode.DISK_FULL, ((AtollException) Faults.of(Fault.DISK_FULL, "full")).code());
    }

    @Test
    void faultOf_anExceptionAtollDidNotRaise_isNull() {
        assertNull(Faults.faultOf(new IllegalArgumentException("user's")));
        assertNull(Faults.faultOf(null));
        assertEquals(Fault.USER_CODE, Faults.faultOf(new AtollException(ErrorCode.USER_CODE, "m", null)));
    }

    @Test
    void codeOf_isTheErrorCodeOfTheSameName() {
        for (Fault f : Fault.values()) {
            assertEquals(f.name(), ApiFaults.codeOf(f).name());
        }
    }
}
