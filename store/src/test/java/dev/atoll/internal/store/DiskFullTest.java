package dev.atoll.internal.store;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.FileSystemException;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a full disk is told from other I/O errors ({@link StoreCore#isDiskFull}, {@link StoreCore#ioError}). */
class DiskFullTest {

    @Test
    void isDiskFull_operatingSystemMessages_recognizedInAnyCase() {
        assertTrue(StoreErrors.isDiskFull(new IOException("No space left on device")));
        assertTrue(StoreErrors.isDiskFull(new IOException("write failed: NO SPACE LEFT ON DEVICE")));
        assertTrue(StoreErrors.isDiskFull(new IOException("Disk quota exceeded")));
        assertTrue(StoreErrors.isDiskFull(new IOException("There is not enough space on the disk")));
    }

    @Test
    void isDiskFull_otherFailures_notDiskFull() {
        assertFalse(StoreErrors.isDiskFull(null));
        assertFalse(StoreErrors.isDiskFull(new IOException("Input/output error")));
        assertFalse(StoreErrors.isDiskFull(new IOException((String) null)));
        assertFalse(StoreErrors.isDiskFull(new FileSystemException("/data/x.atoll", null, null)));
    }

    @Test
    void isDiskFull_fileSystemExceptionReason_readsTheReasonNotTheFileName() {
        assertTrue(StoreErrors.isDiskFull(new FileSystemException("/data/x.atoll", null, "No space left on device")));
        assertFalse(StoreErrors.isDiskFull(new FileSystemException("/data/no space left on device/x.atoll", null,
                "Permission denied")), "a directory named like the message is not a full disk");
    }

    @Test
    void isDiskFull_causeChain_looksSixteenDeep() {
        Throwable full = new IOException("No space left on device");
        Throwable wrapped = full;
        for (int i = 1; i < 16; i++) {
            wrapped = new RuntimeException("level " + i, wrapped);
        }
        assertTrue(StoreErrors.isDiskFull(wrapped), "the 16th cause is read");
        assertFalse(StoreErrors.isDiskFull(new RuntimeException("level 16", wrapped)), "the 17th is not");
    }

    @Test
    void ioError_diskFull_diskFullCodeAndMessage() {
        IOException cause = new IOException("No space left on device");
        RuntimeException e = StoreErrors.ioError("commit of instance 'p' to /data/p.atoll failed", cause);
        assertEquals(Fault.DISK_FULL, Faults.faultOf(e));
        assertEquals("the disk is full: commit of instance 'p' to /data/p.atoll failed", e.getMessage());
        assertSame(cause, e.getCause());
    }

    @Test
    void ioError_otherFailure_ioErrorCodeAndTheMessageAsGiven() {
        IOException cause = new IOException("Input/output error");
        RuntimeException e = StoreErrors.ioError("commit of instance 'p' to /data/p.atoll failed", cause);
        assertEquals(Fault.IO_ERROR, Faults.faultOf(e));
        assertEquals("commit of instance 'p' to /data/p.atoll failed", e.getMessage());
        assertSame(cause, e.getCause());
    }
}
