package dev.atoll.internal.store;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.*;

/** TEMPORARY diagnosis of the peak inside a compaction step, per phase. */
@Tag("slow")
class CompactionDiagTest {
    private static final int OBJECTS = Integer.getInteger("atoll.churn.objects", 10_000);
    private static final int UPDATES = Integer.getInteger("atoll.churn.updates", 1_500);
    private static final long SEED = Long.getLong("atoll.churn.seed", 20261130L);
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

    private static WriteBatch.Put put(String collection, long id, int value) {
        byte[][][] keys = collection.equals("Item")
                ? new byte[][][] {{String.format("k%02d\0", value % 97).getBytes(StandardCharsets.UTF_8)}}
                : new byte[0][][];
        return new WriteBatch.Put(collection, id, Records.encode(keys,
                String.format("%s object %06d holds value %07d", collection, id, value).getBytes(StandardCharsets.UTF_8)),
                keys);
    }

    private static void write(StoreCore core, List<WriteBatch.Op> ops) {
        core.apply(new WriteBatch(0, ops, WriteBatch.ReadSet.NONE, false));
        core.commit();
    }

    /** [sum len*4096*liveMax/max, sum liveMax, sum max, sum len blocks]. */
    static long[] est(StoreCore core) {
        long[] r = new long[4];
        for (Map.Entry<String, String> e : core.mvStoreForTest().getLayoutMap().entrySet()) {
            if (!e.getKey().startsWith("chunk.")) continue;
            Map<String, String> m = new HashMap<>();
            for (String kv : e.getValue().split(",")) {
                int i = kv.indexOf(':');
                if (i > 0) m.put(kv.substring(0, i), kv.substring(i + 1));
            }
            long len = Long.parseLong(m.getOrDefault("len", "0"), 16);
            long max = Long.parseLong(m.getOrDefault("max", "0"), 16);
            long liveMax = Long.parseLong(m.getOrDefault("liveMax", m.getOrDefault("max", "0")), 16);
            r[0] += max == 0 ? 0 : len * 4096 * liveMax / max;
            r[1] += liveMax; r[2] += max; r[3] += len;
        }
        return r;
    }

    static String layout(StoreCore core) {
        TreeMap<Long, String> byBlock = new TreeMap<>();
        for (Map.Entry<String, String> e : core.mvStoreForTest().getLayoutMap().entrySet()) {
            if (!e.getKey().startsWith("chunk.")) continue;
            Map<String, String> m = new HashMap<>();
            for (String kv : e.getValue().split(",")) {
                int i = kv.indexOf(':');
                if (i > 0) m.put(kv.substring(0, i), kv.substring(i + 1));
            }
            long block = Long.parseLong(m.getOrDefault("block", "0"), 16);
            long len = Long.parseLong(m.getOrDefault("len", "0"), 16);
            long max = Long.parseLong(m.getOrDefault("max", "0"), 16);
            long liveMax = Long.parseLong(m.getOrDefault("liveMax", m.getOrDefault("max", "0")), 16);
            byBlock.put(block, m.get("chunk") + "@" + block + "+" + len + "(" + liveMax + "/" + max + ")");
        }
        return byBlock.values() + " size=" + core.mvStoreForTest().getFileStore().size() / 4096 + "blk";
    }

