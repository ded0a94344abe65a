package dev.atoll;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The numbers of {@link ErrorCode} are a promise: they never change meaning between versions. */
class ErrorCodeNumbersTest {
    @Test
    void number_everyCode_keepsItsPublishedNumber() {
        Map<ErrorCode, Integer> published = new LinkedHashMap<>();
        published.put(ErrorCode.GENERAL, 1);
        published.put(ErrorCode.SCHEMA_MISMATCH, 2);
        published.put(ErrorCode.INSTANCE_LOCKED, 3);
        published.put(ErrorCode.INSTANCE_CLOSED, 4);
        published.put(ErrorCode.UNIQUE_VIOLATION, 5);
        published.put(ErrorCode.CORRUPT_FILE, 6);
        published.put(ErrorCode.TRANSACTION_CONFLICT, 7);
        published.put(ErrorCode.INVALID_SCHEMA, 8);
        published.put(ErrorCode.IO_ERROR, 9);
        published.put(ErrorCode.WRONG_KEY, 10);
        published.put(ErrorCode.DISK_FULL, 11);
        published.put(ErrorCode.USER_CODE, 12);
        published.put(ErrorCode.INVALID_SETTING, 13);
        published.put(ErrorCode.WORKER_BUSY, 14);
        assertEquals(Arrays.asList(ErrorCode.values()), published.keySet().stream().toList(), "every code listed");
        published.forEach((code, number) -> assertEquals(number, code.number(), code.name()));
    }
}
