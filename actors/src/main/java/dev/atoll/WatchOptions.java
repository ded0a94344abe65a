package dev.atoll;

import java.util.Objects;
import java.util.function.IntPredicate;

/**
 * How a watcher starts. The default delivers only changes that commit after the watch call;
 * {@link #fireImmediately()} also delivers once at once: the current object or query result, or one
 * call of a lazy watcher.
 */
public final class WatchOptions {
    private static final IntPredicate KEEP_ALL = n -> false;
    private static final WatchOptions DEFAULT = new WatchOptions(false, KEEP_ALL);
    private static final WatchOptions IMMEDIATE = new WatchOptions(true, KEEP_ALL);

    private final boolean fireImmediately;
    private final IntPredicate drop;

    private WatchOptions(boolean fireImmediately, IntPredicate drop) {
        this.fireImmediately = fireImmediately;
        this.drop = drop;
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
     * For tests only: these options, with a watcher that acts as if Pekko had lost the events whose
     * number (1 for the first event after the watch call) passes the test.
     */
    WatchOptions droppingEvents(IntPredicate which) {
        return new WatchOptions(fireImmediately, Objects.requireNonNull(which, "which"));
    }

    /** Whether the watcher drops its {@code n}th event (a test hook). */
    boolean drops(int n) {
        return drop.test(n);
    }

    @Override
    public String toString() {
        return fireImmediately ? "WatchOptions[fireImmediately]" : "WatchOptions[defaults]";
    }
}
