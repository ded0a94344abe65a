package dev.atoll.internal.watch;

import dev.atoll.internal.api.ApiAccess;

import dev.atoll.InstanceClosedException;
import dev.atoll.internal.txn.Failures;

import dev.atoll.internal.query.QueryRunner;

import dev.atoll.Atoll;
import dev.atoll.QueryChanges;

import dev.atoll.Subscription;
import dev.atoll.WatchAck;
import dev.atoll.WatchOptions;
import dev.atoll.internal.query.PropertyPath;
import dev.atoll.internal.txn.Instance;

import dev.atoll.feed.ChangedIds;

import dev.atoll.feed.ChangeEvent;

import dev.atoll.internal.codec.CollectionCodec;
import dev.atoll.internal.codec.Codecs;
import dev.atoll.internal.store.Records;
import dev.atoll.internal.store.Snapshot;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Props;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.actor.typed.pubsub.Topic;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.LongConsumer;
import java.util.function.LongFunction;

/**
 * Internal: the actors behind watchers.
 *
 * <h2>One actor per watcher</h2>
 * Each watcher is one small actor, subscribed to the instance's change topic. It checks each
 * {@link ChangeEvent} against what it watches, and then runs the user's callback (in the watcher
 * actor: one call at a time, in commit order) or tells the target actor a message. Objects and query
 * results are read from a snapshot and decoded in the watcher actor, with codecs (a Kryo) of its own,
 * never in the store actor.
 *
 * <h2>Start</h2>
 * The watch call spawns the actor, sends the subscription to the topic, then asks the topic for its
 * statistics (the answer comes after the subscription is in place), and reads the latest committed
 * version {@code v0} (and what the watcher needs to remember of it), or takes the version to resume
 * from. Events that arrive before the start message are kept until it comes, and events up to
 * {@code v0} are ignored. Once both the start and the topic's answer are in, the watcher reads the
 * change log up to the newest commit: a commit published before the subscription was in place is
 * delivered from there.
 *
 * <h2>The log decides, pub-sub is the fast path</h2>
 * Versions are consecutive: the store publishes an event for every commit, and a silent commit (or
 * one that changed nothing) as an event with no changes, which no watcher fires for. Every target
 * gets every version after its start once, in version order: an event at or below the last version
 * handled is dropped (a duplicate or a reordering), and an event past a gap is preceded by the
 * missing ones, read from the store's change log. When the log no longer holds them (the watcher fell
 * behind its retention), the target gets one {@link ChangeEvent.Kind#HISTORY_LOST} event instead, with
 * {@code gap} set: an object watcher compares the object with the last one it saw, a query watcher
 * re-runs its query, a collection watcher fires once, and a feed of {@link Atoll#changes} passes it on.
 *
 * <h2>Threading</h2>
 * A watcher actor runs on the dispatcher its {@link WatchOptions#withDispatcher} names, else on the instance's
 * ({@code atoll.watchers.dispatcher}), else on Pekko's default dispatcher: its reads, decoding and the user's
 * callbacks and adapters all run there.
 *
 * <h2>End</h2>
 * A watcher actor stops on {@link Subscription#cancel()}, when its target actor stops, when the actor
 * its options are {@link WatchOptions#tiedTo tied to} stops, and when the instance closes (its topic
 * stops). {@link #live()} counts the watcher actors that run.
 */
public final class Watchers {
    private static final AtomicLong SEQUENCE = new AtomicLong();
    private static final AtomicInteger LIVE = new AtomicInteger();

    private Watchers() {
    }

    /** The number of watcher actors that have started and not yet stopped, in this JVM (for tests). */
    public static int live() {
        return LIVE.get();
    }

    // ---- the kinds of watchers ----

    public static Subscription collectionCallback(Instance instance, String collection, WatchOptions options,
                                           Runnable callback) {
        return start(instance, options, null, new CollectionTarget(collection, callback));
    }

    public static <M> Subscription collectionMessage(Instance instance, String collection, WatchOptions options,
                                              ActorRef<M> target, M message) {
        return start(instance, options, target, new CollectionTarget(collection, () -> target.tell(message)));
    }

    public static <T> Subscription objectCallback(Instance instance, Class<T> type, String collection, long id,
                                           WatchOptions options, Consumer<? super T> callback) {
        return objectCallback(instance, type, collection, id, null, options, callback);
    }

