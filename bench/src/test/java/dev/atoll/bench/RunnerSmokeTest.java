package dev.atoll.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the comparison with tiny sizes: every engine runs every workload, agrees on every checksum, and the
 * report and chart are written. Times are not checked (this is not a benchmark); the real run is
 * {@code bench/run.sh}.
 */
class RunnerSmokeTest {
    @TempDir
    Path tmp;

    @Test
    void compare_tinySizes_everyEngineAgreesAndTheReportIsWritten() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        Files.writeString(out.resolve("README.md"), "intro\n" + Report.START + "\nold\n" + Report.END + "\nrest\n");
        Settings settings = new Settings(300, 300, 5, 1, 300, 200, 5, 0, false, 1, out, work);
        Results results = new Results();
        Compare compare = new Compare(settings, results);

        compare.rounds();
        compare.atollOnly();
        compare.fileSizes();
        new Report(settings, results, "test").write();

        assertEquals(java.util.Map.of(), results.failures, "no engine failed");
        assertEquals(List.of("every engine returned the same checksum for every workload, in every round"),
                results.checks);
        for (String workload : Compare.WORKLOADS) {
            assertEquals(7, results.millis.get(workload).size(), workload + " ran on every engine");
        }
        assertEquals(6, results.fileSizes.size(),
                "every peer and the floor have a file size (Atoll's comes from the memory probe)");
        assertTrue(results.atoll.containsKey("2 writers / 1 (x)"));
        assertTrue(results.atoll.get("AtollFlows.insert, batches of 1,000 (objects/s)") > 0, "the flow's rate");
        assertTrue(results.atoll.containsKey("commit-to-watcher after the ack, p50 (us)"));
        String md = Files.readString(out.resolve("BENCHMARKS.md"));
        assertTrue(md.contains("| insert 300 posts | "), md);
        assertTrue(Files.size(out.resolve(Report.CHART)) > 1000, "the chart is a real PNG");
        String readme = Files.readString(out.resolve("README.md"));
        assertTrue(readme.startsWith("intro\n" + Report.START + "\nMedian milliseconds"), readme);
        assertTrue(readme.endsWith(Report.END + "\nrest\n") && !readme.contains("old"), readme);
        try (var left = Files.list(work)) {
            assertEquals(0, left.count(), "every database folder was deleted");
        }
    }
}
