package dev.atoll.internal.store;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import dev.atoll.feed.ChangeEvent;
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
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class StoreActorTest {
    private static final CollectionDef ITEMS = new CollectionDef("Item",
            List.of(new CollectionDef.IndexDef("uuid", true, false)));
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("StoreActorTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private static WriteBatch.Put put(long id, String uuid) {
        byte[][][] keys = {{(uuid + "\u0000").getBytes(StandardCharsets.UTF_8)}};
        return new WriteBatch.Put("Item", id, Records.encode(keys, new byte[] {1, 2, 3}), keys);
    }

    private StoreCore openCore() {
        StoreCore core = StoreCore.open(dir, "actor", StoreOptions.DEFAULT);
        core.define(List.of(ITEMS), Map.of());
        core.commit();
        return core;
    }

    @Test
    void batchesThatQueueUp_areCommittedTogether_eachWithItsOwnVersionReplyAndEvent() {
        StoreCore core = openCore();
        long commitsBefore = core.fileCommits();
        ActorRef<StoreActor.Command> store = kit.spawn(StoreActor.create(core), "group",
                DispatcherSelector.fromConfig(StoreActor.DISPATCHER));
        TestProbe<ActorRef<Topic.Command<ChangeEvent>>> topicProbe = kit.createTestProbe();
        store.tell(new StoreActor.GetTopic(topicProbe.getRef()));
        TestProbe<ChangeEvent> events = kit.createTestProbe();
        ActorRef<Topic.Command<ChangeEvent>> topic = topicProbe.receiveMessage();
        topic.tell(Topic.subscribe(events.getRef()));
        TestProbe<StatusReply<Long>> replies = kit.createTestProbe();
        // The subscription lands before the writes: the topic answers this after handling the subscribe.
        TestProbe<Topic.TopicStats> stats = kit.createTestProbe();
        topic.tell(Topic.getTopicStats(stats.getRef()));
        assertEquals(1, stats.receiveMessage().localSubscriberCount());

        int batches = 200;
        for (int i = 1; i <= batches; i++) {
            store.tell(new StoreActor.Commit(new WriteBatch(0, List.of(put(i, "u" + i)), WriteBatch.ReadSet.NONE,
                    false), replies.getRef()));
        }
        Set<Long> versions = new HashSet<>();
        for (int i = 0; i < batches; i++) {
            StatusReply<Long> reply = replies.receiveMessage();
            assertTrue(reply.isSuccess(), String.valueOf(reply));
            versions.add(reply.getValue());
        }
        assertEquals(batches, versions.size(), "every batch gets a version of its own");
        long previous = 0;
        for (int i = 0; i < batches; i++) {
            ChangeEvent e = events.receiveMessage();
            assertEquals(previous == 0 ? e.version() : previous + 1, e.version(), "events come in version order");
            previous = e.version();
        }
        long fileCommits = core.fileCommits() - commitsBefore;
        assertTrue(fileCommits < batches, "expected fewer file commits than batches, got " + fileCommits);

        TestProbe<Done> closed = kit.createTestProbe();
        store.tell(new StoreActor.Close(closed.getRef()));
        closed.receiveMessage();
        assertTrue(core.isClosed());
    }

    @Test
    void failingBatch_getsAnErrorReply_andTheOthersInItsGroupCommit() {
        StoreCore core = openCore();
        ActorRef<StoreActor.Command> store = kit.spawn(StoreActor.create(core), "failing",
                DispatcherSelector.fromConfig(StoreActor.DISPATCHER));
        TestProbe<StatusReply<Long>> replies = kit.createTestProbe();
        List<WriteBatch> batches = new ArrayList<>();
        batches.add(new WriteBatch(0, List.of(put(1, "same")), WriteBatch.ReadSet.NONE, false));
        batches.add(new WriteBatch(0, List.of(put(2, "other"), put(3, "same")), WriteBatch.ReadSet.NONE, false));
        batches.add(new WriteBatch(0, List.of(put(4, "fine")), WriteBatch.ReadSet.NONE, false));
        for (WriteBatch b : batches) {
            store.tell(new StoreActor.Commit(b, replies.getRef()));
        }
        // A refused batch is answered at once, the others when their commit is durable: the order of
        // the three replies depends on whether the first commit ran before the others arrived.
        int successes = 0;
        int violations = 0;
        for (int i = 0; i < 3; i++) {
            StatusReply<Long> reply = replies.receiveMessage();
            if (reply.isSuccess()) {
                successes++;
            } else {
                Faults.require(Fault.UNIQUE_VIOLATION, reply.getError());
                violations++;
            }
        }
        assertEquals(2, successes);
        assertEquals(1, violations);
        try (Snapshot s = core.snapshot()) {
            assertEquals(2, s.count("Item"));
            assertEquals(0, s.get("Item", 2) == null ? 0 : 1);
        }
        TestProbe<Done> closed = kit.createTestProbe();
        store.tell(new StoreActor.Close(closed.getRef()));
        closed.receiveMessage();
    }
}
