package dev.atoll.tests.stream;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.tests.Message;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A stream of 1,000,000 objects through {@code AtollFlows.insert} in a child JVM with {@code -Xmx256m}: the
 * flow holds a bounded number of objects whatever the stream's length. {@code -Datoll.test.streamCount=N}
 * sets another count.
 */
class MillionStreamTest {
    private static final int COUNT = Integer.getInteger("atoll.test.streamCount", 1_000_000);

    @TempDir
    Path dir;

    @Test
    void insert_millionObjectsUnderA256MbHeap_allWrittenInOrder_andReadBack() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        Path out = dir.resolve("child-stdout.txt");
        Path err = dir.resolve("child-stderr.txt");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC",
                "-cp", System.getProperty("java.class.path"), MillionStreamChild.class.getName(),
                dir.toString(), Integer.toString(COUNT), "5000");
        pb.redirectOutput(out.toFile());
        pb.redirectError(err.toFile());
        Process child = pb.start();
        boolean ended = child.waitFor(10, TimeUnit.MINUTES);
        if (!ended) {
            child.destroyForcibly();
        }
        String stdout = Files.readString(out, StandardCharsets.UTF_8);
        assertTrue(ended && child.exitValue() == 0, "the child failed (out of memory?): " + stdout + "\n"
                + tail(err));
        assertTrue(stdout.contains("IDS " + COUNT + " 1 " + COUNT + " true"), stdout);
        assertTrue(stdout.contains("COUNT " + COUNT), stdout);
        assertTrue(stdout.contains("HEAP ") && Long.parseLong(stdout.split("HEAP ")[1].trim()) <= 256L << 20, stdout);

        ActorTestKit kit = ActorTestKit.create("MillionStreamTest");
        try {
            Atoll db = Atoll.open(kit.system(), List.of(Message.class), dir, MillionStreamChild.NAME);
            try {
                AtollCollection<Message> messages = db.collection(Message.class);
                assertEquals(COUNT, messages.count());
                for (long id : new long[] {1, 2, COUNT / 2, COUNT - 1, COUNT}) {
                    assertEquals("m" + (id - 1), messages.get(id).content, "object " + id);
                }
            } finally {
                db.close();
            }
        } finally {
            kit.shutdownTestKit();
        }
    }

    private static String tail(Path file) throws IOException {
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return text.length() > 4_000 ? text.substring(text.length() - 4_000) : text;
    }
}