    /** An object watcher scoped to properties ({@code scope} null: the whole object). */
    public static <T> Subscription objectCallback(Instance instance, Class<T> type, String collection, long id,
                                           PropertyPath[] scope, WatchOptions options,
                                           Consumer<? super T> callback) {
        return start(instance, options, null, new ObjectTarget<>(type, collection, id, scope, callback::accept));
    }

    public static <T, M> Subscription objectMessage(Instance instance, Class<T> type, String collection, long id,
                                             WatchOptions options, ActorRef<M> target,
                                             Function<? super T, ? extends M> adapter) {
        return objectMessage(instance, type, collection, id, null, options, target, adapter);
    }

    /** An object watcher scoped to properties ({@code scope} null: the whole object), to an actor. */
    public static <T, M> Subscription objectMessage(Instance instance, Class<T> type, String collection, long id,
                                             PropertyPath[] scope, WatchOptions options, ActorRef<M> target,
                                             Function<? super T, ? extends M> adapter) {
        return start(instance, options, target, new ObjectTarget<>(type, collection, id, scope,
                object -> target.tell(adapter.apply(object))));
    }

    public static Subscription objectLazyCallback(Instance instance, String collection, long id, WatchOptions options,
                                           Runnable callback) {
        return start(instance, options, null, new ObjectTarget<>(null, collection, id, null, object -> callback.run()));
    }

    public static <M> Subscription objectLazyMessage(Instance instance, String collection, long id,
                                              WatchOptions options, ActorRef<M> target, M message) {
        return start(instance, options, target, new ObjectTarget<>(null, collection, id, null,
                object -> target.tell(message)));
    }

    public static <T> Subscription queryCallback(WatchedQuery<T> query, WatchOptions options, Consumer<? super List<T>> callback) {
        return start(query.instance(), options, null, QueryTarget.of(query, callback::accept));
    }

    public static <T, M> Subscription queryMessage(WatchedQuery<T> query, WatchOptions options, ActorRef<M> target,
                                            Function<? super List<T>, ? extends M> adapter) {
        return start(query.instance(), options, target, QueryTarget.of(query,
                results -> target.tell(adapter.apply(results))));
    }

    /** A query watcher to an actor that acknowledges each delivery: conflated to the latest results. */
    public static <T, M> Subscription queryAckMessage(WatchedQuery<T> query, WatchOptions options, ActorRef<M> target,
                                               BiFunction<? super List<T>, ActorRef<WatchAck>, ? extends M> adapter) {
        return start(query.instance(), options, target, new QueryTarget<>(query, true,
                (watcher, before, after) -> target.tell(adapter.apply(after.results(), watcher.ackRef()))));
    }

    /** A query watcher that delivers the changes since its previous delivery (the first: from nothing). */
    public static <T> Subscription queryChangesCallback(WatchedQuery<T> query, WatchOptions options,
                                                 Consumer<? super QueryChanges<T>> callback) {
        return start(query.instance(), options, null, new QueryTarget<>(query, false,
                (watcher, before, after) -> callback.accept(diff(before, after))));
    }

    /** A diff watcher to an actor: every delivery is told (each is relative to the one before). */
    public static <T, M> Subscription queryChangesMessage(WatchedQuery<T> query, WatchOptions options, ActorRef<M> target,
                                                   Function<? super QueryChanges<T>, ? extends M> adapter) {
        return start(query.instance(), options, target, new QueryTarget<>(query, false,
                (watcher, before, after) -> target.tell(adapter.apply(diff(before, after)))));
    }

    private static <T> QueryChanges<T> diff(Run<T> before, Run<T> after) {
        return QueryDiff.between(before.ids(), before.records(), after.results(), after.ids(), after.records());
    }

    public static <T> Subscription queryLazyCallback(WatchedQuery<T> query, WatchOptions options, Runnable callback) {
        return start(query.instance(), options, null, QueryTarget.of(query, results -> callback.run()));
    }

    public static <T, M> Subscription queryLazyMessage(WatchedQuery<T> query, WatchOptions options, ActorRef<M> target,
                                                M message) {
        return start(query.instance(), options, target, QueryTarget.of(query,
                results -> target.tell(message)));
    }

