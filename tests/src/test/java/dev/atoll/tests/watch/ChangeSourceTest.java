package dev.atoll.tests.watch;

import dev.atoll.Atoll;
import dev.atoll.feed.ChangeEvent;
import dev.atoll.Subscription;
import dev.atoll.tests.Counter;
import dev.atoll.tests.Message;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Atoll.changeSource: the change events as a Pekko Streams source. */
class ChangeSourceTest {
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("ChangeSourceTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void changeSource_commitsAndASilentOne_arriveInOrderWithConsecutiveVersions_andEndWithTheInstance()
            throws Exception {
        Atoll db = Atoll.open(kit.system(), List.of(Message.class, Counter.class), dir, "stream");
        Pair<Subscription, CompletionStage<List<ChangeEvent>>> running = Atoll.changeSource(kit.system(), "stream")
                .toMat(Sink.seq(), Keep.both()).run(kit.system());
        // a second subscriber shows when all three events are published
        org.apache.pekko.actor.testkit.typed.javadsl.TestProbe<ChangeEvent> probe = kit.createTestProbe();
        Atoll.changes(kit.system(), "stream", probe.getRef());
        db.writeTxnSync(() -> db.collection(Message.class).put(new Message("a")));
        db.writeTxnSync(() -> db.collection(Counter.class).put(new Counter(1, 1)), true);
        db.writeTxnSync(() -> db.collection(Counter.class).put(new Counter(2, 2)));
        for (int i = 0; i < 3; i++) {
            probe.receiveMessage();
        }
        db.close();
        List<ChangeEvent> events = running.second().toCompletableFuture().get(10, TimeUnit.SECONDS);
        assertEquals(3, events.size());
        assertTrue(events.get(0).touches("Message"));
        assertTrue(events.get(1).changes().isEmpty(), "the silent commit is a marker without changes");
        assertTrue(events.get(2).touches("Counter", 2));
        assertEquals(events.get(0).version() + 1, events.get(1).version());
        assertEquals(events.get(1).version() + 1, events.get(2).version());
        assertTrue(running.first().isCancelled());
    }

    @Test
    void changeSource_cancel_completesTheStream() throws Exception {
        Atoll db = Atoll.open(kit.system(), List.of(Message.class), dir, "cancel");
        try {
            Pair<Subscription, CompletionStage<List<ChangeEvent>>> running = Atoll.changeSource(kit.system(),
                    "cancel").toMat(Sink.seq(), Keep.both()).run(kit.system());
            running.first().cancel();
            assertEquals(List.of(), running.second().toCompletableFuture().get(10, TimeUnit.SECONDS));
        } finally {
            db.close();
        }
    }

    @Test
    void changeSource_instanceNotOpen_throwsNamingIt() {
        Exception e = assertThrows(dev.atoll.AtollException.class, () -> Atoll.changeSource(kit.system(), "nope"));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
    }
}
