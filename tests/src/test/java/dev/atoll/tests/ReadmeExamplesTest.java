package dev.atoll.tests;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.feed.ChangeEvent;
import dev.atoll.Subscription;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorSystem;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The code of the README, kept compiling and passing. Keep the two in step. */
class ReadmeExamplesTest {
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("ReadmeExamplesTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void readme_quickTour_runs() throws Exception {
        ActorSystem<?> system = kit.system();
        TestProbe<ChangeEvent> probe = kit.createTestProbe();

        // --- README: open, write, read ---
        Atoll db = Atoll.open(system, List.of(Message.class), dir, "myInstance");
        AtollCollection<Message> messages = db.collection(Message.class);

        long id = db.writeTxnSync(() -> messages.put(new Message("hello", "u-1")));
        List<Long> ids = db.writeTxnSync(() -> messages.putAll(List.of(new Message("a"), new Message("b"))));
        Message m = messages.get(id);                          // null when absent
        Message byUuid = messages.getByIndex("uuid", "u-1");  // unique index lookup
        long n = db.txnSync(() -> messages.count());           // one consistent snapshot

        // --- README: asynchronous commit, watchers, compute ---
        CompletionStage<Long> later = db.writeTxn(() -> messages.put(new Message("async")));
        Subscription s = messages.watchLazy(() -> System.out.println("messages changed"));
        Subscription all = Atoll.changes(system, "myInstance", probe.getRef()); // ActorRef<ChangeEvent>
        CompletionStage<Integer> inserted = Atoll.compute(system, count -> {
            Atoll mine = Atoll.open(system, List.of(Message.class), dir, "myInstance"); // a new handle
            try {
                AtollCollection<Message> theirs = mine.collection(Message.class);
                for (int i = 0; i < count; i++) {
                    int k = i;
                    mine.writeTxnSync(() -> theirs.put(new Message("message " + k)));
                }
                return count;
            } finally {
                mine.close();
            }
        }, 3);
        // --- end of README ---

        assertEquals("hello", m.content);
        assertEquals(id, byUuid.id);
        assertEquals(3, n);
        assertEquals(2, ids.size());
        assertNotNull(later.toCompletableFuture().get(10, TimeUnit.SECONDS));
        assertEquals(3, inserted.toCompletableFuture().get(30, TimeUnit.SECONDS));
        assertEquals(7, messages.count());
        assertEquals("myInstance", probe.receiveMessage().instance());
        s.cancel();
        all.cancel();
        db.close();
    }
}
