package dev.atoll.internal.store;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What reaches the disk and when ({@code sync()} under each durability, counted with a file system
 * that counts forces), and the guards of a closed store and of a store that a failed write broke.
 */
class StoreDurabilityTest {
    private static final CollectionDef ITEMS = new CollectionDef("Item", List.of(
            new CollectionDef.IndexDef("tag", false, false)));

    @TempDir
    Path dir;

    private CountingFilePath.Counter counter() {
        return CountingFilePath.counter(dir.resolve("test.atoll"));
    }

    private StoreCore open(StoreOptions.Durability durability) {
        StoreOptions options = new StoreOptions(durability, 16).withFileNamePrefix(CountingFilePath.prefix());
        StoreCore core = StoreCore.open(dir, "test", options);
        core.define(List.of(ITEMS), Map.of("Item", new byte[] {1}));
        core.commit();
        return core;
    }

    private static WriteBatch.Put put(long id, String value) {
        byte[][][] keys = {{(value + "\u0000").getBytes(StandardCharsets.UTF_8)}};
        return new WriteBatch.Put("Item", id, Records.encode(keys, value.getBytes(StandardCharsets.UTF_8)), keys);
    }

    private static WriteBatch batch(WriteBatch.Op... ops) {
        return new WriteBatch(0, List.of(ops), WriteBatch.ReadSet.NONE, false);
    }

    @Test
    void commit_underSyncDurability_forcesTheFileOncePerCommit() {
        StoreCore core = open(StoreOptions.Durability.SYNC);
        try {
            int before = counter().forces.get();
            core.apply(batch(put(1, "a")));
            core.commit();
            assertEquals(before + 1, counter().forces.get(), "one force per commit under SYNC");
            core.apply(batch(put(2, "b")));
            core.apply(batch(put(3, "c")));
            core.commit();
            assertEquals(before + 2, counter().forces.get(), "two batches in one commit share one force");
        } finally {
            core.close();
        }
    }

    @Test
    void commit_underWriteDurability_neverForces() {
        StoreCore core = open(StoreOptions.Durability.WRITE);
        try {
            int before = counter().forces.get();
            for (int i = 1; i <= 3; i++) {
                core.apply(batch(put(i, "v" + i)));
                core.commit();
            }
            assertEquals(before, counter().forces.get(), "WRITE durability leaves forcing to the OS");
        } finally {
            core.close();
        }
    }

    @Test
    void close_underWriteDurability_forcesTheCommittedChunks() {
        StoreCore core = open(StoreOptions.Durability.WRITE);
        core.apply(batch(put(1, "a")));
        core.commit();
        int before = counter().forces.get();
        core.close();
        assertTrue(counter().forces.get() > before, "close forces what WRITE durability left unforced");
    }

    @Test
    void everyOperation_afterClose_throwsInstanceClosedNamingTheInstance() {
        StoreCore core = open(StoreOptions.Durability.SYNC);
        core.close();
        assertTrue(core.isClosed());
        core.close(); // a second close does nothing
        for (Executable call : List.<Executable>of(
                () -> core.apply(batch(put(1, "a"))),
                core::commit,
                () -> core.define(List.of(ITEMS), Map.of()),
                core::snapshot)) {
            RuntimeException e = Faults.require(Fault.INSTANCE_CLOSED, assertThrows(RuntimeException.class, call));
            assertEquals(Fault.INSTANCE_CLOSED, Faults.faultOf(e));
            assertEquals("instance 'test' is closed", e.getMessage());
        }
    }

    @Test
    void commit_whoseForceFails_breaksTheStoreUntilItIsReopened() {
        StoreCore core = open(StoreOptions.Durability.SYNC);
        core.apply(batch(put(1, "acknowledged")));
        long acknowledged = core.commit();
        assertFalse(core.isBroken());

        counter().failForces = true;
        RuntimeException failed;
        try {
            core.apply(batch(put(2, "never acknowledged")));
            failed = Faults.requireAny(assertThrows(RuntimeException.class, core::commit));
        } finally {
            counter().failForces = false;
        }
        assertEquals(Fault.IO_ERROR, Faults.faultOf(failed));
        assertTrue(failed.getMessage().startsWith("commit of instance 'test' to "), failed.getMessage());
        assertTrue(core.isBroken());
        assertEquals(acknowledged, core.committedVersion(), "a failed commit is not a committed version");

        for (Executable call : List.<Executable>of(
                () -> core.apply(batch(put(3, "c"))),
                core::commit,
                () -> core.define(List.of(ITEMS), Map.of()),
                core::snapshot)) {
            RuntimeException e = Faults.requireAny(assertThrows(RuntimeException.class, call));
            assertEquals(Fault.IO_ERROR, Faults.faultOf(e));
            assertTrue(e.getMessage().contains("instance 'test' stopped after a failed write")
                    && e.getMessage().contains("close its handles and open it again"), e.getMessage());
            assertSame(failed.getCause(), e.getCause(), "the cause is the failure that broke the store");
        }
        core.close();
        assertTrue(core.isClosed());

        StoreCore reopened = open(StoreOptions.Durability.SYNC);
        try (Snapshot s = reopened.snapshot()) {
            assertNotNull(s.get("Item", 1), "every acknowledged commit survives");
            assertNull(s.get("Item", 3));
            assertFalse(reopened.isBroken());
        } finally {
            reopened.close();
        }
    }
}
