package dev.atoll;

import org.apache.pekko.actor.typed.ActorRef;

import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * How a watcher starts and where it runs. The default delivers only changes that commit after the
 * watch call, runs on the instance's watcher dispatcher ({@code atoll.watchers.dispatcher}; by default
 * Pekko's default dispatcher) and lives until it is cancelled, its target actor stops or the instance
 * closes. {@link #fireImmediately()} also delivers once at once: the current object or query result, or
 * one call of a lazy watcher.
 *
 * <p>Immutable: each {@code with...} method returns new options.
 */
public final class WatchOptions {
    private static final IntPredicate KEEP_ALL = n -> false;
    private static final WatchOptions DEFAULT = new WatchOptions(false, KEEP_ALL, null, null);
    private static final WatchOptions IMMEDIATE = new WatchOptions(true, KEEP_ALL, null, null);

    private final boolean fireImmediately;
    private final IntPredicate drop;
    private final String dispatcher;
    private final ActorRef<?> owner;

    private WatchOptions(boolean fireImmediately, IntPredicate drop, String dispatcher, ActorRef<?> owner) {
        this.fireImmediately = fireImmediately;
        this.drop = drop;
        this.dispatcher = dispatcher;
        this.owner = owner;
    }

    /** Deliver only for commits after the watch call. */
    public static WatchOptions defaults() {
        return DEFAULT;
    }

    /** Deliver once right away, then for every commit after the watch call. */
    public static WatchOptions fireImmediately() {
        return IMMEDIATE;
    }

    /** Whether the first delivery happens right away. */
    public boolean firesImmediately() {
        return fireImmediately;
    }

    /**
     * These options, with the watcher's reads, decoding and callbacks (or adapters) run on the
     * dispatcher configured at {@code configPath} in the actor system's configuration (as for
     * {@link org.apache.pekko.actor.typed.DispatcherSelector#fromConfig}), instead of the instance's
     * ({@code atoll.watchers.dispatcher}, by default Pekko's default dispatcher). Give a slow or blocking
     * callback a dispatcher of its own.
     *
     * @throws NullPointerException when {@code configPath} is null
     * @throws IllegalArgumentException when it is blank; a path that names no dispatcher is refused by
     *         the watch call, with an {@code IllegalArgumentException} that names it
     */
    public WatchOptions withDispatcher(String configPath) {
        Objects.requireNonNull(configPath, "configPath");
        if (configPath.isBlank()) {
            throw new IllegalArgumentException("a watcher's dispatcher needs a configuration path, not '"
                    + configPath + "'");
        }
        return new WatchOptions(fireImmediately, drop, configPath, owner);
    }

    /** The configuration path of the watcher's dispatcher, or null for the instance's (see {@link #withDispatcher}). */
    public String dispatcher() {
        return dispatcher;
    }

    /**
     * These options, with the subscription tied to the lifecycle of {@code owner} (typically
     * {@code context.getSelf()} of the actor that watches): when that actor stops, the subscription
     * ends as if cancelled, and its watcher actor stops.
     *
     * @throws NullPointerException when {@code owner} is null
     */
    public WatchOptions tiedTo(ActorRef<?> owner) {
        return new WatchOptions(fireImmediately, drop, dispatcher, Objects.requireNonNull(owner, "owner"));
    }

    /** The actor the subscription is tied to, or null. */
    public ActorRef<?> owner() {
        return owner;
    }

    /**
     * For tests only: these options, with a watcher that acts as if Pekko had lost the events of the
     * commits whose number (1 for the first commit after the watch call) passes the test. A commit the
     * watcher reads from the change log (one made before its subscription was in) is never lost.
     */
    WatchOptions droppingEvents(IntPredicate which) {
        return new WatchOptions(fireImmediately, Objects.requireNonNull(which, "which"), dispatcher, owner);
    }

    /** Whether the watcher drops its {@code n}th event (a test hook). */
    boolean drops(int n) {
        return drop.test(n);
    }

    @Override
    public String toString() {
        return "WatchOptions[" + (fireImmediately ? "fireImmediately" : "defaults")
                + (dispatcher == null ? "" : ", dispatcher=" + dispatcher)
                + (owner == null ? "" : ", tiedTo=" + owner.path()) + "]";
    }
}
