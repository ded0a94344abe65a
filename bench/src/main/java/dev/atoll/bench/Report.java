package dev.atoll.bench;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * Writes BENCHMARKS.md (tables, machine, versions, date, targets) and the chart from one run's results,
 * and, where the README has the headline markers, the headline table between them.
 */
public final class Report {
    /** The chart's file name, next to BENCHMARKS.md. */
    public static final String CHART = "benchmarks.png";
    static final String START = "<!-- bench:headline:start -->";
    static final String END = "<!-- bench:headline:end -->";
    private static final String ATOLL = "Atoll";
    private static final String FLOOR = "Floor (Kryo + MVStore by hand)";
    private static final List<String> PEERS = List.of("ObjectBox 5.1.0", "SQLite (WAL)", "SQLite (journal)",
            "H2 (JDBC)", "Nitrite 4.3.2");

    private final Settings settings;
    private final Results r;
    private final String command;

    public Report(Settings settings, Results results, String command) {
        this.settings = settings;
        this.r = results;
        this.command = command;
    }

    /** Writes everything; returns the path of BENCHMARKS.md. */
    public Path write() throws IOException {
        Files.createDirectories(settings.out());
        List<String> engines = engines();
        Map<String, Map<String, Double>> ratios = new LinkedHashMap<>();
        for (String w : Compare.WORKLOADS) {
            Map<String, Double> byEngine = new LinkedHashMap<>();
            for (String e : engines) {
                if (!e.equals(ATOLL)) {
                    byEngine.put(e, r.median(w, e) / r.median(w, ATOLL));
                }
            }
            ratios.put(label(w), byEngine);
        }
        List<String> others = engines.stream().filter(e -> !e.equals(ATOLL)).toList();
        Chart.write(ratios, others, "Atoll against its peers: median time / Atoll's (" + date() + ")",
                settings.out().resolve(CHART));
        Path md = settings.out().resolve("BENCHMARKS.md");
        Files.writeString(md, markdown(engines), StandardCharsets.UTF_8);
        Path readme = settings.out().resolve("README.md");
        if (Files.exists(readme)) {
            String text = Files.readString(readme, StandardCharsets.UTF_8);
            int a = text.indexOf(START);
            int b = text.indexOf(END);
            if (a >= 0 && b > a) {
                text = text.substring(0, a + START.length()) + "\n" + headline(engines) + text.substring(b);
                Files.writeString(readme, text, StandardCharsets.UTF_8);
            }
        }
        return md;
    }

    private List<String> engines() {
        List<String> engines = new ArrayList<>();
        for (Map<String, List<Double>> byEngine : r.millis.values()) {
            for (String e : byEngine.keySet()) {
                if (!engines.contains(e)) {
                    engines.add(e);
                }
            }
        }
        engines.sort((x, y) -> Integer.compare(order(x), order(y)));
        return engines;
    }

    private static int order(String engine) {
        if (engine.equals(ATOLL)) {
            return -2;
        }
        if (engine.equals(FLOOR)) {
            return -1;
        }
        int i = PEERS.indexOf(engine);
        return i < 0 ? 100 : i;
    }

    private String label(String workload) {
        return switch (workload) {
            case Compare.INSERT -> String.format("insert %,d posts", settings.posts());
            case Compare.GET -> String.format("get %,d even ids", settings.posts() / 2);
            case Compare.DELETE -> String.format("delete %,d even ids", settings.posts() / 2);
            case Compare.UPDATE -> "update archived posts";
            case Compare.FILTER -> "filter words/title";
            case Compare.SORTED -> "filter archived + sort";
            case Compare.INSERT_NOTES -> String.format("insert %,d small", settings.notes());
            case Compare.READ_NOTES -> String.format("read %,d small", settings.notes());
            case Compare.SINGLES -> String.format("%,d single-object txns", settings.singles());
            default -> workload;
        };
    }