    public static <T> Subscription countCallback(WatchedQuery<T> query, WatchOptions options, LongConsumer callback) {
        return start(query.instance(), options, null, new CountTarget<>(query, callback));
    }

    public static <T, M> Subscription countMessage(WatchedQuery<T> query, WatchOptions options, ActorRef<M> target,
                                            LongFunction<? extends M> adapter) {
        return start(query.instance(), options, target, new CountTarget<>(query,
                n -> target.tell(adapter.apply(n))));
    }

    /**
     * Forwards every event after version {@code from} (or after the latest commit when {@code from} is
     * negative) to an actor, and a last {@link ChangeEvent.Kind#END} event when the subscription ends: the
     * feed of {@link Atoll#changes}.
     */
    public static Subscription changes(Instance instance, ActorRef<ChangeEvent> target, long from) {
        return start(instance, WatchOptions.defaults(), target, new ForwardTarget(target), from);
    }

    /**
     * Starts a watcher actor for a target.
     *
     * @throws InstanceClosedException when the instance is closed
     */
    public static Subscription start(Instance instance, WatchOptions options, ActorRef<?> target, Target watched) {
        return start(instance, options, target, watched, -1);
    }

    /**
     * Starts a watcher actor for a target, from a version: the events after {@code from} are read from
     * the change log first; a negative {@code from} starts at the latest commit.
     *
     * @throws InstanceClosedException when the instance is closed
     */
    public static Subscription start(Instance instance, WatchOptions options, ActorRef<?> target, Target watched,
                              long from) {
        AtomicBoolean ended = new AtomicBoolean();
        // Whether this watcher no longer counts among the instance's listeners: set once, by cancel() (so that
        // a commit made after cancel() returned is not published for it, to an actor that may have stopped:
        // a dead letter) or by the actor's stop, whichever comes first.
        AtomicBoolean unlisted = new AtomicBoolean();
        ActorRef<Object> watcher = instance.system.systemActorOf(
                Behaviors.setup(ctx -> new WatcherActor(ctx, instance, options, target, watched, ended, unlisted)),
                "atoll-watch-" + SEQUENCE.incrementAndGet(), props(instance, options));
        ActorRef<ChangeEvent> subscriber = watcher.narrow();
        instance.listeners.incrementAndGet(); // before the snapshot: every commit after it is published
        instance.topic.tell(Topic.subscribe(subscriber));
        // answered after the subscription is in: the same sender's messages keep their order
        instance.topic.tell(Topic.getTopicStats(watcher.narrow()));
        long version;
        try (Snapshot s = instance.snapshot()) {
            version = from < 0 ? s.version() : from;
            watched.start(s);
        } catch (RuntimeException e) {
            ended.set(true);
            watcher.tell(Control.CANCEL);
            throw e;
        }
        watcher.tell(new Start(version));
        return new Subscription() {
            @Override
            public void cancel() {
                if (ended.compareAndSet(false, true)) {
                    if (unlisted.compareAndSet(false, true)) {
                        instance.listeners.decrementAndGet();
                    }
                    watcher.tell(Control.CANCEL);
                }
            }

            @Override
            public boolean isCancelled() {
                return ended.get();
            }
        };
    }

    /**
     * The props of a watcher actor: the dispatcher the options name, else the instance's
     * ({@code atoll.watchers.dispatcher}), else Pekko's default dispatcher.
     *
     * @throws IllegalArgumentException when the options name a dispatcher the actor system does not have
     */
    public static Props props(Instance instance, WatchOptions options) {
        String path = options.dispatcher() != null ? options.dispatcher() : instance.watcherDispatcher;
        if (path == null) {
            return Props.empty();
        }
        DispatcherSelector selector = DispatcherSelector.fromConfig(path);
        try {
            instance.system.dispatchers().lookup(selector);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("no dispatcher '" + path + "' is configured in actor system '"
                    + instance.system.name() + "' (a watcher of instance '" + instance.name + "' asked for it)", e);
        }
        return selector;
    }

    // ---- the protocol of a watcher actor (besides ChangeEvent and WatchAck) ----

    private enum Control {
        CANCEL,
        RERUN
    }

    private record Start(long version) {
    }

    /**
     * What one watcher watches and delivers. Created in the watching thread; {@link #start} runs
     * there too (bytes only, no decoding); everything else runs in the watcher actor.
     */
    public interface Target {
        /**
         * Remembers what it needs of the snapshot the watch starts at, in the watching thread. (No
         * snapshot outlives a short read: the store cannot close while one is held.)
         */
        default void start(Snapshot snapshot) {
        }

