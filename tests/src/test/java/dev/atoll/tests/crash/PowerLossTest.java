package dev.atoll.tests.crash;

import dev.atoll.AtollException;
import dev.atoll.ErrorCode;
import dev.atoll.internal.store.StoreCore;
import dev.atoll.internal.store.StoreOptions;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Power loss, simulated by {@link CrashFilePath}: the crash point moves from the first write of a run
 * to the last, and at each the writes since the last force are kept, dropped, garbled, or a mix. Every
 * transaction whose commit returned (under the default durability, SYNC) must survive; none may be
 * partly there. Compaction runs after every commit ({@code compactionFillRate} 100, one step after each
 * commit as the store actor runs it), so crash points fall inside its rewrites, chunk moves and
 * truncations too.
 *
 * <p>CI: a stride over the crash points (about 40 of them). Long run: {@code -Datoll.crash.stride=1
 * -Datoll.crash.txns=40 -Datoll.crash.seed=N} (every point; the seed is printed on failure).
 */
class PowerLossTest {
    private static final int TXNS = Integer.getInteger("atoll.crash.txns", 10);
    private static final int STRIDE = Integer.getInteger("atoll.crash.stride", 0);
    private static final long SEED = Long.getLong("atoll.crash.seed", 20240611L);

    @TempDir
    Path dir;

    /**
     * Under SYNC, every acknowledged commit survives. Under WRITE (no fsync per commit) the last
     * acknowledged ones may be lost, but the file still opens, without a partial transaction, and a
     * crash during or after close may not make it look damaged.
     */
    @ParameterizedTest
    @EnumSource(StoreOptions.Durability.class)
    void powerLoss_atEveryCrashPoint_keepsEveryAcknowledgedCommitAndNoPartialOne(StoreOptions.Durability durability)
            throws Exception {
        System.out.println("PowerLossTest seed " + SEED + " (repeat with -Datoll.crash.seed=" + SEED + ")");
        Workload work = new Workload(SEED, TXNS, 12);
        boolean sync = durability == StoreOptions.Durability.SYNC;
        Outcome dry = run(work, dir.resolve("dry"), -1, durability);
        long total = dry.ops;
        assertTrue(total > TXNS, "the dry run must reach the disk: " + total + " ops");
        assertTrue(dry.compactions >= TXNS, "compaction must run after every commit: " + dry.compactions + " steps");
        long stride = STRIDE > 0 ? STRIDE : Math.max(1, total / 40);
        Random random = new Random(SEED);
        int points = 0;
        for (long crashAt = 1; crashAt <= total; crashAt += stride) {
            Path roundDir = dir.resolve("p" + crashAt);
            Outcome outcome = run(work, roundDir, crashAt, durability);
            for (CrashFilePath.Fate fate : CrashFilePath.Fate.values()) {
                String context = durability + ", seed " + SEED + ", crash at op " + crashAt + " of " + total + ", unforced writes "
                        + fate + ", acknowledged " + outcome.acknowledged;
                Path copyDir = roundDir.resolve(fate.name());
                Files.createDirectories(copyDir);
                outcome.disk.writeImage(copyDir.resolve("p.atoll"), fate, random);
                StoreCore core;
                try {
                    core = StoreCore.open(copyDir, "p", StoreOptions.DEFAULT);
                } catch (RuntimeException e) {
                    throw new AssertionError(context + ": the open failed: " + e, e);
                }
                try {
                    if (sync) {
                        assertTrue(core.committedVersion() >= outcome.lastVersion, context + ": version went back");
                    }
                    int present = work.verify(core, sync ? outcome.acknowledged : 0, context);
                    assertTrue(present >= (sync ? outcome.acknowledged : 0), context);
                } catch (RuntimeException e) {
                    throw new AssertionError(context + ": reading the reopened file failed: " + e, e);
                } finally {
                    core.close();
                }
            }
            CrashFilePath.forget(roundDir.resolve("p.atoll"));
            points++;
        }
        assertTrue(points >= Math.min(total, 10), "crash points tried: " + points);
    }

    /** What a run wrote before its power went out. */
    record Outcome(long ops, int acknowledged, long lastVersion, long compactions, CrashFilePath.Disk disk) {
    }

    /** Runs the workload through the crash file system; the power goes out at op {@code crashAt} (-1: never). */
    static Outcome run(Workload work, Path roundDir, long crashAt, StoreOptions.Durability durability) {
        Path file = roundDir.resolve("p.atoll");
        CrashFilePath.Disk disk = CrashFilePath.disk(file);
        if (crashAt > 0) {
            disk.powerOffAt(crashAt);
        }
        StoreOptions options = new StoreOptions(durability, StoreOptions.DEFAULT.cacheSizeMb())
                .withFileNamePrefix(CrashFilePath.prefix()).withCompactionFillRate(100);
        int acknowledged = 0;
        long lastVersion = 0;
        long compactions = 0;
        StoreCore core = null;
        try {
            core = StoreCore.open(roundDir, "p", options);
            Workload.define(core);
            lastVersion = core.committedVersion();
            for (Workload.Txn t : work.txns) {
                core.apply(t.batch());
                lastVersion = core.commit();
                acknowledged = t.number();
                core.compact();
                compactions = core.compactions();
            }
        } catch (AtollException e) {
            assertTrue(disk.poweredOff(), "only the power loss may fail the run: " + e);
            assertEquals(ErrorCode.IO_ERROR, e.code(), "a failed write is an I/O error, not " + e);
        } finally {
            if (core != null) {
                try {
                    core.close();
                } catch (AtollException e) {
                    assertTrue(disk.poweredOff(), "close failed without a power loss: " + e);
                }
            }
        }
        if (crashAt < 0) {
            assertEquals(work.txns.size(), acknowledged);
        }
        return new Outcome(disk.ops(), acknowledged, lastVersion, compactions, disk);
    }
}
