package dev.atoll.bench;

import java.nio.file.Path;

/**
 * The sizes of one run. {@link #full()} is the workload; {@link #quick()} is a smoke run of a few
 * seconds. Each can be overridden from the command line ({@code --posts=N}, {@code --rounds=N}, ...).
 *
 * @param posts          posts of the Isar workload (50,000)
 * @param notes          small objects inserted and read back (100,000)
 * @param singles        single-object durable transactions (1,000)
 * @param rounds         rounds of the comparison; engines take turns in a rotating order
 * @param fileSizePosts  posts for the file-size workload (1,000,000)
 * @param heavyPosts     encode-heavy posts for 2 writers against 1
 * @param watcherCommits commits for the commit-to-watcher latency
 * @param memoryPosts    posts the memory probe inserts in chunks of 10,000 with -Xmx256m (1,000,000)
 * @param jmh            whether to run the JMH micro benchmarks
 * @param jmhForks       forks of the cold (single-shot) micro benchmarks
 * @param out            where BENCHMARKS.md and the chart are written
 * @param work           a scratch folder for the databases
 */
public record Settings(int posts, int notes, int singles, int rounds, int fileSizePosts, int heavyPosts,
                       int watcherCommits, int memoryPosts, boolean jmh, int jmhForks, Path out, Path work) {

    /** The sizes. */
    public static Settings full() {
        return new Settings(50_000, 100_000, 1_000, 3, 1_000_000, 20_000, 1_000, 1_000_000, true, 3,
                Path.of("."), Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** Tiny sizes: a smoke run. */
    public static Settings quick() {
        return new Settings(2_000, 4_000, 50, 1, 20_000, 2_000, 50, 20_000, false, 2,
                Path.of("target"), Path.of(System.getProperty("java.io.tmpdir")));
    }

    /** These settings with the command-line overrides applied. */
    public Settings with(String[] args) {
        Settings s = this;
        for (String a : args) {
            String[] kv = a.replaceFirst("^--", "").split("=", 2);
            String v = kv.length > 1 ? kv[1] : "true";
            s = switch (kv[0]) {
                case "quick", "full" -> s;
                case "posts" -> new Settings(i(v), s.notes, s.singles, s.rounds, s.fileSizePosts, s.heavyPosts,
                        s.watcherCommits, s.memoryPosts, s.jmh, s.jmhForks, s.out, s.work);
                case "notes" -> new Settings(s.posts, i(v), s.singles, s.rounds, s.fileSizePosts, s.heavyPosts,
                        s.watcherCommits, s.memoryPosts, s.jmh, s.jmhForks, s.out, s.work);
                case "singles" -> new Settings(s.posts, s.notes, i(v), s.rounds, s.fileSizePosts, s.heavyPosts,
                        s.watcherCommits, s.memoryPosts, s.jmh, s.jmhForks, s.out, s.work);
                case "rounds" -> new Settings(s.posts, s.notes, s.singles, i(v), s.fileSizePosts, s.heavyPosts,
                        s.watcherCommits, s.memoryPosts, s.jmh, s.jmhForks, s.out, s.work);
                case "file-size-posts" -> new Settings(s.posts, s.notes, s.singles, s.rounds, i(v), s.heavyPosts,
                        s.watcherCommits, s.memoryPosts, s.jmh, s.jmhForks, s.out, s.work);
                case "heavy-posts" -> new Settings(s.posts, s.notes, s.singles, s.rounds, s.fileSizePosts, i(v),
                        s.watcherCommits, s.memoryPosts, s.jmh, s.jmhForks, s.out, s.work);
                case "watcher-commits" -> new Settings(s.posts, s.notes, s.singles, s.rounds, s.fileSizePosts,
                        s.heavyPosts, i(v), s.memoryPosts, s.jmh, s.jmhForks, s.out, s.work);
                case "memory-posts" -> new Settings(s.posts, s.notes, s.singles, s.rounds, s.fileSizePosts,
                        s.heavyPosts, s.watcherCommits, i(v), s.jmh, s.jmhForks, s.out, s.work);
                case "jmh" -> new Settings(s.posts, s.notes, s.singles, s.rounds, s.fileSizePosts, s.heavyPosts,
                        s.watcherCommits, s.memoryPosts, Boolean.parseBoolean(v), s.jmhForks, s.out, s.work);
                case "jmh-forks" -> new Settings(s.posts, s.notes, s.singles, s.rounds, s.fileSizePosts,
                        s.heavyPosts, s.watcherCommits, s.memoryPosts, s.jmh, i(v), s.out, s.work);
                case "out" -> new Settings(s.posts, s.notes, s.singles, s.rounds, s.fileSizePosts, s.heavyPosts,
                        s.watcherCommits, s.memoryPosts, s.jmh, s.jmhForks, Path.of(v), s.work);
                case "work" -> new Settings(s.posts, s.notes, s.singles, s.rounds, s.fileSizePosts, s.heavyPosts,
                        s.watcherCommits, s.memoryPosts, s.jmh, s.jmhForks, s.out, Path.of(v));
                default -> throw new IllegalArgumentException("unknown option " + a + "; see bench/run.sh");
            };
        }
        return s;
    }

    private static int i(String v) {
        return Integer.parseInt(v.replace("_", "").replace(",", ""));
    }

    /** The settings a command line asks for: {@code --quick} starts from {@link #quick()}. */
    public static Settings parse(String[] args) {
        boolean quick = java.util.Arrays.asList(args).contains("--quick");
        return (quick ? quick() : full()).with(args);
    }
}
