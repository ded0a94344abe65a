package dev.atoll.internal.store;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import dev.atoll.feed.ChangeEvent;
import dev.atoll.feed.ChangedIds;
import org.apache.pekko.Done;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.pattern.StatusReply;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The store actor's protocol: replies, events, closing, stopping and failures. */
class StoreActorProtocolTest {
    private static final CollectionDef ITEMS = new CollectionDef("Item",
            List.of(new CollectionDef.IndexDef("uuid", true, false)));
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("StoreActorProtocolTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private static WriteBatch.Put put(long id, String uuid) {
        byte[][][] keys = {{(uuid + "\u0000").getBytes(StandardCharsets.UTF_8)}};
        return new WriteBatch.Put("Item", id, Records.encode(keys, new byte[] {1}), keys);
    }

    private static WriteBatch batch(boolean silent, WriteBatch.Op... ops) {
        return new WriteBatch(0, List.of(ops), WriteBatch.ReadSet.NONE, silent);
    }

    private StoreCore openCore(StoreOptions options) {
        StoreCore core = StoreCore.open(dir, "actor", options);
        core.define(List.of(ITEMS), Map.of());
        core.commit();
        return core;
    }

    private static ActorRef<StoreActor.Command> spawn(StoreCore core) {
        return kit.spawn(StoreActor.create(core), DispatcherSelector.fromConfig(StoreActor.DISPATCHER));
    }

    private static TestProbe<ChangeEvent> subscribe(ActorRef<StoreActor.Command> store) {
        TestProbe<ActorRef<Topic.Command<ChangeEvent>>> topic = kit.createTestProbe();
        store.tell(new StoreActor.GetTopic(topic.getRef()));
        TestProbe<ChangeEvent> events = kit.createTestProbe();
        ActorRef<Topic.Command<ChangeEvent>> ref = topic.receiveMessage();
        ref.tell(Topic.subscribe(events.getRef()));
        // the topic counts its local subscribers: wait until the subscription is in
        TestProbe<Topic.TopicStats> stats = kit.createTestProbe();
        stats.awaitAssert(() -> {
            ref.tell(Topic.getTopicStats(stats.getRef()));
            assertEquals(1, stats.receiveMessage().localSubscriberCount());
            return null;
        });
        return events;
    }

    private static void close(ActorRef<StoreActor.Command> store) {
        TestProbe<Done> closed = kit.createTestProbe();
        store.tell(new StoreActor.Close(closed.getRef()));
        closed.receiveMessage();
    }

    @Test
    void commit_repliesWithTheVersionAndPublishesTheChanges_silentOnesWithNone() {
        StoreCore core = openCore(StoreOptions.DEFAULT);
        ActorRef<StoreActor.Command> store = spawn(core);
        TestProbe<ChangeEvent> events = subscribe(store);
        TestProbe<StatusReply<Long>> replies = kit.createTestProbe();
        long before = core.committedVersion();

        store.tell(new StoreActor.Commit(batch(false, put(1, "a")), replies.getRef()));
        assertEquals(before + 1, replies.receiveMessage().getValue());
        ChangeEvent loud = events.receiveMessage();
        assertEquals(new ChangeEvent("actor", before + 1, Map.of("Item", ChangedIds.of(false, new long[] {1}, new long[0], new long[0]))), loud);

        store.tell(new StoreActor.Commit(batch(true, put(2, "b")), replies.getRef()));
        assertEquals(before + 2, replies.receiveMessage().getValue());
        ChangeEvent silent = events.receiveMessage();
        assertEquals(before + 2, silent.version(), "a silent commit still publishes its version");
        assertEquals(Map.of(), silent.changes());
        close(store);
        assertTrue(core.isClosed());
    }

    @Test
    void commit_refusedByTheStore_repliesWithTheAtollErrorAndPublishesNothing() {
        StoreCore core = openCore(StoreOptions.DEFAULT);
        ActorRef<StoreActor.Command> store = spawn(core);
        TestProbe<ChangeEvent> events = subscribe(store);
        TestProbe<StatusReply<Long>> replies = kit.createTestProbe();

        store.tell(new StoreActor.Commit(batch(false, put(1, "same"), put(2, "same")), replies.getRef()));
        Faults.require(Fault.UNIQUE_VIOLATION, replies.receiveMessage().getError());
        store.tell(new StoreActor.Commit(batch(false, new WriteBatch.Delete("Nope", 1)), replies.getRef()));
        Throwable unknown = replies.receiveMessage().getError();
        RuntimeException general = Faults.requireAny(unknown);
        assertEquals(Fault.GENERAL, Faults.faultOf(general));
        assertEquals("instance 'actor' refused a write: no collection 'Nope' in instance 'actor'",
                general.getMessage());
        assertInstanceOf(IllegalArgumentException.class, general.getCause());
        events.expectNoMessage(Duration.ofMillis(200));
        close(store);
    }