        /** The watcher actor starts; runs before {@link #immediately}. */
        default void begin(WatcherActor watcher) {
        }

        /** The delivery of {@link WatchOptions#fireImmediately()}. */
        public void immediately(WatcherActor watcher);

        /**
         * Handles one event, in commit order.
         *
         * @param gap whether one or more events before this one were lost
         */
        public void event(WatcherActor watcher, ChangeEvent event, boolean gap);

        /**
         * The change log no longer holds versions this target needed: {@code marker} is a
         * {@link ChangeEvent.Kind#HISTORY_LOST} event whose version is the last one lost. By default
         * handled as an event after a gap (the target re-reads).
         */
        default void historyLost(WatcherActor watcher, ChangeEvent marker) {
            event(watcher, marker, true);
        }

        /** Handles a {@link WatcherActor#scheduleRerun() scheduled} re-run. */
        default void rerun(WatcherActor watcher) {
        }

        /** Handles a {@link WatchAck} from the target actor (only acknowledged targets get one). */
        default void acked(WatcherActor watcher) {
        }

        /** The watcher actor stops; {@code instanceClosed} when the instance's topic stopped. */
        default void stopped(boolean instanceClosed) {
        }

        /** What is watched, in words, for log lines: "collection 'Message'", say. */
        public String describe();
    }

    /** A collection watcher: fires after each commit that touches the collection. */
    private record CollectionTarget(String collection, Runnable action) implements Target {
        @Override
        public String describe() {
            return "collection '" + collection + "'";
        }

        @Override
        public void immediately(WatcherActor watcher) {
            watcher.deliver(action);
        }

        @Override
        public void event(WatcherActor watcher, ChangeEvent event, boolean gap) {
            if (gap || event.touches(collection)) {
                watcher.deliver(action);
            }
        }
    }

    /**
     * An object watcher: after each commit that wrote or deleted the object, reads it and delivers
     * it decoded (null when absent), or just fires when {@code type} is null (the lazy form).
     *
     * <p>What it delivers: the object as the latest commit left it when the watcher reads it. That is
     * the version that fired it, unless later commits came in before the watcher got to it (a slow
     * callback, fast writers): then it is the latest state, delivered once. A read at version {@code r}
     * covers every commit up to {@code r}, so events up to {@code r} that arrive afterwards deliver
     * nothing more. The same holds for callbacks and actor targets.
     *
     * <p>Scoped ({@code scope} not null): it delivers only when the object appears, disappears, or one
     * of the scoped properties' values changed since the last delivery (values compared with
     * {@code equals}, arrays by content).
     */
    private static final class ObjectTarget<T> implements Target {
        private final Class<T> type;
        private final String collection;
        private final long id;
        private final PropertyPath[] scope;
        private final Consumer<T> delivery;
        private CollectionCodec<T> codec;
        private byte[] last;
        private long readVersion;

        ObjectTarget(Class<T> type, String collection, long id, PropertyPath[] scope, Consumer<T> delivery) {
            this.type = type;
            this.collection = collection;
            this.id = id;
            this.scope = scope;
            this.delivery = delivery;
        }

        @Override
        public String describe() {
            return "object " + id + " of collection '" + collection + "'";
        }

        @Override
        public void start(Snapshot snapshot) {
            last = snapshot.get(collection, id); // (events up to this version never reach the target)
        }

        @Override
        public void immediately(WatcherActor watcher) {
            byte[] record = last;
            watcher.deliver(() -> delivery.accept(decode(watcher, record)));
        }

        @Override
        public void event(WatcherActor watcher, ChangeEvent event, boolean gap) {
            boolean touched = event.touches(collection, id);
            if (!touched && !gap || event.version() <= readVersion) {
                return; // untouched, or an earlier read already saw this commit
            }
            byte[] record;
            try (Snapshot s = watcher.snapshot()) {
                record = s.get(collection, id);
                readVersion = s.version();
            }
            if (scope != null) {
                T object = decode(watcher, record);
                boolean changed = !Arrays.deepEquals(scopedValues(object), scopedValues(decode(watcher, last)));
                last = record;
                if (changed) {
                    watcher.deliver(() -> delivery.accept(object));
                }
                return;
            }
            if (!touched && Arrays.equals(record, last)) {
                return;
            }
            last = record;
            watcher.deliver(() -> delivery.accept(decode(watcher, record)));
        }