    /** The headline table: median milliseconds, and the ratio to Atoll. */
    String headline(List<String> engines) {
        StringBuilder sb = new StringBuilder();
        sb.append("Median milliseconds of ").append(settings.rounds()).append(" round(s), and each engine's time")
                .append(" divided by Atoll's (lower is faster; ").append(date()).append("; ").append(machineShort())
                .append(").\n\n");
        sb.append("| workload |");
        for (String e : engines) {
            sb.append(' ').append(e).append(" |");
        }
        sb.append("\n| --- |");
        sb.append(" ---: |".repeat(engines.size()));
        sb.append('\n');
        for (String w : Compare.WORKLOADS) {
            sb.append("| ").append(label(w)).append(" |");
            double atoll = r.median(w, ATOLL);
            for (String e : engines) {
                double m = r.median(w, e);
                if (Double.isNaN(m)) {
                    sb.append(" n/a |");
                } else if (e.equals(ATOLL)) {
                    sb.append(' ').append(ms(m)).append(" |");
                } else {
                    sb.append(' ').append(ms(m)).append(String.format(" (%.2fx)", m / atoll)).append(" |");
                }
            }
            sb.append('\n');
        }
        sb.append("\n![Atoll against its peers](").append(CHART).append(")\n\n");
        return sb.toString();
    }

