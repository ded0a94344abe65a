package dev.atoll.bench;

import dev.atoll.bench.micro.CodecBench;
import dev.atoll.bench.micro.QueryBench;
import dev.atoll.bench.micro.StoreBench;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.annotations.Mode;

import java.util.Collection;
import java.util.concurrent.TimeUnit;

/**
 * The JMH micro benchmarks, run through JMH's API: warm (average time after warm-up, in one fork) and cold
 * (the first call in a fresh JVM: single-shot time, no warm-up, several forks), reported apart.
 */
public final class Micro {
    private Micro() {
    }

    /** Runs the warm and the cold set and adds their rows to the results. */
    public static void run(Settings settings, Results results) throws RunnerException {
        String include = "(" + CodecBench.class.getName() + "|" + StoreBench.class.getName() + "|"
                + QueryBench.class.getName() + ")\\..*";
        Compare.log("JMH warm: 1 fork, 2 x 1 s warm-up, 3 x 1 s measurement per benchmark");
        ChainedOptionsBuilder warm = new OptionsBuilder().include(include).mode(Mode.AverageTime)
                .timeUnit(TimeUnit.MICROSECONDS).forks(1).warmupIterations(2).warmupTime(TimeValue.seconds(1))
                .measurementIterations(3).measurementTime(TimeValue.seconds(1)).threads(1)
                .verbosity(VerboseMode.SILENT);
        add(results, "warm", new Runner(warm.build()).run());
        Compare.log("JMH cold: " + settings.jmhForks() + " fresh JVMs per benchmark, first call only");
        ChainedOptionsBuilder cold = new OptionsBuilder().include(include).mode(Mode.SingleShotTime)
                .timeUnit(TimeUnit.MICROSECONDS).forks(settings.jmhForks()).warmupIterations(0)
                .measurementIterations(1).measurementBatchSize(1).threads(1).verbosity(VerboseMode.SILENT);
        add(results, "cold", new Runner(cold.build()).run());
    }

    private static void add(Results results, String kind, Collection<RunResult> runs) {
        for (RunResult r : runs) {
            String bench = r.getParams().getBenchmark();
            String shortName = bench.substring(bench.lastIndexOf('.', bench.lastIndexOf('.') - 1) + 1);
            double score = r.getPrimaryResult().getScore();
            double error = r.getPrimaryResult().getScoreError();
            results.jmh.add(new String[] {shortName, kind, String.format("%.2f", score),
                    Double.isNaN(error) ? "" : String.format("%.2f", error), r.getPrimaryResult().getScoreUnit()});
            Compare.log(String.format("  %-28s %-4s %10.2f ± %.2f %s", shortName, kind, score, error,
                    r.getPrimaryResult().getScoreUnit()));
        }
    }
}
