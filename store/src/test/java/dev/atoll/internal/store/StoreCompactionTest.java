package dev.atoll.internal.store;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import org.h2.mvstore.Cursor;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Space reclamation ({@link StoreCore#compact()}), driven as the store actor drives it: one step after
 * each commit. "Live data" is measured as the size of a fresh file holding the same objects, written in
 * one commit. Sizes: {@code -Datoll.churn.objects=N -Datoll.churn.updates=N} for a longer run (the
 * random seed is printed and taken from {@code -Datoll.churn.seed}).
 */
class StoreCompactionTest {
    private static final int OBJECTS = Integer.getInteger("atoll.churn.objects", 10_000);
    private static final int UPDATES = Integer.getInteger("atoll.churn.updates", 1_500);
    private static final long SEED = Long.getLong("atoll.churn.seed", 20261130L);
    /** How many change sets the churned store's log keeps (its default is 10,000; -Datoll.churn.log=10000). */
    private static final int LOG = Integer.getInteger("atoll.churn.log", 300);
    private static final CollectionDef ITEMS =
            new CollectionDef("Item", List.of(new CollectionDef.IndexDef("v", false, false)));
    private static final CollectionDef OTHER = new CollectionDef("Other", List.of());

    @TempDir
    Path dir;

    private static StoreCore open(Path dir, StoreOptions options) {
        StoreCore core = StoreCore.open(dir, "c", options);
        core.define(List.of(ITEMS, OTHER), Map.of());
        core.commit();
        return core;
    }

    /**
     * An object whose record has the same length and the same mix of digits whatever its value: the live
     * data of a churned store stays what it was (a value of 7 random digits, keyed by it modulo 97), so
     * that "twice the live data" compares with what the file really holds. Values that grew longer or
     * less compressible under churn would make the fresh copy taken before the churn an unfair yardstick.
     */
    private static WriteBatch.Put put(String collection, long id, int value) {
        byte[][][] keys = collection.equals("Item")
                ? new byte[][][] {{String.format("k%02d\0", value % 97).getBytes(StandardCharsets.UTF_8)}}
                : new byte[0][][];
        return new WriteBatch.Put(collection, id, Records.encode(keys,
                String.format("%s object %06d holds value %07d", collection, id, value).getBytes(StandardCharsets.UTF_8)),
                keys);
    }

    /** A value of 7 random digits. */
    private static int value(Random random) {
        return random.nextInt(10_000_000);
    }

    private static void write(StoreCore core, List<WriteBatch.Op> ops) {
        core.apply(new WriteBatch(0, ops, WriteBatch.ReadSet.NONE, false));
        core.commit();
    }

    /** Inserts ids 1..n into a collection in one commit; returns the records by id. */
    private static Map<Long, byte[]> fill(StoreCore core, String collection, int n) {
        List<WriteBatch.Op> ops = new ArrayList<>();
        Map<Long, byte[]> model = new HashMap<>();
        Random random = new Random(SEED + n);
        for (int id = 1; id <= n; id++) {
            WriteBatch.Put p = put(collection, id, value(random));
            ops.add(p);
            model.put((long) id, p.record());
        }
        write(core, ops);
        return model;
    }

    /** One single-object update commit, then a compaction step, as the store actor runs them. */
    private static void update(StoreCore core, Map<Long, byte[]> model, Random random) {
        long id = 1 + random.nextInt(model.size());
        WriteBatch.Put p = put("Item", id, value(random));
        write(core, List.of(p));
        model.put(id, p.record());
        core.compact();
    }

    /**
     * The size of a fresh file with the store's live data, written in one commit: the objects of its latest
     * snapshot and the change sets its log keeps (data the store keeps on purpose, by its retention).
     */
    private static long liveSize(StoreCore core, Path freshDir) throws Exception {
        StoreCore fresh = open(freshDir, StoreOptions.DEFAULT.withCompactionFillRate(0));
        List<WriteBatch.Op> ops = new ArrayList<>();
        try (Snapshot s = core.snapshot()) {
            for (String collection : List.of("Item", "Other")) {
                Cursor<Long, byte[]> c = s.records(collection, 0);
                while (c.hasNext()) {
                    long id = c.next();
                    ops.add(new WriteBatch.Put(collection, id, c.getValue(), Records.keys(c.getValue())));
                }
            }
        }
        fresh.apply(new WriteBatch(0, ops, WriteBatch.ReadSet.NONE, false));
        fresh.logForTest().clear(); // the fresh file's own entries are not the churned file's
        fresh.logForTest().putAll(core.logForTest());
        fresh.commit();
        fresh.close();
        return Files.size(fresh.file());
    }

    private static void assertHolds(Snapshot s, String collection, Map<Long, byte[]> model, String context) {
        assertEquals(model.size(), s.count(collection), context + ": count");
        for (Map.Entry<Long, byte[]> e : model.entrySet()) {
            assertArrayEquals(e.getValue(), s.get(collection, e.getKey()), context + ": object " + e.getKey());
        }
    }

    @Tag("slow") // seconds of churn: mutation testing leaves it out (tests/pom.xml)
    @ParameterizedTest
    @EnumSource(StoreOptions.Durability.class)
    void churn_singleObjectUpdates_fileStaysUnderTwiceItsLiveDataBetweenStepsAndClosed(StoreOptions.Durability durability)
            throws Exception {
        System.out.println("StoreCompactionTest seed " + SEED);
        Random random = new Random(SEED);
        Path churnDir = dir.resolve("churn");
        StoreCore core = open(churnDir, new StoreOptions(durability, 16).withFileNamePrefix(CountingFilePath.prefix()));
        // The change log is live data: the fresh copy holds it too. It is filled to its retention first, so
        // that the live data stays what it is while the churn goes on.
        core.setLogRetention(new ChangeLog.Retention(LOG, java.time.Duration.ofDays(1)));
        // Sees every write and truncation: the peak inside a compaction step is measured, not sampled.
        CountingFilePath.Counter counter = CountingFilePath.counter(churnDir.resolve("c.atoll"));
        Map<Long, byte[]> model = fill(core, "Item", OBJECTS);
        // While the log fills, the live data grows: the file is held to twice what it was at the last of
        // these measures (every 250 updates), which is less than what it is now.
        long before = liveSize(core, dir.resolve("freshBefore"));
        for (int u = 1; u <= LOG; u++) {
            update(core, model, random);
            assertTrue(Files.size(core.file()) <= 2 * before, durability + ": after " + u + " updates, while the log"
                    + " fills, the file is " + Files.size(core.file()) + " bytes; live data " + before + " before");
            if (u % 250 == 0) {
                before = liveSize(core, dir.resolve("freshBefore" + u));
            }
        }
        long live = liveSize(core, dir.resolve("fresh"));
        int updates = durability == StoreOptions.Durability.SYNC ? UPDATES / 3 : UPDATES;
        long largest = 0;
        long largestAfterStep = 0;
        for (int u = 1; u <= updates; u++) {
            long id = 1 + random.nextInt(model.size());
            WriteBatch.Put p = put("Item", id, value(random));
            write(core, List.of(p));
            model.put(id, p.record());
            long size = Files.size(core.file());
            largest = Math.max(largest, size);
            assertTrue(size <= 2 * live, durability + ": after " + u + " updates the file is " + size
                    + " bytes; a fresh copy of its data takes " + live);
            core.compact();
            long stepped = Files.size(core.file());
            largestAfterStep = Math.max(largestAfterStep, stepped);
            assertTrue(stepped <= 2 * live, durability + ": after the compaction step that followed update " + u
                    + " the file is " + stepped + " bytes; live " + live);
            // During a step the rewritten pages sit beside the chunks they empty until a force lets those
            // be freed: a bounded peak (README, "How space is reclaimed"), not a size the file keeps.
            assertTrue(counter.maxSize.get() <= 3 * live, durability + ": by the compaction step after update " + u
                    + " the file had reached " + counter.maxSize.get() + " bytes; live " + live);
        }
        assertTrue(core.compactions() > 0, "no compaction step ran");
        try (Snapshot s = core.snapshot()) {
            assertHolds(s, "Item", model, durability + " before close");
        }
        // The yardstick held: the churned data takes what it took before (within a few blocks).
        long liveAfter = liveSize(core, dir.resolve("freshAfter"));
        assertTrue(Math.abs(liveAfter - live) <= live / 20, "the live data drifted from " + live + " to " + liveAfter);
        core.close();
        long closed = Files.size(core.file());
        long peak = counter.maxSize.get();
        System.out.println("StoreCompactionTest " + durability + ": " + updates + " updates of " + OBJECTS
                + " objects; live " + live + " bytes (" + liveAfter + " after), largest after a commit " + largest + ", after a step " + largestAfterStep + ", peak ever (every write"
                + " and truncation, steps and close included) " + peak + String.format(" (%.2fx)", (double) peak / live)
                + ", after close " + closed);
        assertTrue(peak <= 3 * live, durability + ": the file reached " + peak + " bytes; live " + live);
        assertTrue(closed <= 2 * live, durability + ": after close the file is " + closed + " bytes; live " + live);

        StoreCore again = open(churnDir, new StoreOptions(durability, 16));
        try (Snapshot s = again.snapshot()) {
            assertHolds(s, "Item", model, durability + " after reopening");
        } finally {
            again.close();
        }
    }

    @Tag("slow") // seconds of churn: mutation testing leaves it out (tests/pom.xml)
    @Test
    void churn_withCompactionOff_growsPastTwiceItsLiveData() throws Exception {
        // The measure above means something: without compaction (and without a force, which lets
        // chunks be reused) the same churn outgrows the bound.
        Random random = new Random(SEED);
        StoreCore core = open(dir.resolve("off"),
                new StoreOptions(StoreOptions.Durability.WRITE, 16).withCompactionFillRate(0));
        Map<Long, byte[]> model = fill(core, "Item", OBJECTS);
        long live = liveSize(core, dir.resolve("fresh"));
        for (int u = 1; u <= UPDATES / 3; u++) {
            update(core, model, random);
        }
        assertFalse(core.needsCompaction());
        assertEquals(0, core.compactions());
        long size = Files.size(core.file());
        core.close();
        assertTrue(size > 2 * live, "without compaction the file took only " + size + " bytes; live " + live);
    }

    @Tag("slow") // seconds of churn: mutation testing leaves it out (tests/pom.xml)
    @Test
    void longLivedSnapshot_heldAcrossChurnAndCompaction_readsItsOwnVersion() throws Exception {
        Random random = new Random(SEED);
        StoreCore core = open(dir, new StoreOptions(StoreOptions.Durability.WRITE, 16)
                .withCompactionFillRate(100));
        Map<Long, byte[]> model = fill(core, "Item", OBJECTS);
        Map<Long, byte[]> then = new HashMap<>(model);
        Snapshot old = core.snapshot();
        try {
            for (int u = 1; u <= UPDATES / 5; u++) {
                update(core, model, random);
            }
            assertTrue(core.compactions() > 0, "no compaction step ran");
            assertHolds(old, "Item", then, "the snapshot held across the churn");
            try (Snapshot now = core.snapshot()) {
                assertHolds(now, "Item", model, "the latest snapshot");
            }
        } finally {
            old.close();
        }
        // Released, its chunks are reclaimed: the file comes back under the bound.
        long live = liveSize(core, dir.resolve("fresh"));
        for (int u = 1; u <= 200; u++) {
            update(core, model, random);
        }
        long size = Files.size(core.file());
        core.close();
        assertTrue(size <= 2 * live, "after the snapshot was released the file stayed at " + size + "; live " + live);
    }

    @Tag("slow") // seconds of churn: mutation testing leaves it out (tests/pom.xml)
    @Test
    void compaction_whileAnotherCollectionIsUntouched_newSnapshotsReadItsRewrittenPages() throws Exception {
        // Regression: a snapshot reused the view of a map that no commit had written since the last one,
        // but compaction rewrites every map's pages and frees the chunks the old view points into.
        StoreCore first = open(dir, StoreOptions.DEFAULT);
        Map<Long, byte[]> other = fill(first, "Other", OBJECTS);
        Map<Long, byte[]> model = fill(first, "Item", OBJECTS);
        first.close();
        StoreCore core = open(dir, StoreOptions.DEFAULT.withCompactionFillRate(100)); // nothing of Other read yet
        Random random = new Random(SEED);
        for (int u = 1; u <= 300; u++) {
            update(core, model, random);
        }
        assertTrue(core.compactions() > 0, "no compaction step ran");
        try (Snapshot s = core.snapshot()) {
            assertHolds(s, "Other", other, "the untouched collection");
            assertHolds(s, "Item", model, "the churned collection");
        } finally {
            core.close();
        }
    }

    @Test
    void compact_whileABatchIsAppliedAndNotCommitted_waitsForTheCommit() {
        StoreCore core = open(dir, StoreOptions.DEFAULT.withCompactionFillRate(100));
        try {
            fill(core, "Item", 100);
            write(core, List.of(put("Item", 1, 1)));
            assertTrue(core.needsCompaction());
            core.apply(new WriteBatch(0, List.of(put("Item", 2, 2)), WriteBatch.ReadSet.NONE, false));
            assertFalse(core.needsCompaction(), "a step would commit the pending batch");
            assertFalse(core.compact());
            assertEquals(0, core.compactions());
            core.commit();
            assertTrue(core.needsCompaction());
            assertTrue(core.compact());
            assertEquals(1, core.compactions());
        } finally {
            core.close();
        }
    }

    @Test
    void compact_whenEveryChunkIsFull_doesNothing() {
        StoreCore core = open(dir, StoreOptions.DEFAULT.withCompactionFillRate(1));
        try {
            fill(core, "Item", 100);
            assertFalse(core.needsCompaction());
            assertFalse(core.compact());
            assertEquals(0, core.compactions());
        } finally {
            core.close();
        }
    }

    @Test
    void compact_afterClose_throwsInstanceClosed() {
        StoreCore core = open(dir, StoreOptions.DEFAULT.withCompactionFillRate(100));
        write(core, List.of(put("Item", 1, 1)));
        write(core, List.of(put("Item", 1, 2)));
        core.close();
        assertFalse(core.needsCompaction());
        Faults.require(Fault.INSTANCE_CLOSED, assertThrows(RuntimeException.class, core::compact));
    }

    @Test
    void options_compactionFillRateOutsideZeroTo100_isRefused() {
        assertEquals(StoreOptions.DEFAULT_COMPACTION_FILL_RATE, StoreOptions.DEFAULT.compactionFillRate());
        assertEquals(0, StoreOptions.DEFAULT.withCompactionFillRate(0).compactionFillRate());
        assertEquals(100, StoreOptions.DEFAULT.withCompactionFillRate(100).compactionFillRate());
        for (int bad : new int[] {-1, 101}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> StoreOptions.DEFAULT.withCompactionFillRate(bad));
            assertTrue(e.getMessage().contains("compactionFillRate") && e.getMessage().contains(String.valueOf(bad)),
                    e.getMessage());
        }
        StoreOptions a = StoreOptions.DEFAULT.withCompactionFillRate(10);
        assertEquals(a, StoreOptions.DEFAULT.withCompactionFillRate(10));
        assertEquals(a.hashCode(), StoreOptions.DEFAULT.withCompactionFillRate(10).hashCode());
        assertFalse(a.equals(StoreOptions.DEFAULT.withCompactionFillRate(11)));
        assertTrue(a.toString().contains("compactionFillRate=10"), a.toString());
        assertEquals(10, a.withEncryptionKey(new char[] {'k'}).withFilePermissions(null).withFileNamePrefix("")
                .compactionFillRate(), "the other withers keep the fill rate");
    }

    /** Objects of incompressible bytes, ids from 1, in commits of ten. */
    private static void fillRandom(StoreCore core, int objects, int bytesEach) {
        Random random = new Random(SEED);
        for (int first = 1; first <= objects; first += 10) {
            List<WriteBatch.Op> ops = new ArrayList<>();
            for (int id = first; id < first + 10 && id <= objects; id++) {
                byte[] body = new byte[bytesEach];
                random.nextBytes(body);
                ops.add(new WriteBatch.Put("Other", id, Records.encode(new byte[0][][], body), new byte[0][][]));
            }
            write(core, ops);
        }
    }

    @Test
    void stepBytes_isHalfTheLiveDataAndAtLeastTheMinimum() {
        StoreCore core = open(dir, StoreOptions.DEFAULT.withCompactionFillRate(0));
        try {
            assertEquals(StoreCore.MIN_STEP_BYTES, core.stepBytes(), "an empty file: the minimum");
            fillRandom(core, 60, 100_000); // 6 MB that no compression shrinks
            int step = core.stepBytes();
            assertTrue(step >= 2_400_000 && step <= 3_600_000, "half of about 6 MB live: " + step);
        } finally {
            core.close();
        }
    }

    @Test
    void close_ofAFileMostlyDead_compactsItBeforeClosing() throws Exception {
        StoreCore core = open(dir, StoreOptions.DEFAULT.withCompactionFillRate(50));
        fillRandom(core, 40, 100_000);
        List<WriteBatch.Op> deletes = new ArrayList<>();
        for (long id = 1; id <= 36; id++) {
            deletes.add(new WriteBatch.Delete("Other", id));
        }
        write(core, deletes); // 4 objects (0.4 MB) stay, the newest
        assertTrue(core.needsCompaction());
        long before = Files.size(core.file());
        core.close();
        long after = Files.size(core.file());
        assertTrue(after < 1_500_000 && after < before / 2, "closed at " + after + " bytes (was " + before + ")");
        StoreCore again = open(dir, StoreOptions.DEFAULT.withCompactionFillRate(50));
        try (Snapshot s = again.snapshot()) {
            assertEquals(4, s.count("Other"));
            assertEquals(40, s.maxId("Other"));
        } finally {
            again.close();
        }
    }
}