    private String markdown(List<String> engines) {
        StringBuilder sb = new StringBuilder();
        sb.append("# Benchmarks\n\n");
        sb.append("Written by `").append(command).append("` on ").append(date()).append(". Every figure below")
                .append(" comes from that one run; rerun the command to refresh them.\n\n");
        sb.append("## Machine and versions\n\n");
        sb.append("- Machine: ").append(machine()).append('\n');
        sb.append("- JVM: ").append(System.getProperty("java.vm.name")).append(' ')
                .append(System.getProperty("java.runtime.version")).append(", heap of the runner ")
                .append(Runtime.getRuntime().maxMemory() / (1024 * 1024)).append(" MB\n");
        Properties v = versions();
        sb.append("- Versions: Atoll ").append(v.getProperty("atoll")).append(" (Pekko ")
                .append(v.getProperty("pekko")).append(", Kryo ").append(v.getProperty("kryo"))
                .append(", MVStore ").append(v.getProperty("mvstore"))
                .append("), ObjectBox ").append(v.getProperty("objectbox")).append(", sqlite-jdbc ")
                .append(v.getProperty("sqlite-jdbc")).append(", H2 ").append(v.getProperty("h2")).append(", Nitrite ")
                .append(v.getProperty("nitrite")).append(" (its MVStore adapter on MVStore ")
                .append(v.getProperty("mvstore")).append("), JMH ").append(v.getProperty("jmh")).append('\n');
        sb.append(String.format("- Sizes: %,d posts, %,d small objects, %,d single-object transactions, %d round(s);"
                + " file size after %,d posts; memory probe %,d posts\n\n", settings.posts(), settings.notes(),
                settings.singles(), settings.rounds(), settings.fileSizePosts(), settings.memoryPosts()));
        sb.append("## How it is measured\n\n");
        sb.append("""
                - One JVM runs every engine. A round runs each engine once, on a new folder, in an order that
                  rotates from round to round; the tables give the median over rounds, and the ratio of each
                  engine's median to Atoll's from the same run.
                - Data is generated once and is the same for every engine: posts as in Isar's benchmark
                  (`{id, title, words, wordCount, averageWordLength, archived}`, 2 to 5 title words and 10 to 30
                  words from a list of 1,000), small objects `{id, content, createdAt, priority}`. Ids are given.
                  Turning the data into an engine's own objects is not timed; mapping inside its API is.
                - Every workload returns a checksum (a count, a sum, or a hash of the sorted order); the run checks
                  that all engines agree, so no engine is timed doing less work.
                - Atoll runs through its full path: a worker actor with its own handle encodes the objects, the
                  store actor commits them, and the call returns after the fsync. The floor is the same Kryo
                  codecs and the same MVStore maps used by hand in the calling thread, with one commit and sync.
                - Peers: ObjectBox through its generated entities and `Box.put(Collection)`; SQLite and H2 through
                  JDBC, batched prepared statements in one transaction, reads by `id IN (...)` in chunks of 500,
                  the update as a SELECT and a batched UPDATE; Nitrite with documents mapped by hand and one commit
                  per step. No engine has an index the others lack (none has a secondary index).
                - Filters: Atoll through its query API (`query().filter(...).sortBy("title")`), ObjectBox through its
                  query builder, SQL as SQL, Nitrite through its filters. Posts have no index, so every engine reads
                  all of them. The floor iterates its map with a cursor and filters in Java.

                """);
        sb.append("## Durability of each engine\n\n| engine | what a commit waits for |\n| --- | --- |\n");
        r.durability.forEach((e, d) -> sb.append("| ").append(e).append(" | ").append(d).append(" |\n"));
        sb.append("\n## Side by side\n\n").append(headline(engines));
        sb.append("## Single-object durable transactions: latency\n\n");
        sb.append(String.format("%,d transactions of one small object each, one after another (median of the rounds'"
                + " percentiles).\n\n| engine | p50 (µs) | p99 (µs) | durability |\n| --- | ---: | ---: | --- |\n",
                settings.singles()));
        r.singleLatency.forEach((e, rounds) -> {
            List<Double> p50 = rounds.stream().map(x -> x[0]).toList();
            List<Double> p99 = rounds.stream().map(x -> x[1]).toList();
            sb.append(String.format("| %s | %.0f | %.0f | %s |%n", e, Stats.median(p50), Stats.median(p99),
                    r.durability.get(e)));
        });
        sb.append("\n## Atoll only: group commit, watchers, writers\n\n| figure | value |\n| --- | ---: |\n");
        r.atoll.forEach((k, val) -> sb.append(String.format("| %s | %s |%n", k, num(val))));
        sb.append("""

                - Group commit: the same number of single-object transactions by 1 writer actor, then shared by 4
                  writer actors (each with its own handle) at once.
                - Commit to watcher: a writer actor commits one small object at a time; another actor subscribed
                  with `Atoll.changes` timestamps the `ChangeEvent`. "After the ack" is measured from the moment the
                  writer's `writeTxnSync` returned (the store replies and publishes after the same fsync; a negative
                  value means the watcher was told first). "Write call start" includes the commit and its fsync.
                  The `watchLazy` callback rows time a callback watcher of the same commits, on a handle of
                  the benchmark's thread (the callback runs on Atoll's internal watcher actor).
                - Writers: encode-heavy posts (100 to 200 words each) in transactions of 1,000, by 1 writer actor,
                  then split between 2 (median of the rounds).
                - AtollWorker: 4 producer actors each send all their `PutAll` messages (100 small objects each)
                  to one worker, then count the replies; the worker writes the messages waiting in its mailbox
                  in one transaction.
                - AtollFlows: the same number of small objects streamed through `AtollFlows.insert` (batches of
                  1,000, 4 committing at once through the store's group commit).

                """);
        if (!r.feed.isEmpty()) {
            sb.append(feedSection());
        }
        sb.append("## Memory and file size\n\n");
        if (!r.memory.isEmpty()) {
            sb.append(String.format("Memory probe: a child JVM with `-Xmx256m`; one worker actor inserts %,d posts"
                    + " in transactions of 10,000 (%s).%n%n| figure | value |%n| --- | ---: |%n",
                    r.memory.getOrDefault("objects", 0L), ms(r.memory.getOrDefault("millis", 0L))));
            sb.append("| peak heap used, sampled after each chunk | ").append(mb(r.memory.get("heapPeakSampled")))
                    .append(" |\n");
            sb.append("| sum of the heap pools' peaks (an upper bound) | ").append(mb(r.memory.get("heapPoolPeaks")))
                    .append(" |\n");
            sb.append("| peak resident set size (VmHWM) | ").append(mb(r.memory.get("rssPeak"))).append(" |\n\n");
        }
        sb.append(String.format("File size after %,d posts inserted in transactions of 10,000 (files closed; an"
                + " engine still loading after %d s stops, and its row says how far it got; Atoll's row is the"
                + " memory probe's load):%n%n| engine | posts | size | per 1,000 posts | load time |%n"
                + "| --- | ---: | ---: | ---: | ---: |%n", settings.fileSizePosts(),
                Compare.FILE_SIZE_BUDGET_NANOS / 1_000_000_000L));
        r.fileSizes.forEach((e, size) -> {
            long n = r.fileSizeObjects.getOrDefault(e, 0L);
            sb.append(String.format("| %s | %,d | %s | %s | %s |%n", e, n, mb(size),
                    n == 0 ? "n/a" : String.format("%.1f KB", size / 1024.0 / n * 1000),
                    ms(r.fileSizeMillis.getOrDefault(e, 0L))));
        });
        sb.append('\n');
        if (!r.jmh.isEmpty()) {
            sb.append("## Micro benchmarks (JMH)\n\n");
            sb.append("Warm: average time after warm-up, one fork. Cold: the first call in a fresh JVM (single shot,"
                    + " no warm-up), mean over ").append(settings.jmhForks()).append(" forks. `StoreBench` holds")
                    .append(" 10,000 small objects with a unique index; `commitOne` includes the fsync. `QueryBench`")
                    .append(" holds 50,000 small objects with a value index on an int: `indexRange` reads a range of")
                    .append(" 100 through it, `filterWithSort` filters on an unindexed property and sorts (it decodes")
                    .append(" all 50,000).\n\n");
            sb.append("| benchmark | warm | cold |\n| --- | ---: | ---: |\n");
            Map<String, String[]> warm = new LinkedHashMap<>();
            Map<String, String[]> cold = new LinkedHashMap<>();
            for (String[] row : r.jmh) {
                (row[1].equals("warm") ? warm : cold).put(row[0], row);
            }
            warm.forEach((name, w) -> {
                String[] c = cold.get(name);
                sb.append("| ").append(name).append(" | ").append(cell(w)).append(" | ")
                        .append(c == null ? "n/a" : cell(c)).append(" |\n");
            });
            sb.append('\n');
        }
        sb.append("## Targets\n\nThe figures the issue asks Atoll to reach; they are never test assertions.\n\n");
        targets().forEach(t -> sb.append("- ").append(t).append('\n'));
        sb.append("\n## Checks\n\n");
        r.checks.forEach(c -> sb.append("- ").append(c).append('\n'));
        r.failures.forEach((e, why) -> sb.append("- FAILED: ").append(e).append(": ").append(why).append('\n'));
        Path notes = settings.out().resolve("bench").resolve("NOTES.md");
        if (Files.exists(notes)) {
            try {
                sb.append("\n").append(Files.readString(notes, StandardCharsets.UTF_8));
            } catch (IOException e) {
                sb.append("\n(bench/NOTES.md could not be read: ").append(e).append(")\n");
            }
        }
        return sb.toString();
    }