    @Test
    void commit_afterTheStoreClosed_repliesInstanceClosed() {
        StoreCore core = openCore(StoreOptions.DEFAULT);
        ActorRef<StoreActor.Command> store = spawn(core);
        core.close();
        TestProbe<StatusReply<Long>> replies = kit.createTestProbe();
        store.tell(new StoreActor.Commit(batch(false, put(1, "a")), replies.getRef()));
        RuntimeException e = Faults.require(Fault.INSTANCE_CLOSED, replies.receiveMessage().getError());
        assertEquals("instance 'actor' is closed", e.getMessage());
        close(store);
    }

    @Test
    void clear_behindAPendingBatchThatFails_keepsThePendingBatch() {
        StoreCore core = openCore(StoreOptions.DEFAULT);
        ActorRef<StoreActor.Command> store = spawn(core);
        TestProbe<StatusReply<Long>> replies = kit.createTestProbe();
        // The second batch arrives while the first waits for its commit: its clear fails and is undone,
        // which must not undo the first batch too.
        store.tell(new StoreActor.Commit(batch(false, put(1, "kept")), replies.getRef()));
        store.tell(new StoreActor.Commit(batch(false, new WriteBatch.Clear("Item"), put(2, "x"), put(3, "x")),
                replies.getRef()));
        int successes = 0;
        for (int i = 0; i < 2; i++) {
            StatusReply<Long> reply = replies.receiveMessage();
            if (reply.isSuccess()) {
                successes++;
            } else {
                Faults.require(Fault.UNIQUE_VIOLATION, reply.getError());
            }
        }
        assertEquals(1, successes);
        try (Snapshot s = core.snapshot()) {
            assertNotNull(s.get("Item", 1), "the acknowledged object survives the failed clear");
            assertEquals(1, s.count("Item"));
        }
        close(store);
    }

    @Test
    void commitWhoseForceFails_repliesIoErrorToEveryBatchOfTheGroup() {
        StoreCore core = openCore(StoreOptions.DEFAULT.withFileNamePrefix(CountingFilePath.prefix()));
        CountingFilePath.Counter counter = CountingFilePath.counter(dir.resolve("actor.atoll"));
        ActorRef<StoreActor.Command> store = spawn(core);
        TestProbe<ChangeEvent> events = subscribe(store);
        TestProbe<StatusReply<Long>> replies = kit.createTestProbe();
        counter.failForces = true;
        try {
            store.tell(new StoreActor.Commit(batch(false, put(1, "a")), replies.getRef()));
            store.tell(new StoreActor.Commit(batch(false, put(2, "b")), replies.getRef()));
            for (int i = 0; i < 2; i++) {
                RuntimeException e = Faults.requireAny(replies.receiveMessage().getError());
                assertEquals(Fault.IO_ERROR, Faults.faultOf(e));
            }
            events.expectNoMessage(Duration.ofMillis(200));
            assertTrue(core.isBroken());
        } finally {
            counter.failForces = false;
        }
        close(store);
        assertTrue(core.isClosed());
    }

    @Test
    void close_commitsWhatIsPendingFirst() {
        StoreCore core = openCore(StoreOptions.DEFAULT);
        ActorRef<StoreActor.Command> store = spawn(core);
        TestProbe<StatusReply<Long>> replies = kit.createTestProbe();
        store.tell(new StoreActor.Commit(batch(false, put(1, "a")), replies.getRef()));
        close(store);
        assertTrue(replies.receiveMessage().isSuccess());
        assertTrue(core.isClosed());
        StoreCore reopened = openCore(StoreOptions.DEFAULT);
        try (Snapshot s = reopened.snapshot()) {
            assertNotNull(s.get("Item", 1));
        } finally {
            reopened.close();
        }
    }