        /** The values of the scoped properties, one array per property; null when the object is absent. */
        private Object[] scopedValues(T object) {
            if (object == null) {
                return null;
            }
            Object[] values = new Object[scope.length];
            for (int i = 0; i < scope.length; i++) {
                values[i] = scope[i].values(object).toArray();
            }
            return values;
        }

        private T decode(WatcherActor watcher, byte[] record) {
            if (type == null || record == null) {
                return null;
            }
            if (codec == null) {
                codec = watcher.codecs().codec(type);
            }
            int offset = Records.valueOffset(record);
            return codec.decode(id, record, offset, record.length - offset);
        }
    }

    /** One run of a watched query: the results, their ids, and their stored records. */
    public record Run<T>(List<T> results, long[] ids, byte[][] records) {
        public static <T> Run<T> empty() {
            return new Run<>(List.of(), new long[0], new byte[0][]);
        }
    }

    /** How a query watcher delivers a change of its results. */
    @FunctionalInterface
    public interface QueryEmit<T> {
        /** Delivers {@code after}; {@code before} is the previous delivery (empty for the first). */
        public void emit(WatcherActor watcher, Run<T> before, Run<T> after);
    }

    /**
     * A query watcher. The results at the start are found in the watching thread (with the query's
     * own handle); after that the query runs in the watcher actor, on a copy bound to the watcher's
     * own handle. A commit makes it run again only when it touched an object that matched before (is
     * among the last results) or matches after (in the latest snapshot); a clear, a commit of more
     * than {@value #MAX_CHECKED_IDS} objects of the collection, a query with an offset (where an object
     * outside the results can shift them), or a lost event makes it run again without checking.
     * Re-runs are coalesced (events that arrive while one is due are served by it), and results are
     * delivered only when they differ from the last ones (by ids and stored bytes).
     *
     * <p>Acknowledged ({@code acknowledged}): after a delivery the watcher waits for a {@link WatchAck}
     * before it runs the query again; commits meanwhile are remembered as one, and the ack makes it
     * run once and deliver the latest results if they differ from the delivered ones. A target thus
     * never has more than one delivery in its mailbox.
     */
    private static final class QueryTarget<T> implements Target {
        static final int MAX_CHECKED_IDS = 256;
        private final WatchedQuery<T> query;
        private final String collection;
        private final boolean acknowledged;
        private final QueryEmit<T> emit;
        private WatchedQuery<T> mine;
        private Run<T> last;
        private Run<T> delivered = Run.empty();
        private long[] sortedIds;
        private boolean awaitingAck;
        private boolean missed;

        QueryTarget(WatchedQuery<T> query, boolean acknowledged, QueryEmit<T> emit) {
            this.query = query;
            this.collection = query.spec().schema.name();
            this.acknowledged = acknowledged;
            this.emit = emit;
        }

        /** A plain watcher: delivers the results to {@code delivery}. */
        public static <T> QueryTarget<T> of(WatchedQuery<T> query, Consumer<List<T>> delivery) {
            return new QueryTarget<>(query, false, (watcher, before, after) -> delivery.accept(after.results()));
        }

        @Override
        public String describe() {
            return "a query of collection '" + collection + "'";
        }