    private List<String> targets() {
        List<String> out = new ArrayList<>();
        for (String w : List.of(Compare.INSERT, Compare.GET, Compare.INSERT_NOTES, Compare.READ_NOTES,
                Compare.SORTED)) {
            double atoll = r.median(w, ATOLL);
            String best = null;
            double bestMs = Double.MAX_VALUE;
            for (String p : PEERS) {
                double m = r.median(w, p);
                if (!Double.isNaN(m) && m < bestMs) {
                    bestMs = m;
                    best = p;
                }
            }
            if (best != null && !Double.isNaN(atoll)) {
                out.add(verdict(atoll <= bestMs, label(w) + ": Atoll at least as fast as the fastest peer ("
                        + best + ")", String.format("Atoll %s, %s %s: Atoll takes %.2fx its time", ms(atoll), best,
                        ms(bestMs), atoll / bestMs)));
            }
            double floor = r.median(w, FLOOR);
            if (!w.equals(Compare.SORTED) && !Double.isNaN(floor) && !Double.isNaN(atoll)) {
                out.add(verdict(atoll <= 1.25 * floor, label(w) + ": within 1.25x of the floor",
                        String.format("%.2fx the floor (%s against %s)", atoll / floor, ms(atoll), ms(floor))));
            }
        }
        Double p50 = r.atoll.get("commit-to-watcher after the ack, p50 (us)");
        Double p99 = r.atoll.get("commit-to-watcher after the ack, p99 (us)");
        if (p50 != null) {
            out.add(verdict(p50 < 100, "commit-to-watcher p50 under 100 µs", String.format("%.0f µs", p50)));
            out.add(verdict(p99 < 1000, "commit-to-watcher p99 under 1 ms", String.format("%.0f µs", p99)));
        }
        List<Double> feedP50 = r.feed.get(FeedBench.latencyFigure(FeedBench.Route.CHANGES, 100, "p50"));
        List<Double> feedP99 = r.feed.get(FeedBench.latencyFigure(FeedBench.Route.CHANGES, 100, "p99"));
        if (feedP50 != null && feedP99 != null) {
            out.add(verdict(Stats.median(feedP50) < 100, "change feed, 100 subscribers, from the durable commit:"
                    + " p50 under 100 µs", interval(feedP50, "µs")));
            out.add(verdict(Stats.median(feedP99) < 1000, "change feed, 100 subscribers, from the durable commit:"
                    + " p99 under 1 ms", interval(feedP99, "µs")));
        }
        List<Double> logRatio = r.feed.get(FeedBench.LOG_RATIO);
        if (logRatio != null) {
            out.add(verdict(Stats.median(logRatio) < 1.05, "the change log costs under 5% of single-commit"
                    + " latency", interval(logRatio, "x")));
        }
        List<Double> logRatioWrite = r.feed.get(FeedBench.LOG_RATIO_WRITE);
        if (logRatioWrite != null) {
            out.add(verdict(Stats.median(logRatioWrite) < 1.05, "the change log costs under 5% of a commit without"
                    + " its fsync (an upper bound of its share of a sync commit)", interval(logRatioWrite, "x")));
        }
        Double two = r.atoll.get("2 writers / 1 (x)");
        if (two != null) {
            out.add(verdict(two >= 1.6, "2 writer actors at least 1.6x the throughput of 1",
                    String.format("%.2fx", two)));
        }
        Long atollSize = r.fileSizes.get(ATOLL);
        Long sqlite = r.fileSizes.entrySet().stream().filter(e -> e.getKey().startsWith("SQLite"))
                .map(Map.Entry::getValue).min(Long::compare).orElse(null);
        boolean sameCounts = r.fileSizeObjects.entrySet().stream().filter(e -> e.getKey().equals(ATOLL)
                || e.getKey().startsWith("SQLite")).map(Map.Entry::getValue).distinct().count() == 1;
        if (atollSize != null && sqlite != null && sameCounts) {
            out.add(verdict(atollSize <= sqlite, String.format("file size for %,d posts no larger than SQLite's",
                    settings.fileSizePosts()), String.format("Atoll %s, SQLite %s (%.2fx)", mb(atollSize), mb(sqlite),
                    (double) atollSize / sqlite)));
        }
        return out;
    }

