package dev.atoll.bench;

import java.nio.file.Path;

/**
 * The one entry point of {@code bench/run.sh}: the JMH micro benchmarks, the comparison rounds, the
 * Atoll-only workloads, the file-size load, the memory probe, the change feed ({@link FeedBench}), then
 * BENCHMARKS.md and the chart.
 *
 * <p>Options: {@code --quick} (tiny sizes), {@code --jmh=false}, {@code --out=DIR} (where BENCHMARKS.md,
 * the chart and the README to update are), and the sizes of {@link Settings}.
 */
public final class RunAll {
    private RunAll() {
    }

    /** Runs everything. */
    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        Results results = new Results();
        long t0 = System.nanoTime();
        if (settings.jmh()) {
            Micro.run(settings, results);
        }
        Compare compare = new Compare(settings, results);
        compare.rounds();
        compare.atollOnly();
        compare.fileSizes();
        compare.memory();
        FeedBench.run(settings, results);
        String command = "bench/run.sh" + (args.length == 0 ? "" : " " + String.join(" ", args));
        Path md = new Report(settings, results, command).write();
        Compare.log(String.format("wrote %s and %s in %.0f s", md, settings.out().resolve(Report.CHART),
                (System.nanoTime() - t0) / 1e9));
    }
}
