package dev.atoll.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Everything one run measured, filled in by the runner and read by {@link Report}. */
public final class Results {
    /** Milliseconds per workload, per engine, one value per round. */
    public final Map<String, Map<String, List<Double>>> millis = new LinkedHashMap<>();
    /** Single-transaction latency per engine, in microseconds: p50 and p99 of each round. */
    public final Map<String, List<double[]>> singleLatency = new LinkedHashMap<>();
    /** What a commit waits for, per engine. */
    public final Map<String, String> durability = new LinkedHashMap<>();
    /** File size after the file-size workload, per engine, in bytes. */
    public final Map<String, Long> fileSizes = new LinkedHashMap<>();
    /** Posts in the file-size load, per engine (fewer than asked where the load ran out of time). */
    public final Map<String, Long> fileSizeObjects = new LinkedHashMap<>();
    /** Time of the file-size load, per engine, in milliseconds. */
    public final Map<String, Long> fileSizeMillis = new LinkedHashMap<>();
    /** Engines that failed a workload, with the reason. */
    public final Map<String, String> failures = new LinkedHashMap<>();
    /** Atoll-only figures, by name, with their unit in the name. */
    public final Map<String, Double> atoll = new LinkedHashMap<>();
    /** The memory probe's output. */
    public final Map<String, Long> memory = new LinkedHashMap<>();
    /** JMH rows: benchmark, mode, score, error, unit. */
    public final List<String[]> jmh = new ArrayList<>();
    /** The change feed's figures ({@link FeedBench}), by name with their unit in it: one value per repetition. */
    public final Map<String, List<Double>> feed = new LinkedHashMap<>();
    /** Notes on checks (checksum agreement). */
    public final List<String> checks = new ArrayList<>();

    /** Records one timing. */
    public void time(String workload, String engine, double ms) {
        millis.computeIfAbsent(workload, w -> new LinkedHashMap<>()).computeIfAbsent(engine, e -> new ArrayList<>())
                .add(ms);
    }

    /** Records one repetition of a change feed figure. */
    public void feed(String figure, double value) {
        feed.computeIfAbsent(figure, f -> new ArrayList<>()).add(value);
    }

    /** The median of a workload for an engine; NaN if it has none. */
    public double median(String workload, String engine) {
        Map<String, List<Double>> byEngine = millis.get(workload);
        return byEngine == null || !byEngine.containsKey(engine) ? Double.NaN : Stats.median(byEngine.get(engine));
    }
}
