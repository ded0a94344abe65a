package dev.atoll.tests.crash;

import dev.atoll.AtollException;
import dev.atoll.ErrorCode;
import dev.atoll.internal.store.StoreActor;
import dev.atoll.internal.store.StoreCore;
import dev.atoll.internal.store.StoreOptions;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * I/O errors and a full disk, from {@link CrashFilePath}: the Nth write, truncate or force fails once,
 * or from then on. The writer gets an error, never an acknowledgement; the instance refuses more
 * writes with a clear error, and reopens with every acknowledged commit.
 *
 * <p>CI: a stride over the failure points. Long run: {@code -Datoll.crash.stride=1 -Datoll.crash.txns=40}.
 */
class IoErrorTest {
    private static final int TXNS = Integer.getInteger("atoll.crash.txns", 10);
    private static final int STRIDE = Integer.getInteger("atoll.crash.stride", 0);
    private static final long SEED = Long.getLong("atoll.crash.seed", 7L);
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("IoErrorTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void ioError_onceOrForGood_atEveryOp_neverAcknowledgesAndReopensWithAllAcknowledged() {
        Workload work = new Workload(SEED, TXNS, 12);
        long total = PowerLossTest.run(work, dir.resolve("dry"), -1, StoreOptions.Durability.SYNC).ops();
        long stride = STRIDE > 0 ? STRIDE : Math.max(1, total / 30);
        int failures = 0;
        for (boolean forGood : new boolean[] {false, true}) {
            for (long failAt = 1; failAt <= total; failAt += stride) {
                String context = "seed " + SEED + ", op " + failAt + " of " + total + (forGood ? " fails for good"
                        : " fails once");
                Path roundDir = dir.resolve((forGood ? "g" : "o") + failAt);
                Path file = roundDir.resolve("p.atoll");
                CrashFilePath.Disk disk = CrashFilePath.disk(file);
                disk.failAt(failAt, forGood);
                StoreOptions options = StoreOptions.DEFAULT.withFileNamePrefix(CrashFilePath.prefix());
                int acknowledged = 0;
                AtollException failure = null;
                StoreCore core = null;
                try {
                    core = StoreCore.open(roundDir, "p", options);
                    Workload.define(core);
                    for (Workload.Txn t : work.txns) {
                        try {
                            core.apply(t.batch());
                            core.commit();
                            assertEquals(null, failure, context + ": a commit was acknowledged after a failure");
                            acknowledged = t.number();
                        } catch (AtollException e) {
                            failure = failure == null ? e : failure;
                            assertEquals(ErrorCode.IO_ERROR, e.code(), context + ": " + e);
                            assertTrue(core.isBroken(), context);
                        }
                    }
                } catch (AtollException e) {
                    failure = e;
                    assertEquals(ErrorCode.IO_ERROR, e.code(), context + ": a failed write is an I/O error: " + e);
                } finally {
                    if (core != null) {
                        try {
                            core.close();
                        } catch (AtollException e) {
                            assertEquals(ErrorCode.IO_ERROR, e.code(), context + ": " + e);
                            failure = failure == null ? e : failure;
                        }
                    }
                }
                if (failure != null) {
                    failures++;
                    assertTrue(failure.getMessage().contains(file.getFileName().toString())
                            || failure.getMessage().contains("'p'"), "the error names the instance or file: "
                            + failure.getMessage());
                }
                if (forGood && failure != null) {
                    try {
                        StoreCore.open(roundDir, "p", options).close();
                    } catch (AtollException e) {
                        assertEquals(ErrorCode.IO_ERROR, e.code(), context + ": reopen on a full disk: " + e);
                    }
                }
                disk.heal();
                StoreCore reopened = StoreCore.open(roundDir, "p", options);
                try {
                    work.verify(reopened, acknowledged, context);
                } finally {
                    reopened.close();
                }
                CrashFilePath.forget(file);
            }
        }
        assertTrue(failures > 0, "some failure point must hit a write");
    }

