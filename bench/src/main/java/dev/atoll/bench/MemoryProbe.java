package dev.atoll.bench;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.bench.engines.AtollEngine;
import dev.atoll.bench.engines.BenchWorker;
import dev.atoll.bench.engines.Engine;
import dev.atoll.bench.model.Data;
import dev.atoll.bench.model.Post;
import dev.atoll.bench.model.PostData;
import org.apache.pekko.actor.typed.ActorSystem;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Run in a child JVM (the runner starts it with {@code -Xmx256m}): one worker actor inserts posts in chunks,
 * one write transaction per chunk, and the probe prints the peak heap (the highest heap use seen after a
 * chunk, and the sum of the heap pools' peaks), the peak resident set size (VmHWM), the time and the file
 * size, as {@code key=value} lines.
 *
 * <p>Arguments: folder, object count, chunk size.
 */
public final class MemoryProbe {
    private MemoryProbe() {
    }

    /** Runs the probe. */
    public static void main(String[] args) throws IOException {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        int chunk = Integer.parseInt(args[2]);
        ActorSystem<Void> system = AtollEngine.newSystem("atoll-memory");
        long maxUsed = 0;
        long start = System.nanoTime();
        try {
            BenchWorker worker = BenchWorker.start(system, List.of(Post.class), dir, "memory");
            for (int from = 1; from <= count; from += chunk) {
                int n = Math.min(chunk, count - from + 1);
                long first = from;
                worker.call(db -> {
                    AtollCollection<Post> posts = db.collection(Post.class);
                    List<Post> objects = new ArrayList<>(n);
                    for (PostData d : Data.posts(first, n)) {
                        objects.add(new Post(d));
                    }
                    return db.writeTxnSync(() -> posts.putAll(objects).size());
                });
                maxUsed = Math.max(maxUsed, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
            }
            long millis = (System.nanoTime() - start) / 1_000_000;
            long stored = worker.call(db -> db.collection(Post.class).count());
            worker.call(Atoll::close);
            worker.stop();
            System.out.println("objects=" + stored);
            System.out.println("millis=" + millis);
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
        long poolPeaks = 0;
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP) {
                poolPeaks += pool.getPeakUsage().getUsed();
            }
        }
        System.out.println("heapMax=" + Runtime.getRuntime().maxMemory());
        System.out.println("heapPeakSampled=" + maxUsed);
        System.out.println("heapPoolPeaks=" + poolPeaks);
        System.out.println("rssPeak=" + vmHwm());
        System.out.println("fileSize=" + Engine.folderSize(dir));
    }

    /** The peak resident set size in bytes, from /proc/self/status; -1 where there is none. */
    static long vmHwm() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.exists(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmHWM:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", "")) * 1024;
            }
        }
        return -1;
    }
}
