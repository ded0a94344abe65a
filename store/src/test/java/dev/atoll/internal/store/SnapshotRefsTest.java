package dev.atoll.internal.store;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A snapshot's reference count and its pin on the MVStore version it reads: the pin goes when the last
 * holder closes, never before, and a snapshot whose holders are all gone cannot be taken again.
 */
class SnapshotRefsTest {
    private MVStore store;
    private MVStore.TxCounter counter;

    @BeforeEach
    void open() {
        store = MVStore.open(null);
        counter = store.registerVersionUsage();
    }

    @AfterEach
    void close() {
        if (!store.isClosed()) {
            store.close();
        }
    }

    /** MVStore's count of the readers of a version, as its counter shows it ("v=N / cnt=M"). */
    private String pins() {
        String s = counter.toString();
        return s.substring(s.indexOf("cnt="));
    }

    @Test
    void close_lastHolder_releasesThePinOnce() {
        Snapshot s = new Snapshot(store, 1, Map.of(), counter);
        assertEquals("cnt=1", pins());
        assertTrue(s.tryAcquire(), "a live snapshot can be shared");
        s.close();
        assertEquals("cnt=1", pins(), "one holder is left: the version stays pinned");
        s.close();
        assertEquals("cnt=0", pins(), "the last holder gone: the pin goes");
    }

    @Test
    void tryAcquire_afterTheLastHolderClosed_isRefused() {
        Snapshot s = new Snapshot(store, 1, Map.of(), counter);
        s.close();
        assertFalse(s.tryAcquire());
        assertFalse(s.tryAcquire(), "and stays refused");
        assertEquals("cnt=0", pins());
    }

    @Test
    void tryAcquire_manyTimes_needsAsManyClosesToRelease() {
        Snapshot s = new Snapshot(store, 1, Map.of(), counter);
        for (int i = 0; i < 3; i++) {
            assertTrue(s.tryAcquire());
        }
        for (int i = 0; i < 3; i++) {
            s.close();
            assertEquals("cnt=1", pins());
        }
        s.close();
        assertEquals("cnt=0", pins());
    }

    @Test
    void close_storeAlreadyClosed_leavesTheCounterAlone() {
        Snapshot s = new Snapshot(store, 1, Map.of(), counter);
        store.close();
        s.close();
        assertEquals("cnt=1", pins(), "a closed store has no versions to release");
    }

    @Test
    void close_withoutACounter_isFine() {
        Snapshot s = new Snapshot(store, 1, Map.of(), null);
        s.close();
        assertFalse(s.tryAcquire());
    }

    @Test
    void collections_onlyTheDataMapsCount() {
        MVMap<Long, byte[]> data = store.openMap(StoreMaps.DATA_PREFIX + "Item");
        MVMap<Long, byte[]> other = store.openMap("x:Other");
        data.put(1L, new byte[] {7});
        other.put(1L, new byte[] {9});
        try (Snapshot s = new Snapshot(store, 1, Map.of(data.getName(), data, other.getName(), other), null)) {
            assertEquals(7, s.get("Item", 1)[0]);
            assertThrows(IllegalArgumentException.class, () -> s.get("Other", 1));
        }
    }
}
