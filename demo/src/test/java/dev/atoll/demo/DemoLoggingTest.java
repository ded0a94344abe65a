package dev.atoll.demo;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigFactory;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The demo's logging configuration shows Atoll's warnings and keeps Pekko's chatter out. */
class DemoLoggingTest {

    @Test
    void logback_atollWarnings_shown_pekkoInfoAndDebug_hidden() {
        Logger atoll = LoggerFactory.getLogger("dev.atoll.Watchers$WatcherActor");
        assertTrue(atoll.isWarnEnabled(), "Atoll's warnings are shown");
        assertFalse(atoll.isInfoEnabled());
        Logger pekko = LoggerFactory.getLogger("org.apache.pekko.actor.typed.pubsub.Topic");
        assertFalse(pekko.isInfoEnabled(), "Pekko's info lines (dead letters) stay out");
        assertFalse(pekko.isDebugEnabled());
        assertTrue(pekko.isWarnEnabled());
    }

    @Test
    void applicationConf_pekkoLogsThroughSlf4jWithoutDeadLetters() {
        Config config = ConfigFactory.load();
        assertEquals("org.apache.pekko.event.slf4j.Slf4jLogger", config.getStringList("pekko.loggers").get(0));
        assertEquals("off", config.getString("pekko.log-dead-letters"));
        assertFalse(config.getBoolean("pekko.log-dead-letters-during-shutdown"));
    }
}
