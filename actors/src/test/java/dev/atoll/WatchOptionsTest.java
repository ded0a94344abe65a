package dev.atoll;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a watcher starts, and the test hook that loses events. */
class WatchOptionsTest {
    @Test
    void defaults_doNotFireImmediatelyAndDropNothing() {
        WatchOptions o = WatchOptions.defaults();
        assertFalse(o.firesImmediately());
        assertFalse(o.drops(1));
        assertFalse(o.drops(Integer.MAX_VALUE));
        assertEquals("WatchOptions[defaults]", o.toString());
        assertSame(o, WatchOptions.defaults());
    }

    @Test
    void fireImmediately_firesAndDropsNothing() {
        WatchOptions o = WatchOptions.fireImmediately();
        assertTrue(o.firesImmediately());
        assertFalse(o.drops(1));
        assertEquals("WatchOptions[fireImmediately]", o.toString());
    }

    @Test
    void droppingEvents_keepsTheStartAndDropsTheEventsTheTestNames() {
        WatchOptions o = WatchOptions.fireImmediately().droppingEvents(n -> n == 2);
        assertTrue(o.firesImmediately());
        assertFalse(o.drops(1));
        assertTrue(o.drops(2));
        assertFalse(WatchOptions.defaults().droppingEvents(n -> true).firesImmediately());
        assertTrue(WatchOptions.defaults().droppingEvents(n -> true).drops(1));
        assertThrows(NullPointerException.class, () -> WatchOptions.defaults().droppingEvents(null));
    }
}
