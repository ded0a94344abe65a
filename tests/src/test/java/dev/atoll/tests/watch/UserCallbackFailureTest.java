package dev.atoll.tests.watch;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.AtollWorker;
import dev.atoll.feed.ChangeEvent;
import dev.atoll.tests.Message;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression: a user callback that threw an {@link Error} (an {@link AssertionError}, say) or a checked
 * exception thrown sneakily stopped the watcher or the worker for good, although the Javadoc promises
 * that they go on. Now the failure is logged (watcher) or replied (worker), and later commits and
 * requests are served.
 */
class UserCallbackFailureTest {
    private static final List<Class<?>> CLASSES = List.of(Message.class);
    private static ActorTestKit kit;
    private final ListAppender<ILoggingEvent> logged = new ListAppender<>();
    private final Logger atollLogger = (Logger) LoggerFactory.getLogger("dev.atoll");

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("UserCallbackFailureTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @BeforeEach
    void capture() {
        logged.start();
        atollLogger.addAppender(logged);
    }

    @AfterEach
    void release() {
        atollLogger.detachAppender(logged);
    }

    @SuppressWarnings("unchecked")
    private static <E extends Throwable> RuntimeException sneaky(Throwable t) throws E {
        throw (E) t;
    }

    private List<ILoggingEvent> errors() {
        synchronized (logged) {
            return logged.list.stream().filter(e -> e.getLevel() == Level.ERROR).toList();
        }
    }

    @Test
    void watchLazy_callbackThrowsAssertionError_loggedNamingTheCollection_andTheSecondCommitStillFires() {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "assertion");
        try {
            AtollCollection<Message> messages = db.collection(Message.class);
            TestProbe<Integer> calls = kit.createTestProbe();
            AtomicInteger count = new AtomicInteger();
            messages.watchLazy(() -> {
                int n = count.incrementAndGet();
                calls.getRef().tell(n);
                if (n == 1) {
                    throw new AssertionError("the first call fails");
                }
            });
            db.writeTxnSync(() -> messages.put(new Message("one")));
            calls.expectMessage(1);
            db.writeTxnSync(() -> messages.put(new Message("two")));
            calls.expectMessage(2);

            List<ILoggingEvent> errors = errors();
            assertEquals(1, errors.size(), errors.toString());
            ILoggingEvent e = errors.get(0);
            assertTrue(e.getFormattedMessage().contains("on collection 'Message' of instance 'assertion' threw"),
                    e.getFormattedMessage());
            assertEquals("the first call fails", e.getThrowableProxy().getMessage());
            assertEquals(AssertionError.class.getName(), e.getThrowableProxy().getClassName());
        } finally {
            db.close();
        }
    }

