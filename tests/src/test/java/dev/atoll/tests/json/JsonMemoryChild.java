package dev.atoll.tests.json;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.AtollOptions;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.io.BufferedInputStream;
import java.io.BufferedOutputStream;
import java.io.FilterInputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The child JVM of {@link JsonMemoryTest} (run with a small heap): puts N small objects, exports them
 * to a file through {@code exportJson(OutputStream)}, imports the file into another instance through
 * {@code importJson(InputStream)}, and checks the copy. While the bytes flow, every few megabytes, it
 * collects garbage and samples the heap in use: what the export or import holds shows up there.
 * Prints {@code BASELINE}, {@code EXPORT}, {@code IMPORT} and {@code CHECK} lines with the figures.
 * Arguments: directory, number of objects.
 */
public final class JsonMemoryChild {
    /** How many bytes flow between two heap samples. */
    static final long SAMPLE_EVERY = 4L << 20;
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private JsonMemoryChild() {
    }

    /** The heap in use after a full collection (the child runs the serial collector: System.gc() is one). */
    static long liveHeap() {
        System.gc();
        return MEMORY.getHeapMemoryUsage().getUsed();
    }

    /** Counts the bytes that pass and samples the live heap every {@link #SAMPLE_EVERY} of them. */
    static final class Probe {
        long bytes;
        long next = SAMPLE_EVERY;
        long maxLive;

        void passed(long n) {
            bytes += n;
            if (bytes >= next) {
                next += SAMPLE_EVERY;
                maxLive = Math.max(maxLive, liveHeap());
            }
        }
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int n = Integer.parseInt(args[1]);
        AtollOptions options = AtollOptions.builder().durability(AtollOptions.Durability.WRITE).build();
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "jsonmemory");
        try {
            Atoll source = Atoll.open(system, List.of(JsonSmall.class), dir.resolve("source"), "source", options);
            AtollCollection<JsonSmall> smalls = source.collection(JsonSmall.class);
            long t0 = System.nanoTime();
            for (int from = 0; from < n; from += 20_000) {
                int start = from;
                int end = Math.min(n, from + 20_000);
                source.writeTxnSync(() -> {
                    List<JsonSmall> batch = new ArrayList<>(end - start);
                    for (int i = start; i < end; i++) {
                        batch.add(JsonSmall.of(i));
                    }
                    smalls.putAll(batch);
                });
            }
            long putMs = (System.nanoTime() - t0) / 1_000_000;
            long baseline = liveHeap();
            System.out.println("BASELINE live=" + baseline + " max=" + Runtime.getRuntime().maxMemory() + " putMs=" + putMs);

            Path file = dir.resolve("export.json");
            long t1 = System.nanoTime();
            Probe exportProbe = new Probe();
            long exported;
            try (OutputStream file0 = Files.newOutputStream(file);
                 OutputStream probe = new FilterOutputStream(file0) {
                     @Override
                     public void write(byte[] b, int off, int len) throws IOException {
                         out.write(b, off, len);
                         exportProbe.passed(len);
                     }
                 };
                 OutputStream buffered = new BufferedOutputStream(probe, 64 * 1024)) {
                exported = smalls.query().exportJson(buffered);
            }
            System.out.println("EXPORT objects=" + exported + " bytes=" + exportProbe.bytes + " maxLive="
                    + exportProbe.maxLive + " ms=" + (System.nanoTime() - t1) / 1_000_000);
            source.close();

            Atoll target = Atoll.open(system, List.of(JsonSmall.class), dir.resolve("target"), "target", options);
            AtollCollection<JsonSmall> copies = target.collection(JsonSmall.class);
            Probe importProbe = new Probe();
            long t2 = System.nanoTime();
            long imported;
            try (InputStream file1 = Files.newInputStream(file);
                 InputStream probe = new FilterInputStream(new BufferedInputStream(file1, 64 * 1024)) {
                     @Override
                     public int read(byte[] b, int off, int len) throws IOException {
                         int r = super.read(b, off, len);
                         if (r > 0) {
                             importProbe.passed(r);
                         }
                         return r;
                     }
                 }) {
                imported = copies.importJson(probe);
            }
            System.out.println("IMPORT objects=" + imported + " bytes=" + importProbe.bytes + " maxLive="
                    + importProbe.maxLive + " ms=" + (System.nanoTime() - t2) / 1_000_000);

            long count = copies.count();
            StringBuilder wrong = new StringBuilder();
            for (int i : new int[] {0, 1, n / 2, n - 1}) {
                JsonSmall s = copies.get(i + 1L);
                JsonSmall expected = JsonSmall.of(i);
                if (s == null || s.i != expected.i || s.d != expected.d || !expected.text.equals(s.text)) {
                    wrong.append(" object ").append(i + 1).append(" reads ").append(s == null ? null : s.text);
                }
            }
            System.out.println("CHECK count=" + count + (wrong.length() == 0 ? " ok" : wrong));
            target.close();
        } finally {
            system.terminate();
        }
        System.out.flush();
        System.exit(0);
    }
}
