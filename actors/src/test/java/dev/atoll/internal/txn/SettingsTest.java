package dev.atoll.internal.txn;

import dev.atoll.Atoll;
import dev.atoll.AtollException;
import dev.atoll.ErrorCode;
import dev.atoll.WatchedItem;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import dev.atoll.internal.store.StoreOptions;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import java.time.Duration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every {@code atoll.*} setting is checked when an instance opens; a bad one is refused by name. */
class SettingsTest {

    private static Config with(String overrides) {
        return ConfigFactory.parseString(overrides).withFallback(ConfigFactory.load()).resolve();
    }

    private static AtollException refused(String overrides) {
        AtollException e = assertThrows(AtollException.class, () -> Settings.of(with(overrides)));
        assertEquals(ErrorCode.INVALID_SETTING, e.code(), e.getMessage());
        return e;
    }

    /** Regression: a zero commit timeout opened fine, and then every commit failed as "did not answer". */
    @Test
    void open_zeroCommitTimeout_refusedAtOpenBeforeTheFileIsMade(@TempDir Path dir) {
        ActorTestKit kit = ActorTestKit.create("SettingsTest", with("atoll.commit-timeout = 0s"));
        try {
            AtollException e = assertThrows(AtollException.class,
                    () -> Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "zero"));
            assertEquals(ErrorCode.INVALID_SETTING, e.code());
            assertTrue(e.getMessage().startsWith("setting atoll.commit-timeout is \"0s\""), e.getMessage());
            assertFalse(Files.exists(dir.resolve("zero.atoll")), "nothing is written before the check");
            assertEquals(Optional.empty(), Atoll.getInstance(kit.system(), "zero"));
        } finally {
            kit.shutdownTestKit();
        }
    }

    @Test
    void of_defaults_theValuesOfReferenceConf() {
        Settings s = Settings.of(ConfigFactory.load());
        assertEquals(Duration.ofSeconds(60), s.commitTimeout());
        assertEquals(StoreOptions.Durability.SYNC, s.durability());
        assertEquals(16, s.cacheSizeMb());
        assertEquals(1000, s.maxAttempts());
    }

    @Test
    void of_smallestAndLargestAccepted_taken() {
        Settings s = Settings.of(with("atoll { commit-timeout = 1ms, durability = write, cache-size-mb = 1,"
                + " max-transaction-attempts = 1 }"));
        assertEquals(Duration.ofMillis(1), s.commitTimeout());
        assertEquals(StoreOptions.Durability.WRITE, s.durability());
        assertEquals(1, s.cacheSizeMb());
        assertEquals(1, s.maxAttempts());
        assertEquals(Settings.MAX_COMMIT_TIMEOUT, Settings.of(with("atoll.commit-timeout = "
                + Integer.MAX_VALUE + "ms")).commitTimeout());
    }

    /** Regression: a zero commit timeout was taken, and every commit then failed as "did not answer". */
    @Test
    void of_zeroCommitTimeout_refusedNamingTheSettingAndTheValue() {
        AtollException e = refused("atoll.commit-timeout = 0s");
        assertEquals("setting atoll.commit-timeout is \"0s\"; it must be a duration above 0 and at most "
                + Settings.MAX_COMMIT_TIMEOUT, e.getMessage());
        assertNull(e.getCause());
    }

    @Test
    void of_negativeOrTooLongCommitTimeout_refused() {
        assertTrue(refused("atoll.commit-timeout = -5s").getMessage().contains("\"-5s\""));
        assertTrue(refused("atoll.commit-timeout = " + (Integer.MAX_VALUE + 1L) + "ms").getMessage()
                .startsWith("setting atoll.commit-timeout is "));
    }

    @Test
    void of_commitTimeoutNotADuration_refusedWithTheParseErrorAsCause() {
        AtollException e = refused("atoll.commit-timeout = soon");
        assertTrue(e.getMessage().startsWith("setting atoll.commit-timeout is \"soon\"; it must be a duration"),
                e.getMessage());
        assertTrue(e.getCause() instanceof com.typesafe.config.ConfigException, String.valueOf(e.getCause()));
    }

    @Test
    void of_missingSetting_refusedAsMissing() {
        Config noTimeout = ConfigFactory.load().withoutPath("atoll.commit-timeout");
        AtollException e = assertThrows(AtollException.class, () -> Settings.of(noTimeout));
        assertEquals(ErrorCode.INVALID_SETTING, e.code());
        assertEquals("setting atoll.commit-timeout is missing; it must be a duration such as 60s", e.getMessage());
    }

    @Test
    void of_unknownDurability_refused() {
        assertEquals("setting atoll.durability is \"fsync\"; it must be sync or write",
                refused("atoll.durability = fsync").getMessage());
    }

    @Test
    void of_durabilityNotAString_refused() {
        assertTrue(refused("atoll.durability { a = 1 }").getMessage().startsWith("setting atoll.durability is {"));
    }

    @Test
    void of_zeroOrNegativeCounts_refusedByName() {
        assertEquals("setting atoll.cache-size-mb is 0; it must be a whole number of 1 or more",
                refused("atoll.cache-size-mb = 0").getMessage());
        assertEquals("setting atoll.max-transaction-attempts is 0; it must be a whole number of 1 or more",
                refused("atoll.max-transaction-attempts = 0").getMessage());
        assertTrue(refused("atoll.max-transaction-attempts = -3").getMessage().contains(" is -3;"));
        assertTrue(refused("atoll.cache-size-mb = lots").getMessage().contains(" is \"lots\";"));
    }

    @Test
    void of_storeDispatcherNotADispatcher_refused() {
        AtollException e = refused("atoll.store-dispatcher = { throughput = 5, type = null }");
        assertTrue(e.getMessage().startsWith("setting atoll.store-dispatcher is not a dispatcher"), e.getMessage());
    }

    @Test
    void of_atollNotAnObject_refusedAsUnreadable() {
        Config broken = ConfigFactory.parseString("atoll = 5");
        AtollException e = assertThrows(AtollException.class, () -> Settings.of(broken));
        assertEquals(ErrorCode.INVALID_SETTING, e.code());
        assertTrue(e.getMessage().startsWith("setting atoll.commit-timeout is unreadable ("), e.getMessage());
    }

    @Test
    void of_changeLog_defaultsAndBoundsTaken() {
        assertEquals(new dev.atoll.internal.store.ChangeLog.Retention(10_000, Duration.ofHours(24)),
                Settings.of(ConfigFactory.load()).logRetention());
        Settings smallest = Settings.of(with("atoll.change-log { max-entries = 1, max-age = 1ms }"));
        assertEquals(new dev.atoll.internal.store.ChangeLog.Retention(1, Duration.ofMillis(1)), smallest.logRetention());
        assertEquals(dev.atoll.internal.store.ChangeLog.Retention.MAX_AGE, Settings.of(with("atoll.change-log.max-age = "
                + dev.atoll.internal.store.ChangeLog.Retention.MAX_AGE.toDays() + "d")).logRetention().maxAge());
    }

    @Test
    void of_badChangeLogSettings_refusedByName() {
        assertEquals("setting atoll.change-log.max-entries is 0; it must be a whole number of 1 or more",
                refused("atoll.change-log.max-entries = 0").getMessage());
        assertTrue(refused("atoll.change-log.max-entries = many").getMessage()
                .startsWith("setting atoll.change-log.max-entries is \"many\""));
        assertEquals("setting atoll.change-log.max-age is \"0s\"; it must be a duration above 0 and at most 36500 days",
                refused("atoll.change-log.max-age = 0s").getMessage());
        assertTrue(refused("atoll.change-log.max-age = -1s").getMessage().startsWith("setting atoll.change-log.max-age"));
        String tooOld = refused("atoll.change-log.max-age = 36501d").getMessage();
        assertTrue(tooOld.startsWith("setting atoll.change-log.max-age is ") && tooOld.contains("36501d"), tooOld);
    }

    @Test
    void of_watcherDispatcher_emptyIsPekkosDefault_aDispatcherPathIsTaken() {
        assertNull(Settings.of(ConfigFactory.load()).watcherDispatcher());
        assertEquals("my-watchers", Settings.of(with("my-watchers { type = Dispatcher }\n"
                + "atoll.watchers.dispatcher = my-watchers")).watcherDispatcher());
        assertEquals("pekko.actor.default-dispatcher", Settings.of(with(
                "atoll.watchers.dispatcher = pekko.actor.default-dispatcher")).watcherDispatcher());
    }

    @Test
    void of_watcherDispatcherThatNamesNoDispatcher_refusedNamingTheSettingAndThePath() {
        assertEquals("setting atoll.watchers.dispatcher is \"no-such\"; it must be the configuration path of a"
                + " dispatcher, or \"\" for Pekko's default dispatcher (the configuration has no dispatcher at"
                + " 'no-such')", refused("atoll.watchers.dispatcher = no-such").getMessage());
        assertTrue(refused("atoll.watchers.dispatcher = atoll.durability").getMessage()
                .contains("no dispatcher at 'atoll.durability'"), "a path to a value that is not an object");
        assertTrue(refused("atoll.watchers.dispatcher = \"a..b\"").getMessage()
                .contains("no dispatcher at 'a..b'"), "a path that is not a path");
        assertTrue(refused("atoll.watchers.dispatcher = { type = Dispatcher }").getMessage()
                .startsWith("setting atoll.watchers.dispatcher is {"), "an object, not a path");
    }

    @Test
    void open_watcherDispatcherThatNamesNoDispatcher_refusedAtOpenBeforeTheFileIsMade(@TempDir Path dir) {
        ActorTestKit kit = ActorTestKit.create("SettingsTest", with("atoll.watchers.dispatcher = missing-one"));
        try {
            AtollException e = assertThrows(AtollException.class,
                    () -> Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "noWatchers"));
            assertEquals(ErrorCode.INVALID_SETTING, e.code());
            assertTrue(e.getMessage().startsWith("setting atoll.watchers.dispatcher is \"missing-one\""),
                    e.getMessage());
            assertFalse(Files.exists(dir.resolve("noWatchers.atoll")), "nothing is written before the check");
        } finally {
            kit.shutdownTestKit();
        }
    }
}