    @Test
    void watchObject_adapterThrowsACheckedException_loggedNamingTheObject_andTheNextChangeIsDelivered() {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "checked");
        try {
            AtollCollection<Message> messages = db.collection(Message.class);
            long id = db.writeTxnSync(() -> messages.put(new Message("first")));
            TestProbe<String> target = kit.createTestProbe();
            messages.watchObject(id, target.getRef(), m -> {
                if (m.content.equals("bad")) {
                    throw sneaky(new IOException("the adapter cannot read 'bad'"));
                }
                return m.content;
            });
            db.writeTxnSync(() -> messages.put(withId(id, "bad")));
            // watchObject delivers the latest state once: had "good" been committed before the watcher read
            // "bad", it would rightly skip "bad" (seen once under load). So "bad" is seen, and logged, first.
            target.awaitAssert(() -> {
                assertEquals(1, errors().size(), errors().toString());
                return null;
            });
            db.writeTxnSync(() -> messages.put(withId(id, "good")));
            target.expectMessage("good");

            List<ILoggingEvent> errors = errors();
            assertEquals(1, errors.size(), errors.toString());
            assertTrue(errors.get(0).getFormattedMessage().contains("on object " + id + " of collection 'Message'"),
                    errors.get(0).getFormattedMessage());
            assertEquals(IOException.class.getName(), errors.get(0).getThrowableProxy().getClassName());
        } finally {
            db.close();
        }
    }

    @Test
    void queryWatch_callbackThrowsOnFireImmediately_theNextChangeIsDelivered() {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "queryWatch");
        try {
            AtollCollection<Message> messages = db.collection(Message.class);
            TestProbe<Integer> sizes = kit.createTestProbe();
            messages.query().watch(dev.atoll.WatchOptions.fireImmediately(), found -> {
                if (found.isEmpty()) {
                    throw new AssertionError("nothing yet");
                }
                sizes.getRef().tell(found.size());
            });
            db.writeTxnSync(() -> messages.put(new Message("x")));
            sizes.expectMessage(1);
            assertTrue(errors().get(0).getFormattedMessage().contains("on a query of collection 'Message'"),
                    errors().get(0).getFormattedMessage());
        } finally {
            db.close();
        }
    }

    @Test
    void worker_queryThrowsAssertionError_repliedAsAnError_andTheWorkerServesTheNextRequest() {
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "worker");
        try {
            ActorRef<AtollWorker.Command> worker = kit.spawn(AtollWorker.create(CLASSES, dir, "worker"));
            TestProbe<StatusReply<Long>> failing = kit.createTestProbe();
            worker.tell(new AtollWorker.Query<>(Message.class, c -> {
                throw new AssertionError("the query function fails");
            }, failing.getRef()));
            StatusReply<Long> reply = failing.receiveMessage();
            assertTrue(reply.isError());
            assertEquals("the query function fails", reply.getError().getMessage());

            TestProbe<StatusReply<Long>> noMessage = kit.createTestProbe();
            worker.tell(new AtollWorker.Query<>(Message.class, c -> {
                throw sneaky(new IOException());
            }, noMessage.getRef()));
            // the reply carries the exception itself (a checked one thrown sneakily too), message or not
            assertEquals(IOException.class, noMessage.receiveMessage().getError().getClass());

            TestProbe<StatusReply<Long>> counted = kit.createTestProbe();
            worker.tell(new AtollWorker.Query<>(Message.class, AtollCollection::count, counted.getRef()));
            assertEquals(0L, counted.receiveMessage().getValue(), "the worker still runs");
        } finally {
            db.close();
        }
    }

    @Test
    void compute_functionThrowsAssertionError_theStageFailsWithIt() {
        AssertionError failure = new AssertionError("compute fails");
        CompletionException e = assertThrows(CompletionException.class, () -> Atoll.<Integer, Integer>compute(
                kit.system(), n -> {
                    throw failure;
                }, 1).toCompletableFuture().join());
        assertEquals(failure, e.getCause());
        assertEquals(Optional.of(2), Optional.of(Atoll.compute(kit.system(), n -> n + 1, 1)
                .toCompletableFuture().orTimeout(30, TimeUnit.SECONDS).join()));
    }

    /**
     * Regression: every commit that no watcher listened to was published to a topic without subscribers,
     * which dropped it as a dead letter: a log line per commit ("... was dropped. No topic subscribers
     * known").
     */
    @Test
    void commit_noWatcher_noDeadLetterAndNothingLogged() {
        TestProbe<org.apache.pekko.actor.Dropped> dropped = kit.createTestProbe();
        TestProbe<org.apache.pekko.actor.DeadLetter> dead = kit.createTestProbe();
        kit.system().eventStream().tell(new org.apache.pekko.actor.typed.eventstream.EventStream.Subscribe<>(
                org.apache.pekko.actor.Dropped.class, dropped.getRef()));
        kit.system().eventStream().tell(new org.apache.pekko.actor.typed.eventstream.EventStream.Subscribe<>(
                org.apache.pekko.actor.DeadLetter.class, dead.getRef()));
        Atoll db = Atoll.open(kit.system(), CLASSES, dir, "unheard");
        try {
            AtollCollection<Message> messages = db.collection(Message.class);
            for (int i = 0; i < 3; i++) {
                int k = i;
                db.writeTxnSync(() -> messages.put(new Message("unheard " + k)));
            }
            // a subscription that ends: the commits after it are unheard again
            TestProbe<ChangeEvent> all = kit.createTestProbe();
            dev.atoll.Subscription s = Atoll.changes(kit.system(), "unheard", all.getRef());
            db.writeTxnSync(() -> messages.put(new Message("heard")));
            assertTrue(all.receiveMessage().touches("Message"), "a commit that is listened to is published");
            s.cancel();
            s.cancel(); // a second cancel changes nothing
            db.writeTxnSync(() -> messages.put(new Message("unheard again")));

            dropped.expectNoMessage(java.time.Duration.ofMillis(300));
            dead.expectNoMessage(java.time.Duration.ofMillis(1));
            assertEquals(List.of(), logged.list.stream().filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
                    .map(ILoggingEvent::getFormattedMessage).toList());
        } finally {
            db.close();
        }
    }

    private static Message withId(long id, String content) {
        Message m = new Message(content);
        m.id = id;
        return m;
    }
}
