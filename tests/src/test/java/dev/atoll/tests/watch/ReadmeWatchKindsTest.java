package dev.atoll.tests.watch;

import com.typesafe.config.ConfigFactory;
import dev.atoll.Atoll;
import dev.atoll.Filter;
import dev.atoll.QueryChanges;
import dev.atoll.Subscription;
import dev.atoll.WatchAck;
import dev.atoll.WatchOptions;
import dev.atoll.tests.Message;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The README's fragment of newer watcher kinds, run: keep the two in step. */
class ReadmeWatchKindsTest extends ReadmeWatchContext {
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("ReadmeWatchKindsTest", ConfigFactory.parseString(
                "my-watchers { type = Dispatcher, executor = thread-pool-executor,"
                        + " thread-pool-executor.fixed-pool-size = 1 }").withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void readmeFragment_runs_andTheAcknowledgedWatcherDeliversTheLatest() {
        Atoll db = Atoll.open(kit.system(), List.of(Message.class), dir, "readmeKinds");
        try {
            messages = db.collection(Message.class);
            id = db.writeTxnSync(() -> messages.put(new Message("hello")));
            TestProbe<Latest> probe = kit.createTestProbe();
            self = probe.getRef();
            TestProbe<QueryChanges<Message>> diffProbe = kit.createTestProbe();
            diffs = diffProbe.getRef();

            // --- README: newer watcher kinds ---
            Subscription contentOnly = messages.watchObject(id, "content", m -> System.out.println("now " + m.content));
            Subscription hot = messages.query().filter(Filter.startsWith("content", "hot"))
                    .watchChanges(c -> System.out.println(c.inserted().size() + " new hot at " + c.inserted()));
            Subscription howMany = messages.query().watchCount(n -> System.out.println(n + " messages"));
            Subscription latest = messages.query().sortBy("content")
                    .watchWithAck(WatchOptions.defaults().tiedTo(self), self,
                            (found, ackTo) -> new Latest(found.size(), ackTo));
            // the actor, on each Latest: handle it, then latest.ackTo().tell(WatchAck.INSTANCE)
            Subscription hotDiffs = messages.query().filter(Filter.startsWith("content", "hot"))
                    .watchChanges(WatchOptions.defaults().tiedTo(self), diffs, changes -> changes); // every diff
            Subscription onItsOwn = messages.watchLazy(WatchOptions.defaults().withDispatcher("my-watchers"),
                    () -> System.out.println("messages changed"));
            // --- end of README ---

            db.writeTxnSync(() -> messages.put(new Message("hot news")));
            Latest first = probe.receiveMessage();
            QueryChanges<Message> hotNews = diffProbe.receiveMessage();
            assertEquals(List.of(0), hotNews.inserted());
            assertEquals("hot news", hotNews.results().get(0).content);
            assertEquals(2, first.size());
            db.writeTxnSync(() -> messages.put(new Message("hot stuff")));
            first.ackTo().tell(WatchAck.INSTANCE);
            assertEquals(3, probe.receiveMessage().size());
            for (Subscription s : List.of(contentOnly, hot, howMany, onItsOwn)) {
                assertFalse(s.isCancelled());
                s.cancel();
                assertTrue(s.isCancelled());
            }
            probe.stop();                        // latest and hotDiffs are tied to it
            probe.awaitAssert(() -> {
                assertTrue(latest.isCancelled());
                assertTrue(hotDiffs.isCancelled());
                return null;
            });
        } finally {
            db.close();
        }
    }
}