    /** A median with its 95% bootstrap interval, such as "412 µs (95% interval 380 to 450 µs, 5 repetitions)". */
    private static String interval(List<Double> values, String unit) {
        double[] ci = Stats.medianInterval(values);
        return String.format("%s %s (95%% interval %s to %s, %d repetitions)", num(Stats.median(values)), unit,
                num(ci[0]), num(ci[1]), values.size());
    }

    private String feedSection() {
        StringBuilder sb = new StringBuilder("## The change feed\n\n");
        sb.append("Issue 12's figures, from `FeedBench` (load average when the report was written: ")
                .append(loadAverage()).append("). Each figure was measured in repetitions; the table gives the")
                .append(" median across them and a 95% bootstrap interval of that median.\n\n")
                .append("| figure | median | 95% interval | repetitions |\n| --- | ---: | ---: | ---: |\n");
        r.feed.forEach((figure, values) -> {
            double[] ci = Stats.medianInterval(values);
            sb.append(String.format("| %s | %s | %s to %s | %d |%n", figure, num(Stats.median(values)), num(ci[0]),
                    num(ci[1]), values.size()));
        });
        sb.append("""

                - Latency: from the store's durable commit (its next-commit signal, completed on the store's thread
                  once the commit is forced and readable, right after it handed the event to pub-sub) to the
                  subscriber, one small commit at a time (`sync` durability); the next commit waits until every
                  subscriber got the last. p50 and p99 are over every delivery of a repetition. `changes` actors:
                  pub-sub, then a watcher actor per subscriber, which tells the subscriber's actor. `watchLazy`
                  callbacks: pub-sub, then the watcher actor runs the callback (one actor hop fewer).
                  `changeSource` streams: no pub-sub; the commit signal wakes each stream, which reads the newest
                  events from memory.
                - Replay: a `changeSource` from the first version, after a reopen (every event decoded from the
                  file), as fast as `Sink.seq` pulls.
                - The log's cost: the median latency of single-object `writeTxnSync` commits on a fresh file with the
                  change log on, and with it off (an internal switch of the store, `-Datoll.internal.change-log=off`,
                  that exists only for this figure), in pairs whose order alternates; the ratio is per pair.

                """);
        return sb.toString();
    }

