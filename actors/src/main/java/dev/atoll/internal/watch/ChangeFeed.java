package dev.atoll.internal.watch;

import dev.atoll.InstanceClosedException;

import dev.atoll.Subscription;
import dev.atoll.internal.txn.Instance;

import dev.atoll.feed.ChangeEvent;

import dev.atoll.internal.store.ChangeLog;
import dev.atoll.internal.store.StoreCore;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.japi.Pair;
import org.apache.pekko.stream.KillSwitches;
import org.apache.pekko.stream.UniqueKillSwitch;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Source;

import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Internal: the change feed as a pull-based Pekko Streams source ({@link Atoll#changeSource}). Each pull
 * takes the next event from a small buffer, refilled from the store's change log ({@link StoreCore#changesSince})
 * only when it is empty; when the log holds nothing newer, the pull waits for the store's next commit
 * ({@link StoreCore#nextCommit}). So the stream reads the log exactly as fast as its downstream pulls: a slow
 * downstream slows its own replay, and nothing queues up for it. It needs no pub-sub at all: the commit
 * signal wakes it, and the log gives every version in order.
 */
public final class ChangeFeed {
    /** The most events one read of the log brings into the buffer. */
    static final int BATCH = 256;

    private final StoreCore core;
    private final String instance;
    private final Executor executor;
    private final ArrayDeque<ChangeEvent> buffer = new ArrayDeque<>();
    /** Whether the stream ended: cancelled, its downstream gone, or the instance closed. */
    private final AtomicBoolean ended = new AtomicBoolean();
    private long after;

    private ChangeFeed(StoreCore core, String instance, Executor executor, long after) {
        this.core = core;
        this.instance = instance;
        this.executor = executor;
        this.after = after;
    }

    /**
     * The source; {@code from} negative: after the newest commit when the stream is materialized.
     */
    public static Source<ChangeEvent, Subscription> source(Instance instance, ActorSystem<?> system, long from) {
        Executor executor = system.executionContext();
        // the start is taken when the stream is materialized (run), not at its first pull
        Source<ChangeEvent, ChangeFeed> events = Source.<ChangeFeed>maybe()
                .flatMapConcat(feed -> Source.unfoldAsync(feed, ChangeFeed::pull))
                .mapMaterializedValue(start -> {
                    ChangeFeed feed = new ChangeFeed(instance.core, instance.name, executor,
                            from < 0 ? instance.core.readableVersion() : from);
                    start.complete(Optional.of(feed));
                    return feed;
                });
        return events.viaMat(KillSwitches.single(), Keep.both())
                .watchTermination((pair, done) -> subscription(pair.first().ended, pair.second(), done));
    }

    private static Subscription subscription(AtomicBoolean ended, UniqueKillSwitch kill,
                                             CompletionStage<org.apache.pekko.Done> done) {
        done.whenComplete((d, failure) -> ended.set(true));
        return new Subscription() {
            @Override
            public void cancel() {
                ended.set(true);
                kill.shutdown();
            }

            @Override
            public boolean isCancelled() {
                return ended.get();
            }
        };
    }

    private CompletionStage<Optional<Pair<ChangeFeed, ChangeEvent>>> end() {
        ended.set(true);
        return CompletableFuture.completedFuture(Optional.empty());
    }

    /** The next event, once there is one; empty when the instance closed and every commit was handed out. */
    private CompletionStage<Optional<Pair<ChangeFeed, ChangeEvent>>> pull() {
        while (true) {
            ChangeEvent next = buffer.poll();
            if (next != null) {
                return CompletableFuture.completedFuture(Optional.of(Pair.create(this, next)));
            }
            CompletionStage<Long> signal = core.nextCommit(); // taken before the read: no commit slips between
            ChangeLog.Read read;
            try {
                read = core.changesSince(after, BATCH);
            } catch (InstanceClosedException e) {
                return end();
            }
            if (read.historyLost()) {
                long lost = read.oldest() == 0 || read.oldest() - 1 <= after ? read.newest() : read.oldest() - 1;
                after = lost;
                return CompletableFuture.completedFuture(Optional.of(Pair.create(this,
                        ChangeEvent.historyLost(instance, lost))));
            }
            if (read.events().isEmpty()) {
                if (core.isClosed()) {
                    if (core.readableVersion() > after) {
                        continue; // the last commits, made while closing, after the read above
                    }
                    return end();
                }
                // woken by the next commit, or by the close (a failed signal): then the loop above decides
                return signal.handle((version, failure) -> this).thenComposeAsync(ChangeFeed::pull, executor);
            }
            buffer.addAll(read.events());
            after = read.events().get(read.events().size() - 1).version();
        }
    }
}