    @ParameterizedTest
    @EnumSource(StoreOptions.Durability.class)
    void diag(StoreOptions.Durability durability) throws Exception {
        String only = System.getProperty("diag.only");
        if (only != null && !only.equals(durability.name())) return;
        Random random = new Random(SEED);
        Path churnDir = dir.resolve("churn");
        StoreCore core = open(churnDir, new StoreOptions(durability, 16).withFileNamePrefix(CountingFilePath.prefix()));
        core.setLogRetention(new ChangeLog.Retention(LOG, java.time.Duration.ofDays(1)));
        CountingFilePath.Counter counter = CountingFilePath.counter(churnDir.resolve("c.atoll"));
        List<WriteBatch.Op> ops = new ArrayList<>();
        for (int id = 1; id <= OBJECTS; id++) ops.add(put("Item", id, random.nextInt(10_000_000)));
        write(core, ops);
        System.out.println("DIAG after fill: " + layout(core));
        for (int u = 1; u <= LOG; u++) {
            write(core, List.of(put("Item", 1 + random.nextInt(OBJECTS), random.nextInt(10_000_000))));
            core.compact();
        }
        long live = liveSize(core, dir.resolve("fresh"));
        System.out.println("DIAG live " + live + " after log fill: " + layout(core));
        Map<String, Long> worst = new LinkedHashMap<>();
        Map<String, Integer> worstAt = new LinkedHashMap<>();
        List<String> trace = new ArrayList<>();
        String[] lastPhase = {"commit-user"};
        int[] current = {0};
        long[] stepPeak = {0};
        List<String> worstTrace = new ArrayList<>();
        List<double[]> ests = new ArrayList<>();
        StoreCore.phaseHook = phase -> {
            long w = counter.windowMax.getAndSet(0);
            try { counter.windowMax.accumulateAndGet(Files.size(core.file()), Math::max); } catch (Exception e) { }
            String key = lastPhase[0] + "->" + phase;
            if (phase.equals("force1")) {
                org.h2.mvstore.FileStore<?> fs = core.mvStoreForTest().getFileStore();
                long a = fs.size() / 100 * fs.getFillRate() / 100 * fs.getChunksFillRate();
                long[] b = est(core);
                ests.add(new double[] {(double) a / live, (double) b[0] / live, (double) b[1] / live, (double) fs.size() / live, (double) b[2] / (b[3] * 4096)});
            }
            if (!phase.equals("start")) {
                if (w > worst.getOrDefault(key, 0L)) { worst.put(key, w); worstAt.put(key, current[0]); }
                stepPeak[0] = Math.max(stepPeak[0], w);
            }
            trace.add(String.format("  %-16s peak %.2fx  %s", key, (double) w / live, layout(core)));
            lastPhase[0] = phase;
        };
        long worstStep = 0;
        int updates = durability == StoreOptions.Durability.SYNC ? UPDATES / 3 : UPDATES;
        for (int u = 1; u <= updates; u++) {
            current[0] = u;
            trace.clear();
            stepPeak[0] = 0;
            lastPhase[0] = "pre";
            counter.windowMax.set(Files.size(core.file()));
            write(core, List.of(put("Item", 1 + random.nextInt(OBJECTS), random.nextInt(10_000_000))));
            long commitPeak = counter.windowMax.get();
            trace.add(String.format("  user commit peak %.2fx %s", (double) commitPeak / live, layout(core)));
            if (commitPeak > worst.getOrDefault("user-commit", 0L)) { worst.put("user-commit", commitPeak); worstAt.put("user-commit", u); }
            lastPhase[0] = "begin";
            counter.windowMax.set(Files.size(core.file()));
            core.compact();
            if (Math.max(stepPeak[0], commitPeak) > worstStep) {
                worstStep = Math.max(stepPeak[0], commitPeak);
                worstTrace.clear();
                worstTrace.add("update " + u);
                worstTrace.addAll(trace);
            }
        }
        StoreCore.phaseHook = s -> { };
        System.out.println("DIAG " + durability + " live " + live + " overall peak " + counter.maxSize.get()
                + String.format(" (%.2fx)", (double) counter.maxSize.get() / live));
        for (Map.Entry<String, Long> e : worst.entrySet()) {
            System.out.println(String.format("DIAG %s phase %-20s worst peak %d (%.2fx) at update %d", durability, e.getKey(), e.getValue(),
                    (double) e.getValue() / live, worstAt.get(e.getKey())));
        }
        for (int k = 0; k < 5; k++) {
            final int kk = k;
            System.out.println(String.format("DIAG est %d min %.3f max %.3f", k, ests.stream().mapToDouble(x -> x[kk]).min().orElse(0), ests.stream().mapToDouble(x -> x[kk]).max().orElse(0)));
        }
        System.out.println("DIAG worst step trace:");
        worstTrace.forEach(System.out::println);
        core.close();
        System.out.println("DIAG after close " + Files.size(core.file()) + " peak " + counter.maxSize.get());
    }

    private static long liveSize(StoreCore core, Path freshDir) throws Exception {
        StoreCore fresh = open(freshDir, StoreOptions.DEFAULT.withCompactionFillRate(0));
        List<WriteBatch.Op> ops = new ArrayList<>();
        try (Snapshot s = core.snapshot()) {
            for (String collection : List.of("Item", "Other")) {
                org.h2.mvstore.Cursor<Long, byte[]> c = s.records(collection, 0);
                while (c.hasNext()) {
                    long id = c.next();
                    ops.add(new WriteBatch.Put(collection, id, c.getValue(), Records.keys(c.getValue())));
                }
            }
        }
        fresh.apply(new WriteBatch(0, ops, WriteBatch.ReadSet.NONE, false));
        fresh.logForTest().clear();
        fresh.logForTest().putAll(core.logForTest());
        fresh.commit();
        fresh.close();
        return Files.size(fresh.file());
    }
}