    @Test
    void stoppedActor_commitsWhatIsPendingAndClosesTheFile() {
        StoreCore core = openCore(StoreOptions.DEFAULT);
        ActorRef<StoreActor.Command> store = spawn(core);
        TestProbe<StatusReply<Long>> replies = kit.createTestProbe();
        store.tell(new StoreActor.Commit(batch(false, put(1, "a")), replies.getRef()));
        assertTrue(replies.receiveMessage().isSuccess());
        kit.stop(store);
        assertTrue(core.isClosed());
        assertFalse(core.isBroken());
        StoreCore reopened = openCore(StoreOptions.DEFAULT);
        try (Snapshot s = reopened.snapshot()) {
            assertNotNull(s.get("Item", 1));
        } finally {
            reopened.close();
        }
    }

    @Test
    void topicName_isPrefixedWithTheInstance() {
        assertEquals("atoll-changes-x", StoreActor.topicName("x"));
    }

    @Test
    void changesSince_repliesWithTheLoggedEvents_andAMaxBelowOneFails() {
        StoreCore core = openCore(StoreOptions.DEFAULT);
        long base = core.committedVersion();
        ActorRef<StoreActor.Command> store = spawn(core);
        TestProbe<StatusReply<Long>> replies = kit.createTestProbe();
        store.tell(new StoreActor.Commit(batch(false, put(1, "a")), replies.getRef()));
        store.tell(new StoreActor.Commit(batch(false, put(2, "b")), replies.getRef()));
        assertEquals(base + 1, replies.receiveMessage().getValue());
        assertEquals(base + 2, replies.receiveMessage().getValue());
        TestProbe<StatusReply<ChangeLog.Read>> read = kit.createTestProbe();
        store.tell(new StoreActor.ChangesSince(base, 10, read.getRef()));
        ChangeLog.Read got = read.receiveMessage().getValue();
        assertEquals(List.of(base + 1, base + 2), got.events().stream().map(ChangeEvent::version).toList());
        store.tell(new StoreActor.ChangesSince(base, 0, read.getRef()));
        StatusReply<ChangeLog.Read> refused = read.receiveMessage();
        assertTrue(refused.isError());
        assertInstanceOf(IllegalArgumentException.class, refused.getError());
        close(store);
    }

    @Test
    void commit_whileNothingListens_publishesNothing_thenEveryVersionOnceSomethingDoes() {
        StoreCore core = openCore(StoreOptions.DEFAULT);
        java.util.concurrent.atomic.AtomicBoolean listened = new java.util.concurrent.atomic.AtomicBoolean();
        ActorRef<StoreActor.Command> store = kit.spawn(StoreActor.create(core, listened::get),
                DispatcherSelector.fromConfig(StoreActor.DISPATCHER));
        TestProbe<ChangeEvent> events = subscribe(store);
        TestProbe<StatusReply<Long>> replies = kit.createTestProbe();
        store.tell(new StoreActor.Commit(batch(false, put(1, "a")), replies.getRef()));
        replies.receiveMessage();
        listened.set(true);
        store.tell(new StoreActor.Commit(batch(false, put(2, "b")), replies.getRef()));
        long second = replies.receiveMessage().getValue();
        assertEquals(second, events.receiveMessage().version(), "the first event the topic carries is the second commit's");
        close(store);
    }

    @Test
    void commit_thatLeavesTooLittleOfTheFileLive_runsACompactionStep() {
        StoreCore core = openCore(StoreOptions.DEFAULT.withCompactionFillRate(100));
        ActorRef<StoreActor.Command> store = spawn(core);
        TestProbe<StatusReply<Long>> replies = kit.createTestProbe();
        WriteBatch.Op[] many = new WriteBatch.Op[100];
        for (int i = 0; i < many.length; i++) {
            many[i] = put(i + 1, "u" + i);
        }
        store.tell(new StoreActor.Commit(batch(false, many), replies.getRef()));
        store.tell(new StoreActor.Commit(batch(false, put(1, "again")), replies.getRef()));
        assertTrue(replies.receiveMessage().isSuccess());
        assertTrue(replies.receiveMessage().isSuccess());
        replies.awaitAssert(() -> {
            assertTrue(core.compactions() >= 1, "the actor compacts after the commit");
            return null;
        });
        close(store);
    }

    @Test
    void close_withNothingPending_addsNoCommit() {
        StoreCore core = openCore(StoreOptions.DEFAULT);
        ActorRef<StoreActor.Command> store = spawn(core);
        TestProbe<StatusReply<Long>> replies = kit.createTestProbe();
        store.tell(new StoreActor.Commit(batch(false, put(1, "a")), replies.getRef()));
        replies.receiveMessage();
        long commits = core.fileCommits();
        assertTrue(commits >= 2, "the open, the definition and the batch: " + commits);
        close(store);
        assertEquals(commits, core.fileCommits());
    }
}