        @Override
        public void start(Snapshot snapshot) {
            run(query, snapshot);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void begin(WatcherActor watcher) {
            Class<T> type = (Class<T>) query.spec().schema.type();
            mine = query.rebind(watcher.handle().collection(type));
        }

        @Override
        public void immediately(WatcherActor watcher) {
            send(watcher);
        }

        @Override
        public void event(WatcherActor watcher, ChangeEvent event, boolean gap) {
            if (gap || (query.affectedBy(event) && touchesMatch(watcher, event))) {
                watcher.scheduleRerun();
            }
        }

        @Override
        public void rerun(WatcherActor watcher) {
            if (awaitingAck) {
                missed = true;
                return;
            }
            boolean changed;
            try (Snapshot now = watcher.snapshot()) {
                changed = run(mine, now);
            }
            if (changed) {
                send(watcher);
            }
        }

        @Override
        public void acked(WatcherActor watcher) {
            awaitingAck = false; // an extra ack (a target that acks twice) finds nothing missed: no effect
            if (missed) {
                missed = false;
                rerun(watcher);
            }
        }

        private void send(WatcherActor watcher) {
            Run<T> before = delivered;
            Run<T> after = last;
            if (watcher.deliver(() -> emit.emit(watcher, before, after))) {
                delivered = after;
                awaitingAck = acknowledged;
            }
        }

        /** Runs the query on a snapshot; returns whether the results changed. */
        private boolean run(WatchedQuery<T> q, Snapshot snapshot) {
            List<T> found = List.copyOf(q.findAllAt(snapshot));
            long[] foundIds = new long[found.size()];
            byte[][] foundRecords = new byte[found.size()][];
            for (int i = 0; i < foundIds.length; i++) {
                foundIds[i] = q.spec().codec.id(found.get(i));
                foundRecords[i] = snapshot.get(collection, foundIds[i]);
            }
            boolean changed = last == null || !Arrays.equals(foundIds, last.ids())
                    || !Arrays.deepEquals(foundRecords, last.records());
            last = new Run<>(found, foundIds, foundRecords);
            sortedIds = foundIds.clone();
            Arrays.sort(sortedIds);
            return changed;
        }

        /** Whether the event wrote or deleted an object that matched before or matches now. */
        private boolean touchesMatch(WatcherActor watcher, ChangeEvent event) {
            ChangedIds changed = event.changes().get(collection);
            if (changed == null) {
                return false;
            }
            if (changed.cleared() || changed.size() > MAX_CHECKED_IDS || mine == null || mine.spec().offset > 0) {
                return true;
            }
            if (changed.containsAny(sortedIds)) {
                return true;
            }
            try (Snapshot now = watcher.snapshot()) {
                for (long id : changed.toArray()) {
                    if (matches(id, now.get(collection, id))) {
                        return true;
                    }
                }
            }
            return false;
        }

        private boolean matches(long id, byte[] record) {
            if (record == null) {
                return false;
            }
            int offset = Records.valueOffset(record);
            T object = mine.spec().codec.decode(id, record, offset, record.length - offset);
            return QueryRunner.matchesWhere(mine.spec(), object) && (mine.spec().predicate == null || mine.spec().predicate.test(object));
        }
    }

    /**
     * A count watcher: after each commit that touched the collection (or a lost event), counts the
     * query's results again in the watcher actor, and delivers the count when it changed. It decodes
     * only what the query's own filters need (a query without filters decodes nothing).
     */
    private static final class CountTarget<T> implements Target {
        private final WatchedQuery<T> query;
        private final LongConsumer delivery;
        private WatchedQuery<T> mine;
        private long count;

        CountTarget(WatchedQuery<T> query, LongConsumer delivery) {
            this.query = query;
            this.delivery = delivery;
        }

        @Override
        public String describe() {
            return "the count of a query of collection '" + query.spec().schema.name() + "'";
        }

        @Override
        public void start(Snapshot snapshot) {
            count = query.countAt(snapshot);
        }

        @Override
        @SuppressWarnings("unchecked")
        public void begin(WatcherActor watcher) {
            mine = query.rebind(watcher.handle().collection((Class<T>) query.spec().schema.type()));
        }

        @Override
        public void immediately(WatcherActor watcher) {
            long n = count;
            watcher.deliver(() -> delivery.accept(n));
        }

        @Override
        public void event(WatcherActor watcher, ChangeEvent event, boolean gap) {
            if (gap || query.affectedBy(event)) {
                watcher.scheduleRerun();
            }
        }

        @Override
        public void rerun(WatcherActor watcher) {
            long n;
            try (Snapshot now = watcher.snapshot()) {
                n = mine.countAt(now);
            }
            if (n != count) {
                count = n;
                watcher.deliver(() -> delivery.accept(n));
            }
        }
    }

    /**
     * Forwards every event, and a {@link ChangeEvent.Kind#HISTORY_LOST} marker where the log no longer
     * reached back; when it stops (cancelled, its target stopped, or the instance closed) it tells a
     * {@link ChangeEvent.Kind#END} event with the last version handled.
     */
    private static final class ForwardTarget implements Target {
        private final ActorRef<ChangeEvent> target;
        private WatcherActor watcher;

