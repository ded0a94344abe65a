package dev.atoll.tests.json;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * A million small objects exported to a stream and imported back in a JVM of 256 MB
 * ({@link JsonMemoryChild}), without holding the collection: while the bytes flow, the live heap (after
 * a full collection) stays within {@link #HELD_LIMIT} of what it was before, less than half the JSON's
 * size, so an export or import that held the objects or the text would exceed it (and the decoded
 * objects take more than the text). The number of objects is {@code -Datoll.json.memory.objects}
 * (default 1,000,000).
 */
class JsonMemoryTest {
    private static final int OBJECTS = Integer.getInteger("atoll.json.memory.objects", 1_000_000);
    /** How much more than before the export the live heap may hold while it runs. */
    private static final long HELD_LIMIT = 24L << 20;

    @TempDir
    Path dir;

    @Test
    void exportImportJsonStreams_millionObjectsIn256m_heapDoesNotHoldThem() throws Exception {
        String java = ProcessHandle.current().info().command().orElse("java");
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-XX:+UseSerialGC", "-cp",
                System.getProperty("java.class.path"), JsonMemoryChild.class.getName(), dir.toString(),
                Integer.toString(OBJECTS));
        pb.redirectError(dir.resolve("child-stderr.txt").toFile());
        pb.redirectOutput(dir.resolve("child-stdout.txt").toFile());
        Process child = pb.start();
        // a guard against a hung child, not a timing assertion: the run takes well under a minute
        if (!child.waitFor(10, TimeUnit.MINUTES)) {
            child.destroyForcibly();
            fail("the child did not finish; its output: " + output());
        }
        assertEquals(0, child.exitValue(), "the child failed: " + output() + "\n"
                + Files.readString(dir.resolve("child-stderr.txt")));
        Map<String, Map<String, String>> lines = parse();
        System.out.println("JsonMemoryTest, " + OBJECTS + " objects: " + lines);
        long baseline = Long.parseLong(lines.get("BASELINE").get("live"));
        long max = Long.parseLong(lines.get("BASELINE").get("max"));
        assertTrue(max <= 256L << 20, "the child's heap is " + max);
        Map<String, String> export = lines.get("EXPORT");
        assertEquals(OBJECTS, Long.parseLong(export.get("objects")));
        long bytes = Long.parseLong(export.get("bytes"));
        assertTrue(bytes > 2 * HELD_LIMIT, "the JSON (" + bytes + " bytes) is too small for the test to tell");
        long exportHeld = Long.parseLong(export.get("maxLive")) - baseline;
        assertTrue(exportHeld < HELD_LIMIT, "the export held " + exportHeld + " bytes more than before it, of "
                + bytes + " bytes of JSON");
        Map<String, String> imported = lines.get("IMPORT");
        assertEquals(OBJECTS, Long.parseLong(imported.get("objects")));
        assertEquals(bytes, Long.parseLong(imported.get("bytes")));
        long importHeld = Long.parseLong(imported.get("maxLive")) - baseline;
        assertTrue(importHeld < HELD_LIMIT, "the import held " + importHeld + " bytes more than before the export,"
                + " of " + bytes + " bytes of JSON");
        assertEquals("count=" + OBJECTS + " ok", lines.get("CHECK").get("line"));
    }

    private String output() throws IOException {
        return Files.readString(dir.resolve("child-stdout.txt"), StandardCharsets.UTF_8);
    }

    /** Each line "WORD k=v k=v..." as WORD to its values, and the rest of the line under "line". */
    private Map<String, Map<String, String>> parse() throws IOException {
        Map<String, Map<String, String>> out = new HashMap<>();
        for (String line : output().split("\n")) {
            String[] words = line.trim().split(" ");
            Map<String, String> values = new HashMap<>();
            values.put("line", line.trim().substring(words[0].length()).trim());
            for (String w : List.of(words).subList(1, words.length)) {
                int eq = w.indexOf('=');
                if (eq > 0) {
                    values.put(w.substring(0, eq), w.substring(eq + 1));
                }
            }
            out.put(words[0], values);
        }
        return out;
    }
}