    /** The machine's load averages (1, 5 and 15 minutes), or "unknown" where /proc/loadavg is missing. */
    private static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).trim().split(" ");
            return f[0] + ", " + f[1] + ", " + f[2];
        } catch (IOException | RuntimeException e) {
            return "unknown";
        }
    }

    private static String verdict(boolean met, String target, String figure) {
        return (met ? "**met**: " : "**missed**: ") + target + " — " + figure + ".";
    }

    private static String cell(String[] row) {
        return row[2] + (row[3].isEmpty() ? "" : " ± " + row[3]) + " " + row[4];
    }

    private static String ms(double ms) {
        if (ms >= 100) {
            return String.format("%,.0f ms", ms);
        }
        return String.format("%.1f ms", ms);
    }

    private static String num(double v) {
        return Math.abs(v) >= 100 ? String.format("%,.0f", v) : String.format("%.2f", v);
    }

    private static String mb(Long bytes) {
        return bytes == null ? "n/a" : String.format("%.1f MB", bytes / (1024.0 * 1024));
    }

    private static String date() {
        return ZonedDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm z"));
    }

    private static Properties versions() {
        Properties p = new Properties();
        try (InputStream in = Report.class.getResourceAsStream("/bench-versions.properties")) {
            if (in != null) {
                p.load(in);
            }
        } catch (IOException e) {
            // the versions line then says null
        }
        return p;
    }

    private static String machineShort() {
        return Runtime.getRuntime().availableProcessors() + " cores, " + cpu();
    }

    private static String machine() {
        long memKb = 0;
        try {
            for (String line : Files.readAllLines(Path.of("/proc/meminfo"))) {
                if (line.startsWith("MemTotal:")) {
                    memKb = Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        return cpu() + ", " + Runtime.getRuntime().availableProcessors() + " cores, "
                + (memKb / 1024 / 1024) + " GB RAM, " + System.getProperty("os.name") + " "
                + System.getProperty("os.version") + " " + System.getProperty("os.arch");
    }

    private static String cpu() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        } catch (IOException e) {
            // not Linux
        }
        return System.getProperty("os.arch");
    }
}
