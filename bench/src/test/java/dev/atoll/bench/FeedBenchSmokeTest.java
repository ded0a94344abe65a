package dev.atoll.bench;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Runs the change feed's benchmark with tiny sizes: every figure is measured in every repetition and the report
 * has its section and targets. Times are not checked (this is not a benchmark); the real run is
 * {@code bench/run.sh}.
 */
class FeedBenchSmokeTest {
    @TempDir
    Path tmp;

    @Test
    void feedBench_tinySizes_everyFigureInEveryRepetition_andTheReportSection() throws Exception {
        Path out = Files.createDirectories(tmp.resolve("out"));
        Path work = Files.createDirectories(tmp.resolve("work"));
        Settings settings = new Settings(300, 300, 5, 1, 300, 200, 5, 0, false, 1, out, work);
        Results results = new Results();

        FeedBench.run(settings, results);

        int reps = FeedBench.Sizes.of(settings).reps();
        assertEquals(3, reps);
        for (int n : FeedBench.SUBSCRIBERS) {
            for (String p : List.of("p50", "p99")) {
                assertEquals(reps, results.feed.get(FeedBench.latencyFigure(FeedBench.Route.CHANGES, n, p)).size());
            }
        }
        for (FeedBench.Route route : FeedBench.Route.values()) {
            assertEquals(reps, results.feed.get(FeedBench.latencyFigure(route, 100, "p99")).size(), route.label);
        }
        for (String figure : List.of(FeedBench.REPLAY, FeedBench.LOG_ON, FeedBench.LOG_OFF, FeedBench.LOG_RATIO,
                FeedBench.LOG_ON_WRITE, FeedBench.LOG_OFF_WRITE, FeedBench.LOG_RATIO_WRITE)) {
            assertEquals(reps, results.feed.get(figure).size(), figure);
        }
        assertTrue(results.feed.get(FeedBench.REPLAY).stream().allMatch(v -> v > 0));
        new Report(settings, results, "test").write();
        String md = Files.readString(out.resolve("BENCHMARKS.md"));
        assertTrue(md.contains("## The change feed\n"), md);
        assertTrue(md.contains("| changes actors, 1,000 subscribers: p99 (us) | "), md);
        assertTrue(md.contains("the change log costs under 5% of single-commit latency"), md);
        try (var left = Files.list(work)) {
            assertEquals(0, left.count(), "every database folder was deleted");
        }
        assertEquals(null, System.getProperty(dev.atoll.internal.store.StoreCore.LOG_SWITCH), "the log's switch is reset");
    }

    @Test
    void medianInterval_oneValue_isThatValue_andAnIntervalHoldsTheMedianWithinTheRange() {
        assertArrayEquals(new double[] {7, 7}, Stats.medianInterval(List.of(7.0)));
        double[] none = Stats.medianInterval(List.of());
        assertTrue(Double.isNaN(none[0]) && Double.isNaN(none[1]));
        List<Double> values = List.of(1.0, 2.0, 3.0, 4.0, 100.0);
        double[] ci = Stats.medianInterval(values);
        assertTrue(ci[0] >= 1 && ci[0] <= 3 && ci[1] >= 3 && ci[1] <= 100, ci[0] + " to " + ci[1]);
        assertArrayEquals(ci, Stats.medianInterval(values), "seeded: the same interval every time");
    }
}
