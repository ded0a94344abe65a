package dev.atoll.store;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

class ChurnProbeTest {
    @TempDir
    Path dir;

    @Test
    void probe() throws Exception {
        for (StoreOptions.Durability d : StoreOptions.Durability.values()) {
            int n = Integer.getInteger("probe.n", 10_000);
            int updates = Integer.getInteger("probe.updates", d == StoreOptions.Durability.SYNC ? 3_000 : 30_000);
            Path sub = dir.resolve(d.name());
            CollectionDef def = new CollectionDef("Item", List.of(new CollectionDef.IndexDef("v", false, false)));
            StoreCore core = StoreCore.open(sub, "t", new StoreOptions(d, 16).withCompactionFillRate(Integer.getInteger("probe.fill", 50)));
            core.define(List.of(def), Map.of("Item", new byte[] {1}));
            core.commit();
            java.util.ArrayList<WriteBatch.Op> ops = new java.util.ArrayList<>();
            for (int i = 1; i <= n; i++) {
                ops.add(put(i, 0));
            }
            core.apply(new WriteBatch(0, ops, WriteBatch.ReadSet.NONE, false));
            core.commit();
            Path f = core.file();
            System.out.println(d + " after insert of " + n + ": " + Files.size(f));
            java.util.Random r = new java.util.Random(1);
            long t0 = System.nanoTime();
            for (int u = 1; u <= updates; u++) {
                core.apply(new WriteBatch(0, List.of(put(1 + r.nextInt(n), u)), WriteBatch.ReadSet.NONE, false));
                core.commit();
                core.compact();
                if (u % (updates / 5) == 0) {
                    System.out.println(d + " after " + u + " updates: " + Files.size(f) + " compactions " + core.compactions() + " " + core.spaceStats());
                }
            }
            System.out.println(d + " ms " + (System.nanoTime() - t0) / 1_000_000);
            StoreCore fresh = StoreCore.open(sub.resolve("fresh"), "t", new StoreOptions(d, 16));
            fresh.define(List.of(def), Map.of("Item", new byte[] {1}));
            fresh.commit();
            java.util.ArrayList<WriteBatch.Op> all = new java.util.ArrayList<>();
            try (Snapshot s = core.snapshot()) {
                org.h2.mvstore.Cursor<Long, byte[]> c = s.records("Item", 0);
                while (c.hasNext()) {
                    long id = c.next();
                    all.add(new WriteBatch.Put("Item", id, c.getValue(), Records.keys(c.getValue())));
                }
            }
            fresh.apply(new WriteBatch(0, all, WriteBatch.ReadSet.NONE, false));
            fresh.commit();
            fresh.close();
            System.out.println(d + " fresh copy: " + Files.size(fresh.file()));
            core.close();
            System.out.println(d + " after close: " + Files.size(f));
        }
    }

    private static WriteBatch.Put put(long id, int v) {
        byte[][][] keys = {{("k" + (v % 100) + "\0").getBytes(StandardCharsets.UTF_8)}};
        return new WriteBatch.Put("Item", id, Records.encode(keys,
                ("object " + id + " value " + v).getBytes(StandardCharsets.UTF_8)), keys);
    }
}
