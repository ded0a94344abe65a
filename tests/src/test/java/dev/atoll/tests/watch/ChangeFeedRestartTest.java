package dev.atoll.tests.watch;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.feed.ChangeEvent;
import dev.atoll.feed.ChangedIds;
import dev.atoll.Subscription;
import dev.atoll.tests.Counter;
import dev.atoll.tests.crash.ChildJvm;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Resume across a restart of the process (issue 12): child JVMs ({@link FeedRestartChild}) commit the steps of
 * {@link FeedScript}; the first exits after closing the instance, the second is killed with SIGKILL while it
 * commits, after acknowledged commits. This JVM then opens the file, and {@link Atoll#changeSource} and
 * {@link Atoll#changes} from a version of the first child replay exactly the versions after it, consecutive,
 * each with the change set its step left, through both children's commits (also those committed but not yet
 * acknowledged when the kill came), then go on live with a commit made here.
 */
class ChangeFeedRestartTest {
    private static final int FIRST_RUN_STEPS = 14;
    private static final int SECOND_RUN_ACKS = 15;
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("ChangeFeedRestartTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void changeSource_afterAChildProcessExitedAndOneWasKilled_replaysEveryVersionWithItsChangeSet_thenGoesLive()
            throws Exception {
        // run 1: commits, closes the instance and exits
        long base1;
        try (ChildJvm child = child(1, Integer.toString(FIRST_RUN_STEPS))) {
            base1 = base(child);
            for (int k = 1; k <= FIRST_RUN_STEPS; k++) {
                assertEquals("ACK " + k + " " + (base1 + k), child.nextLine(60), "run 1, step " + k
                        + " (see " + child.stderr() + ")");
            }
            assertEquals(0, child.waitForExit(60), "run 1 exit status (see " + child.stderr() + ")");
        }
        // run 2: killed while it commits, after SECOND_RUN_ACKS acknowledged commits
        long base2;
        long acked = -1;
        try (ChildJvm child = child(2, "forever")) {
            base2 = base(child);
            assertEquals(base1 + FIRST_RUN_STEPS, base2, "versions continue across a process restart");
            for (int k = 1; k <= SECOND_RUN_ACKS; k++) {
                String line = child.nextLine(60);
                assertEquals("ACK " + k + " " + (base2 + k), line, "run 2, step " + k + " (see " + child.stderr()
                        + ")");
                acked = base2 + k;
            }
            child.kill();
        }

        Atoll db = Atoll.open(kit.system(), FeedScript.CLASSES, dir, FeedScript.NAME);
        try {
            long newest = db.version();
            assertTrue(newest >= acked, "the newest version " + newest + " lost acknowledged version " + acked);
            System.out.println("ChangeFeedRestartTest: run 2 killed at version " + newest + ", " + (newest - acked)
                    + " of its commits after the last acknowledged one");
            FeedScript model = new FeedScript();
            List<ChangeEvent> expected = new ArrayList<>();
            for (int k = 1; k <= FIRST_RUN_STEPS; k++) {
                expected.add(new ChangeEvent(FeedScript.NAME, base1 + k, model.changes(1, k)));
            }
            for (int k = 1; base2 + k <= newest; k++) {
                expected.add(new ChangeEvent(FeedScript.NAME, base2 + k, model.changes(2, k)));
            }
            long from = base1 + 3;
            List<ChangeEvent> replay = expected.subList(3, expected.size());
            assertEquals(newest - from, replay.size());

            TestProbe<ChangeEvent> actor = kit.createTestProbe();
            Subscription actorFeed = Atoll.changes(kit.system(), FeedScript.NAME, from, actor.getRef());
            Pair<Subscription, SinkQueueWithCancel<ChangeEvent>> stream = Atoll.changeSource(kit.system(),
                    FeedScript.NAME, from).toMat(Sink.queue(), Keep.both()).run(kit.system());
            List<ChangeEvent> streamed = new ArrayList<>();
            for (int i = 0; i < replay.size(); i++) {
                streamed.add(pull(stream.second()));
            }
            assertEquals(replay, streamed, "the stream's replay, from version " + from);
            assertEquals(replay, actor.receiveSeveralMessages(replay.size(), Duration.ofSeconds(30)),
                    "the actor's replay, from version " + from);

            AtollCollection<Counter> counters = db.collection(Counter.class);
            db.writeTxnSync(() -> counters.put(new Counter(42, 42)));
            ChangeEvent live = new ChangeEvent(FeedScript.NAME, newest + 1,
                    Map.of("Counter", ChangedIds.of(false, new long[] {42}, new long[0], new long[0])));
            assertEquals(live, pull(stream.second()), "the stream goes on live");
            assertEquals(live, actor.receiveMessage(Duration.ofSeconds(30)), "the actor goes on live");
            stream.first().cancel();
            actorFeed.cancel();
        } finally {
            db.close();
        }
    }

    private ChildJvm child(int run, String steps) throws java.io.IOException {
        return ChildJvm.start(FeedRestartChild.class, List.of(), List.of(dir.toString(), Integer.toString(run), steps),
                dir.resolve("child-" + run + "-stderr.txt"));
    }

    private static long base(ChildJvm child) throws InterruptedException {
        String line = child.nextLine(90);
        assertNotNull(line, "the child did not start (see " + child.stderr() + ")");
        assertTrue(line.startsWith("BASE "), line);
        return Long.parseLong(line.substring(5));
    }

    private static ChangeEvent pull(SinkQueueWithCancel<ChangeEvent> queue) throws Exception {
        Optional<ChangeEvent> next = queue.pull().toCompletableFuture().get(30, TimeUnit.SECONDS);
        assertTrue(next.isPresent(), "the stream ended early");
        return next.get();
    }
}
