package dev.atoll.internal.store;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;
import dev.atoll.feed.ChangeEvent;
import dev.atoll.feed.ChangedIds;
import org.apache.pekko.Done;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.apache.pekko.pattern.StatusReply;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The one actor that writes an instance's file. It receives write batches (bytes only, never user
 * objects, and it never runs user code), applies them in arrival order, commits, replies, and
 * publishes one change event per batch.
 *
 * <h2>Ordering</h2>
 * Batches are applied one at a time in the order they arrive; each gets the next commit version.
 * A batch is checked before it is applied: a batch that read data a later commit changed fails
 * with {@code TransactionConflictException} (its sender runs the transaction again), a
 * unique index violation fails the whole batch. A failed batch leaves the maps as they were.
 *
 * <h2>Durability</h2>
 * A reply is sent only after the batch's commit is written and, under the default durability,
 * forced to the disk. Batches that queue up while a commit runs are committed together (group
 * commit): each batch still gets its own version and reply, but they share one write and one
 * force. Nothing is written to the file between commits, so a crash never leaves half a batch.
 *
 * <h2>Watchers</h2>
 * After the commit, and after the new snapshot is visible, one {@link ChangeEvent} per batch is
 * published to the instance's topic, in version order. Every version is published, so that a
 * subscriber that sees a gap knows it lost an event: a silent batch (or one that changed nothing)
 * publishes an event with no changes, which fires no watcher.
 *
 * <h2>Space</h2>
 * After a commit, when too little of the file holds live data, the actor sends itself a message to
 * run one {@link StoreCore#compact()} step: commits that arrived meanwhile go first, and readers
 * never wait for it (they read their snapshots, which compaction leaves intact).
 *
 * <p>Runs on the dispatcher {@code atoll.store-dispatcher}, because commits block on the disk.
 */
public final class StoreActor extends AbstractBehavior<StoreActor.Command> {

    /** The protocol of the store actor. */
    public sealed interface Command {
    }

    /** Apply and commit one batch; the reply carries its commit version. */
    public record Commit(WriteBatch batch, ActorRef<StatusReply<Long>> replyTo) implements Command {
    }

    /** Commit what is pending, close the file, reply, and stop. */
    public record Close(ActorRef<Done> replyTo) implements Command {
    }

    /** Asks for the instance's change topic, where every commit is published. */
    public record GetTopic(ActorRef<ActorRef<Topic.Command<ChangeEvent>>> replyTo) implements Command {
    }

    /**
     * Asks for the committed change sets after version {@code after}, from the change log: at most
     * {@code max} events, and never more than {@link #MAX_CHANGES_BATCH} (ask again from the last version
     * received for more). The reply fails when {@code max} is below 1 or the log cannot be read.
     */
    public record ChangesSince(long after, int max, ActorRef<StatusReply<ChangeLog.Read>> replyTo)
            implements Command {
    }

    /** The most events one {@link ChangesSince} reply carries. */
    public static final int MAX_CHANGES_BATCH = 1_000;

    private enum Flush implements Command {
        INSTANCE
    }

    private enum Compact implements Command {
        INSTANCE
    }

    private record Pending(StoreCore.Applied applied, boolean silent, ActorRef<StatusReply<Long>> replyTo) {
    }

    /** The name of the dispatcher the store actor runs on. */
    public static final String DISPATCHER = "atoll.store-dispatcher";

    private final StoreCore core;
    private final java.util.function.BooleanSupplier listened;
    private final ActorRef<Topic.Command<ChangeEvent>> topic;
    private final List<Pending> pending = new ArrayList<>();
    private boolean flushScheduled;
    private boolean compactScheduled;

    private StoreActor(ActorContext<Command> context, StoreCore core, java.util.function.BooleanSupplier listened) {
        super(context);
        this.core = core;
        this.listened = listened;
        this.topic = context.spawn(Topic.create(ChangeEvent.class, topicName(core.name())), "changes");
    }

    /**
     * The behavior of the store actor of an open store. It starts the instance's change topic as
     * its child; the topic stops with it.
     *
     * @param core the open store; the actor owns it from now on and closes it when it stops
     */
    public static Behavior<Command> create(StoreCore core) {
        return create(core, () -> true);
    }

    /**
     * The behavior of the store actor of an open store that publishes change events only while
     * {@code listened} says that something subscribed to the topic: a topic with no subscriber would
     * drop each event as a dead letter, and log a line per commit that nobody listens to.
     *
     * @param core the open store; the actor owns it from now on and closes it when it stops
     * @param listened whether the topic has subscribers now (called in the store actor, once per commit)
     */
    public static Behavior<Command> create(StoreCore core, java.util.function.BooleanSupplier listened) {
        java.util.Objects.requireNonNull(listened, "listened");
        return Behaviors.setup(ctx -> new StoreActor(ctx, core, listened));
    }

    /** The name of the pub-sub topic of an instance (the same on every node of a cluster). */
    public static String topicName(String instance) {
        return "atoll-changes-" + instance;
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Commit.class, this::onCommit)
                .onMessageEquals(Flush.INSTANCE, this::onFlush)
                .onMessageEquals(Compact.INSTANCE, this::onCompact)
                .onMessage(Close.class, this::onClose)
                .onMessage(ChangesSince.class, this::onChangesSince)
                .onMessage(GetTopic.class, get -> {
                    get.replyTo().tell(topic);
                    return this;
                })
                .onSignal(PostStop.class, signal -> onPostStop())
                .build();
    }

    private Behavior<Command> onCommit(Commit commit) {
        if (core.isClosed()) {
            commit.replyTo().tell(StatusReply.error(Faults.of(Fault.INSTANCE_CLOSED, "instance '" + core.name()
                    + "' is closed")));
            return this;
        }
        if (commit.batch().hasClear() && !pending.isEmpty()) {
            flush();
        }
        try {
            StoreCore.Applied applied = core.apply(commit.batch());
            pending.add(new Pending(applied, commit.batch().silent(), commit.replyTo()));
            if (!flushScheduled) {
                flushScheduled = true;
                getContext().getSelf().tell(Flush.INSTANCE);
            }
        } catch (RuntimeException e) {
            RuntimeException reply = Faults.faultOf(e) != null ? e : Faults.of(Fault.GENERAL, "instance '"
                    + core.name() + "' refused a write: " + e.getMessage(), e);
            commit.replyTo().tell(StatusReply.error(reply));
        }
        return this;
    }

    private Behavior<Command> onChangesSince(ChangesSince ask) {
        try {
            ask.replyTo().tell(StatusReply.success(core.changesSince(ask.after(),
                    Math.min(ask.max(), MAX_CHANGES_BATCH))));
        } catch (RuntimeException e) {
            ask.replyTo().tell(StatusReply.error(e));
        }
        return this;
    }

    private Behavior<Command> onFlush() {
        flushScheduled = false;
        flush();
        return this;
    }

    private void flush() {
        if (pending.isEmpty()) {
            return;
        }
        List<Pending> done = new ArrayList<>(pending);
        pending.clear();
        try {
            core.commit();
        } catch (RuntimeException e) {
            if (Faults.faultOf(e) == null) {
                throw e;
            }
            getContext().getLog().error("commit of instance '{}' failed; it accepts no more writes", core.name(), e);
            for (Pending p : done) {
                p.replyTo().tell(StatusReply.error(e));
            }
            return;
        }
        // every version is published (while anything listens), so that watchers can tell a lost event
        // from a silent commit
        for (Pending p : listened.getAsBoolean() ? done : List.<Pending>of()) {
            Map<String, ChangedIds> changes = p.silent() ? Map.of() : p.applied().changes();
            topic.tell(Topic.publish(new ChangeEvent(core.name(), p.applied().version(), changes)));
        }
        for (Pending p : done) {
            p.replyTo().tell(StatusReply.success(p.applied().version()));
        }
        if (!compactScheduled && core.needsCompaction()) {
            compactScheduled = true;
            getContext().getSelf().tell(Compact.INSTANCE);
        }
    }

    private Behavior<Command> onCompact() {
        compactScheduled = false;
        try {
            if (core.needsCompaction()) { // the store may have been closed, or a batch be pending, meanwhile
                core.compact();
            }
        } catch (RuntimeException e) {
            getContext().getLog().error("compaction of instance '{}' failed; it accepts no more writes",
                    core.name(), e);
        }
        return this;
    }

    private Behavior<Command> onClose(Close close) {
        try {
            flush();
            core.close();
        } catch (RuntimeException e) {
            getContext().getLog().error("closing instance '{}' failed", core.name(), e);
        }
        close.replyTo().tell(Done.getInstance());
        return Behaviors.stopped();
    }

    private Behavior<Command> onPostStop() {
        if (!core.isClosed()) {
            try {
                flush();
                core.close();
            } catch (RuntimeException e) {
                getContext().getLog().error("closing instance '{}' on stop failed", core.name(), e);
            }
        }
        return this;
    }
}