        ForwardTarget(ActorRef<ChangeEvent> target) {
            this.target = target;
        }

        @Override
        public String describe() {
            return "every commit";
        }

        @Override
        public void begin(WatcherActor watcher) {
            this.watcher = watcher;
        }

        @Override
        public void immediately(WatcherActor watcher) {
        }

        @Override
        public void event(WatcherActor watcher, ChangeEvent event, boolean gap) {
            target.tell(event);
        }

        @Override
        public void historyLost(WatcherActor watcher, ChangeEvent marker) {
            target.tell(marker);
        }

        @Override
        public void stopped(boolean instanceClosed) {
            if (watcher != null) {
                target.tell(ChangeEvent.end(watcher.instance.name, watcher.version));
            }
        }
    }

    /** The actor of one watcher. Package-private so that targets (query watchers) can use it. */
    public static final class WatcherActor extends AbstractBehavior<Object> {
        private final Instance instance;
        private final WatchOptions options;
        private final Target watched;
        private final AtomicBoolean ended;
        private final AtomicBoolean unlisted;
        private final List<ChangeEvent> early = new ArrayList<>();
        private Atoll handle;
        private Codecs codecs;
        /** The most events one read of the change log brings. */
        static final int FILL_BATCH = 256;
        private long version = -1;
        private boolean subscribed;
        /** The version the watcher started from (the latest commit at the watch call, or the caller's). */
        private long startVersion;
        private boolean rerunScheduled;
        private boolean instanceClosed;

        private WatcherActor(ActorContext<Object> context, Instance instance, WatchOptions options,
                             ActorRef<?> target, Target watched, AtomicBoolean ended, AtomicBoolean unlisted) {
            super(context);
            this.instance = instance;
            this.options = options;
            this.watched = watched;
            this.ended = ended;
            this.unlisted = unlisted;
            LIVE.incrementAndGet();
            if (target != null) {
                context.watch(target);
            }
            if (options.owner() != null) {
                context.watch(options.owner());
            }
            context.watch(instance.topic);
        }

        @Override
        public Receive<Object> createReceive() {
            return newReceiveBuilder()
                    .onMessage(ChangeEvent.class, this::onEvent)
                    .onMessage(Start.class, this::onStart)
                    .onMessage(Topic.TopicStats.class, stats -> onSubscribed())
                    .onMessageEquals(Control.RERUN, this::onRerun)
                    .onMessageEquals(WatchAck.INSTANCE, () -> guarded(() -> watched.acked(this)))
                    .onMessageEquals(Control.CANCEL, Behaviors::stopped)
                    .onSignal(Terminated.class, this::onTerminated)
                    .onSignal(PostStop.class, s -> onPostStop())
                    .build();
        }

        /** A snapshot of the latest commit; the caller closes it. */
        public Snapshot snapshot() {
            return instance.snapshot();
        }

        /** This watcher's own codecs (and Kryo), made on first use. */
        public Codecs codecs() {
            if (codecs == null) {
                codecs = instance.newCodecs();
            }
            return codecs;
        }

        /** This watcher's own handle (with its own Kryo), made on first use; it is never closed. */
        public Atoll handle() {
            if (handle == null) {
                handle = ApiAccess.get().unownedHandle(instance);
            }
            return handle;
        }

        /**
         * Runs a delivery unless the subscription was cancelled. What the user's callback or adapter throws
         * (checked exceptions and errors such as {@link AssertionError} included, but not a
         * {@link Failures#isFatal fatal} one) is logged at ERROR, and the watcher goes on to later commits.
         *
         * @return whether the delivery ran and returned normally
         */
        public boolean deliver(Runnable delivery) {
            if (ended.get()) {
                return false;
            }
            try {
                delivery.run();
                return true;
            } catch (Throwable e) {
                Failures.rethrowIfFatal(e);
                getContext().getLog().error("the callback of Atoll watcher {} on {} of instance '{}' threw; the"
                        + " watcher goes on", getContext().getSelf().path().name(), watched.describe(),
                        instance.name, e);
                return false;
            }
        }

        /** Where an acknowledged target sends its {@link WatchAck}: this watcher actor. */
        public ActorRef<WatchAck> ackRef() {
            return getContext().getSelf().narrow();
        }

