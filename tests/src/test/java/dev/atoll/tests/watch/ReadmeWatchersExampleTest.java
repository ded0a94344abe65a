package dev.atoll.tests.watch;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.AtollWorker;
import dev.atoll.feed.ChangeEvent;
import dev.atoll.Filter;
import dev.atoll.Subscription;
import dev.atoll.WatchOptions;
import dev.atoll.tests.Message;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.pattern.StatusReply;
import org.apache.pekko.stream.javadsl.Source;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/** The code of the README's "Watchers and workers" section, kept compiling and passing. */
class ReadmeWatchersExampleTest {
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("ReadmeWatchersExampleTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void readme_watchersAndWorkers_runs() {
        TestProbe<StatusReply<List<Long>>> replies = kit.createTestProbe();
        TestProbe<String> told = kit.createTestProbe();
        ActorRef<StatusReply<List<Long>>> replyTo = replies.getRef();
        AtomicReference<Atoll> opened = new AtomicReference<>();
        AtomicLong watchedId = new AtomicLong();
        ActorRef<String> actor = kit.spawn(Behaviors.<String>setup(ctx -> {
            // --- README: watchers and workers ---
            Atoll db = Atoll.open(ctx.getSystem(), List.of(Message.class), dir, "myInstance");
            AtollCollection<Message> messages = db.collection(Message.class);
            long id = db.writeTxnSync(() -> messages.put(new Message("hello")));

            Subscription one = messages.watchObject(id, m -> System.out.println(m == null ? "deleted" : m.content));
            Subscription toMe = messages.watchObject(id, ctx.getSelf(), m -> "now " + (m == null ? null : m.content));
            Subscription hot = messages.query().filter(Filter.startsWith("content", "hot"))
                    .watch(WatchOptions.fireImmediately(), found -> System.out.println(found.size() + " hot"));
            db.writeTxnSync(() -> messages.put(new Message("quiet")), true);      // silent: no watcher fires
            Source<ChangeEvent, Subscription> commits = Atoll.changeSource(ctx.getSystem(), "myInstance");

            ActorRef<AtollWorker.Command> writer = ctx.spawn(
                    AtollWorker.create(List.of(Message.class), dir, "myInstance"), "writer",
                    DispatcherSelector.blocking());
            writer.tell(new AtollWorker.PutAll<>(Message.class, List.of(new Message("hot news")), replyTo));
            // --- end of README code ---
            assertNotNull(one);
            assertNotNull(hot);
            assertNotNull(commits);
            assertNotNull(toMe);
            opened.set(db);
            watchedId.set(id);
            return Behaviors.receiveMessage(text -> {
                told.getRef().tell(text);
                return Behaviors.same();
            });
        }));
        try {
            assertEquals(1, replies.receiveMessage().getValue().size());
            Atoll mine = Atoll.open(kit.system(), List.of(Message.class), dir, "myInstance");
            try {
                Message changed = new Message("hello again");
                changed.id = watchedId.get();
                mine.writeTxnSync(() -> mine.collection(Message.class).put(changed));
                told.expectMessage("now hello again");
                assertEquals(3, mine.collection(Message.class).count());
            } finally {
                mine.close();
            }
        } finally {
            kit.stop(actor);
            opened.get().close();
        }
    }
}
