package dev.atoll;

/**
 * How a watcher starts. The default delivers only changes that commit after the watch call;
 * {@link #fireImmediately()} also delivers once at once.
 */
public final class WatchOptions {
    private static final WatchOptions DEFAULT = new WatchOptions(false);
    private static final WatchOptions IMMEDIATE = new WatchOptions(true);

    private final boolean fireImmediately;

    private WatchOptions(boolean fireImmediately) {
        this.fireImmediately = fireImmediately;
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
}