        /**
         * Asks for one {@link Target#rerun} after the messages already in the mailbox: events that
         * arrive meanwhile are coalesced into that one re-run.
         */
        public void scheduleRerun() {
            if (!rerunScheduled) {
                rerunScheduled = true;
                getContext().getSelf().tell(Control.RERUN);
            }
        }

        private Behavior<Object> onStart(Start start) {
            version = start.version();
            startVersion = start.version();
            Behavior<Object> next = guarded(() -> {
                watched.begin(this);
                if (options.firesImmediately()) {
                    watched.immediately(this);
                }
            });
            if (next != this) {
                return next;
            }
            List<ChangeEvent> buffered = new ArrayList<>(early);
            early.clear();
            for (ChangeEvent e : buffered) {
                next = onEvent(e);
                if (next != this) {
                    return next;
                }
            }
            return subscribed ? guarded(() -> fill(instance.core.readableVersion())) : this;
        }

        /** The topic answered: the subscription is in, so every later commit is published to this watcher. */
        private Behavior<Object> onSubscribed() {
            subscribed = true;
            return version < 0 ? this : guarded(() -> fill(instance.core.readableVersion()));
        }

        private Behavior<Object> onEvent(ChangeEvent event) {
            if (version < 0) {
                early.add(event);
                return this;
            }
            if (event.version() <= version) {
                return this; // handled already: a duplicate, or it came after a gap fill that read it
            }
            // the test hook counts commits from the watch call, not events received: a commit made before the
            // subscription was in is read from the log, and is never "lost"
            if (ApiAccess.get().drops(options, (int) Math.min(Integer.MAX_VALUE, event.version() - startVersion))) {
                return this;
            }
            return guarded(() -> {
                fill(event.version() - 1);
                if (event.version() == version + 1) {
                    version = event.version();
                    watched.event(this, event, false);
                }
            });
        }

        /**
         * Hands the target every version from the last one handled up to {@code until}, read from the
         * change log, in order; where the log no longer reaches back, one {@link ChangeEvent.Kind#HISTORY_LOST}
         * event stands for the versions it lost.
         */
        private void fill(long until) {
            while (version < until && !ended.get()) {
                dev.atoll.internal.store.ChangeLog.Read read = instance.core.changesSince(version,
                        (int) Math.min(until - version, FILL_BATCH));
                if (read.historyLost()) {
                    // a log that starts past what is needed, or (damage) has a hole: all up to until is lost
                    long lost = read.oldest() == 0 || read.oldest() - 1 <= version ? until
                            : Math.min(until, read.oldest() - 1);
                    version = lost;
                    watched.historyLost(this, ChangeEvent.historyLost(instance.name, lost));
                    continue;
                }
                if (read.events().isEmpty()) {
                    return; // not readable yet: its event, or the next one, comes through the topic
                }
                for (ChangeEvent e : read.events()) {
                    version = e.version();
                    watched.event(this, e, false);
                }
            }
        }

        private Behavior<Object> onRerun() {
            rerunScheduled = false;
            return guarded(() -> watched.rerun(this));
        }

        /** Runs a step of the target; a closed instance ends the watcher. */
        private Behavior<Object> guarded(Runnable step) {
            try {
                step.run();
                return this;
            } catch (InstanceClosedException e) {
                instanceClosed = true;
                return Behaviors.stopped();
            } catch (Throwable e) {
                Failures.rethrowIfFatal(e);
                getContext().getLog().error("Atoll watcher {} on {} of instance '{}' failed; it goes on",
                        getContext().getSelf().path().name(), watched.describe(), instance.name, e);
                return this;
            }
        }

        private Behavior<Object> onTerminated(Terminated terminated) {
            if (terminated.getRef().equals(instance.topic)) {
                instanceClosed = true;
                if (version >= 0) {
                    // the topic may stop before it passed on the last commits: they are still in memory
                    guarded(() -> fill(instance.core.readableVersion()));
                }
            }
            return Behaviors.stopped();
        }

        private Behavior<Object> onPostStop() {
            ended.set(true);
            LIVE.decrementAndGet();
            if (unlisted.compareAndSet(false, true)) {
                instance.listeners.decrementAndGet();
            }
            if (!instanceClosed) {
                instance.topic.tell(Topic.unsubscribe(getContext().getSelf().narrow()));
            }
            watched.stopped(instanceClosed);
            return this;
        }
    }
}
