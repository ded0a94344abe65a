package dev.atoll.internal.api;

import dev.atoll.Atoll;
import dev.atoll.WatchOptions;
import dev.atoll.internal.txn.Instance;

/**
 * The few package-private seams of the public API that the machinery in {@code dev.atoll.internal.*}
 * needs, without making them public: {@link Atoll} installs the one implementation when its class is
 * initialized (before any instance exists). The package is not exported, so users cannot reach it.
 */
public abstract class ApiAccess {
    private static volatile ApiAccess installed;

    /** Called once, by {@link Atoll}'s static initializer. */
    public static void install(ApiAccess access) {
        if (installed != null) {
            throw new IllegalStateException("ApiAccess is installed already");
        }
        installed = access;
    }

    /** The installed seams (initializing {@link Atoll} when nothing did yet). */
    public static ApiAccess get() {
        ApiAccess a = installed;
        if (a == null) {
            try {
                Class.forName(Atoll.class.getName(), true, ApiAccess.class.getClassLoader());
            } catch (ClassNotFoundException e) {
                throw new IllegalStateException(e);
            }
            a = installed;
        }
        return a;
    }

    /**
     * A handle that holds no reference on the instance, for a watcher's own reads and decoding (it is
     * never closed: the instance closes without waiting for it).
     */
    public abstract Atoll unownedHandle(Instance instance);

    /** Whether a watcher with these options drops its {@code n}th event (a test hook of {@link WatchOptions}). */
    public abstract boolean drops(WatchOptions options, int n);
}
