package dev.atoll.tests.crash;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A child JVM running a {@code main} class of the test classpath, for tests that need a real process to
 * end: a clean exit, or SIGKILL at a chosen moment. Its standard output is read line by line on a thread of
 * its own (so a test can wait for a line with a timeout); its standard error goes to a file the failure
 * messages name. Small heap, serial GC and the C1 compiler only: a child starts in about a second.
 */
public final class ChildJvm implements AutoCloseable {
    /** What the reader hands out once the child's output ended. */
    private static final String EOF = "\u0000EOF";

    private final Process process;
    private final Path stderr;
    private final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
    private final Thread reader;
    private boolean ended;

    private ChildJvm(Process process, Path stderr) {
        this.process = process;
        this.stderr = stderr;
        this.reader = new Thread(this::read, "child-jvm-reader-" + process.pid());
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * Starts {@code main} with {@code args}, system properties given as {@code -Dkey=value} in
     * {@code jvmOptions}.
     *
     * @param stderr the file the child's standard error goes to
     */
    public static ChildJvm start(Class<?> main, List<String> jvmOptions, List<String> args, Path stderr)
            throws java.io.IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        List<String> command = new ArrayList<>(List.of(java, "-Xmx192m", "-XX:+UseSerialGC",
                "-XX:TieredStopAtLevel=1"));
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), main.getName()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectError(stderr.toFile());
        return new ChildJvm(pb.start(), stderr);
    }

    private void read() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(),
                StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                lines.add(line);
            }
        } catch (java.io.IOException e) {
            // the pipe closes when the child dies
        } finally {
            lines.add(EOF);
        }
    }

    /**
     * The next line the child printed, waiting up to {@code seconds}; null when none came in time or the
     * child's output ended (see {@link #ended()}).
     */
    public String nextLine(long seconds) throws InterruptedException {
        if (ended) {
            return null;
        }
        String line = lines.poll(seconds, TimeUnit.SECONDS);
        if (EOF.equals(line)) {
            ended = true;
            return null;
        }
        return line;
    }

    /** Whether the child's output ended (it exited or was killed, and every line was read). */
    public boolean ended() {
        return ended;
    }

    /** The lines printed and not yet taken, without waiting (after {@link #kill()}: every line it printed). */
    public List<String> remainingLines() {
        List<String> rest = new ArrayList<>();
        for (String line; (line = lines.poll()) != null; ) {
            if (EOF.equals(line)) {
                ended = true;
            } else {
                rest.add(line);
            }
        }
        return rest;
    }

    /** Kills the child with SIGKILL and waits for it to die and for its output to be read. */
    public void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            throw new AssertionError("the child " + process.pid() + " did not die");
        }
        reader.join(TimeUnit.SECONDS.toMillis(30));
    }

    /** Waits for the child to exit on its own; returns its exit status. */
    public int waitForExit(long seconds) throws InterruptedException {
        if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
            throw new AssertionError("the child " + process.pid() + " did not exit within " + seconds + " s (see "
                    + stderr + ")");
        }
        reader.join(TimeUnit.SECONDS.toMillis(30));
        return process.exitValue();
    }

    /** Where the child's standard error goes. */
    public Path stderr() {
        return stderr;
    }

    /** Kills the child if it still runs. */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