    /** Regression: a full disk was reported as a plain I/O error, with nothing saying the disk was full. */
    @Test
    void diskFull_atEveryOp_failsWithDiskFullNamingTheFileAndReopensWithAllAcknowledged() {
        Workload work = new Workload(SEED, TXNS, 12);
        long total = PowerLossTest.run(work, dir.resolve("dry"), -1, StoreOptions.Durability.SYNC).ops();
        long stride = STRIDE > 0 ? STRIDE : Math.max(1, total / 30);
        int failures = 0;
        for (long failAt = 1; failAt <= total; failAt += stride) {
            String context = "seed " + SEED + ", the disk fills at op " + failAt + " of " + total;
            Path roundDir = dir.resolve("full" + failAt);
            Path file = roundDir.resolve("p.atoll");
            CrashFilePath.Disk disk = CrashFilePath.disk(file);
            disk.fillAt(failAt);
            StoreOptions options = StoreOptions.DEFAULT.withFileNamePrefix(CrashFilePath.prefix());
            int acknowledged = 0;
            List<AtollException> errors = new ArrayList<>();
            StoreCore core = null;
            try {
                core = StoreCore.open(roundDir, "p", options);
                Workload.define(core);
                for (Workload.Txn t : work.txns) {
                    try {
                        core.apply(t.batch());
                        core.commit();
                        assertTrue(errors.isEmpty(), context + ": a commit was acknowledged on a full disk");
                        acknowledged = t.number();
                    } catch (AtollException e) {
                        errors.add(e);
                    }
                }
            } catch (AtollException e) {
                errors.add(e);
            } finally {
                if (core != null) {
                    try {
                        core.close();
                    } catch (AtollException e) {
                        errors.add(e);
                    }
                }
            }
            for (AtollException e : errors) {
                assertEquals(ErrorCode.DISK_FULL, e.code(), context + ": " + e);
                assertTrue(e.getMessage().startsWith("the disk is full: "), context + ": " + e.getMessage());
                assertTrue(e.getMessage().contains(file.getFileName().toString()), "names the file: "
                        + e.getMessage());
            }
            failures += errors.isEmpty() ? 0 : 1;
            disk.heal();
            StoreCore reopened = StoreCore.open(roundDir, "p", options);
            try {
                work.verify(reopened, acknowledged, context);
            } finally {
                reopened.close();
            }
            CrashFilePath.forget(file);
        }
        assertTrue(failures > 0, "some failure point must hit a write");
    }

    @Test
    void storeActor_forceFailsForGood_repliesErrorsNeverAcknowledgementAndReopens() {
        Path roundDir = dir.resolve("actor");
        Path file = roundDir.resolve("p.atoll");
        CrashFilePath.Disk disk = CrashFilePath.disk(file);
        StoreOptions options = StoreOptions.DEFAULT.withFileNamePrefix(CrashFilePath.prefix());
        Workload work = new Workload(SEED, 3, 5);
        StoreCore core = StoreCore.open(roundDir, "p", options);
        Workload.define(core);
        ActorRef<StoreActor.Command> store = kit.spawn(StoreActor.create(core));
        TestProbe<StatusReply<Long>> writer = kit.createTestProbe();
        store.tell(new StoreActor.Commit(work.txns.get(0).batch(), writer.getRef()));
        assertTrue(writer.receiveMessage().isSuccess(), "the first commit is acknowledged");

        disk.failAt(disk.ops() + 1, true);
        for (int t = 1; t < 3; t++) {
            store.tell(new StoreActor.Commit(work.txns.get(t).batch(), writer.getRef()));
            StatusReply<Long> reply = writer.receiveMessage();
            assertTrue(reply.isError(), "a commit on a full disk must not be acknowledged");
            AtollException e = assertInstanceOf(AtollException.class, reply.getError());
            assertEquals(ErrorCode.IO_ERROR, e.code());
            assertTrue(e.getMessage().contains("'p'"), e.getMessage());
        }
        AtollException read = assertThrows(AtollException.class, core::snapshot);
        assertTrue(read.getMessage().contains("open it again"), read.getMessage());

        TestProbe<Done> closed = kit.createTestProbe();
        store.tell(new StoreActor.Close(closed.getRef()));
        closed.expectMessage(Done.getInstance());
        assertTrue(core.isClosed());
        disk.heal();
        StoreCore reopened = StoreCore.open(roundDir, "p", options);
        try {
            assertEquals(1, work.verify(reopened, 1, "after a full disk"));
            assertFalse(reopened.isBroken());
        } finally {
            reopened.close();
        }
        CrashFilePath.forget(file);
    }
}
