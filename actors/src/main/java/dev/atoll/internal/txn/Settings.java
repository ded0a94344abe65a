package dev.atoll.internal.txn;

import dev.atoll.ErrorCode;

import dev.atoll.AtollException;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValueType;
import dev.atoll.internal.store.ChangeLog;
import dev.atoll.internal.store.StoreActor;
import dev.atoll.internal.store.StoreOptions;

import java.time.Duration;

/**
 * Internal: the {@code atoll.*} settings of an actor system's configuration, read and checked when an
 * instance opens. A missing, mistyped or out-of-range value is refused there with an
 * {@link AtollException} of {@link ErrorCode#INVALID_SETTING} whose message names the setting and the
 * value, instead of failing later (a zero commit timeout, say, would fail every commit).
 *
 * @param commitTimeout {@code atoll.commit-timeout}: above zero, at most {@link #MAX_COMMIT_TIMEOUT}
 * @param durability {@code atoll.durability}: {@code sync} or {@code write}
 * @param cacheSizeMb {@code atoll.cache-size-mb}: 1 or more
 * @param maxAttempts {@code atoll.max-transaction-attempts}: 1 or more
 * @param compactionFillRate {@code atoll.compaction.fill-rate}: a whole percentage from 0 (off) to 100
 * @param logRetention {@code atoll.change-log.max-entries} (1 or more) and {@code atoll.change-log.max-age}
 *     (above 0, at most {@link ChangeLog.Retention#MAX_AGE})
 * @param watcherDispatcher {@code atoll.watchers.dispatcher}: the configuration path of the watchers' dispatcher,
 *     or null (the setting is empty) for Pekko's default dispatcher
 */
public record Settings(Duration commitTimeout, StoreOptions.Durability durability, int cacheSizeMb, int maxAttempts,
                int compactionFillRate, ChangeLog.Retention logRetention, String watcherDispatcher) {
    /** The longest commit timeout: about 24 days, what Pekko's scheduler and a millisecond int can hold. */
    static final Duration MAX_COMMIT_TIMEOUT = Duration.ofMillis(Integer.MAX_VALUE);

    static final String COMMIT_TIMEOUT = "atoll.commit-timeout";
    static final String DURABILITY = "atoll.durability";
    static final String CACHE_SIZE_MB = "atoll.cache-size-mb";
    static final String MAX_ATTEMPTS = "atoll.max-transaction-attempts";
    static final String COMPACTION_FILL_RATE = "atoll.compaction.fill-rate";
    static final String LOG_MAX_ENTRIES = "atoll.change-log.max-entries";
    static final String LOG_MAX_AGE = "atoll.change-log.max-age";
    static final String WATCHER_DISPATCHER = "atoll.watchers.dispatcher";

    /**
     * Reads and checks every {@code atoll.*} setting of a configuration, the store dispatcher included.
     *
     * @throws AtollException with {@link ErrorCode#INVALID_SETTING} naming the first bad setting
     */
    public static Settings of(Config config) {
        Duration timeout = read(config, COMMIT_TIMEOUT, "a duration such as 60s",
                () -> config.getDuration(COMMIT_TIMEOUT));
        if (timeout.isZero() || timeout.isNegative() || timeout.compareTo(MAX_COMMIT_TIMEOUT) > 0) {
            throw invalid(COMMIT_TIMEOUT, config, "a duration above 0 and at most " + MAX_COMMIT_TIMEOUT);
        }
        String durability = read(config, DURABILITY, "sync or write", () -> config.getString(DURABILITY));
        StoreOptions.Durability parsed = switch (durability) {
            case "sync" -> StoreOptions.Durability.SYNC;
            case "write" -> StoreOptions.Durability.WRITE;
            default -> throw invalid(DURABILITY, config, "sync or write");
        };
        int cache = atLeastOne(config, CACHE_SIZE_MB);
        int attempts = atLeastOne(config, MAX_ATTEMPTS);
        String percentage = "a whole percentage from 0 (off) to 100";
        int fillRate = read(config, COMPACTION_FILL_RATE, percentage, () -> config.getInt(COMPACTION_FILL_RATE));
        if (fillRate < 0 || fillRate > 100) {
            throw invalid(COMPACTION_FILL_RATE, config, percentage);
        }
        long logEntries = read(config, LOG_MAX_ENTRIES, "a whole number of 1 or more",
                () -> config.getLong(LOG_MAX_ENTRIES));
        if (logEntries < 1) {
            throw invalid(LOG_MAX_ENTRIES, config, "a whole number of 1 or more");
        }
        String age = "a duration above 0 and at most " + ChangeLog.Retention.MAX_AGE.toDays() + " days";
        Duration logAge = read(config, LOG_MAX_AGE, age, () -> config.getDuration(LOG_MAX_AGE));
        if (logAge.isZero() || logAge.isNegative() || logAge.compareTo(ChangeLog.Retention.MAX_AGE) > 0) {
            throw invalid(LOG_MAX_AGE, config, age);
        }
        String dispatcher = StoreActor.DISPATCHER;
        if (!config.hasPath(dispatcher + ".type")) {
            throw new AtollException(ErrorCode.INVALID_SETTING, "setting " + dispatcher + " is not a dispatcher"
                    + " (it has no 'type'); leave it out to take the one of reference.conf", null);
        }
        return new Settings(timeout, parsed, cache, attempts, fillRate, new ChangeLog.Retention(logEntries, logAge),
                watcherDispatcher(config));
    }

    /**
     * The watchers' dispatcher: null for an empty setting, else a path where the configuration has an object
     * (what Pekko's {@code DispatcherSelector.fromConfig} looks up; a missing {@code type} takes Pekko's default).
     */
    private static String watcherDispatcher(Config config) {
        String expected = "the configuration path of a dispatcher, or \"\" for Pekko's default dispatcher";
        String path = read(config, WATCHER_DISPATCHER, expected, () -> config.getString(WATCHER_DISPATCHER));
        if (path.isEmpty()) {
            return null;
        }
        boolean dispatcher;
        try {
            dispatcher = config.hasPath(path) && config.getValue(path).valueType() == ConfigValueType.OBJECT;
        } catch (ConfigException.BadPath e) {
            dispatcher = false;
        }
        if (!dispatcher) {
            throw invalid(WATCHER_DISPATCHER, config, expected + " (the configuration has no dispatcher at '"
                    + path + "')");
        }
        return path;
    }

    private static int atLeastOne(Config config, String path) {
        int value = read(config, path, "a whole number of 1 or more", () -> config.getInt(path));
        if (value < 1) {
            throw invalid(path, config, "a whole number of 1 or more");
        }
        return value;
    }

    private static <V> V read(Config config, String path, String expected, java.util.function.Supplier<V> getter) {
        try {
            return getter.get();
        } catch (ConfigException.Missing e) {
            throw new AtollException(ErrorCode.INVALID_SETTING, "setting " + path + " is missing; it must be "
                    + expected, e);
        } catch (ConfigException e) {
            throw invalid(path, config, expected, e);
        }
    }

    private static AtollException invalid(String path, Config config, String expected) {
        return invalid(path, config, expected, null);
    }

    private static AtollException invalid(String path, Config config, String expected, Throwable cause) {
        return new AtollException(ErrorCode.INVALID_SETTING, "setting " + path + " is " + show(config, path)
                + "; it must be " + expected, cause);
    }

    private static String show(Config config, String path) {
        try {
            return config.getValue(path).render(ConfigRenderOptions.concise());
        } catch (ConfigException e) {
            return "unreadable (" + e.getMessage() + ")";
        }
    }
}
