package dev.atoll.feed;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What a watcher reads from one commit's event. */
class ChangeEventTest {

    @Test
    void touches_namesTheCollectionsAndIdsOfTheCommitOnly() {
        ChangeEvent e = new ChangeEvent("db", 4, Map.of("Item", ChangedIds.of(false, 2, 3),
                "Gone", ChangedIds.of(true)));
        assertTrue(e.touches("Item"));
        assertTrue(e.touches("Item", 3));
        assertFalse(e.touches("Item", 4));
        assertFalse(e.touches("Other"));
        assertFalse(e.touches("Other", 2));
        assertTrue(e.touches("Gone", 99), "a cleared collection touches every id");
        assertEquals(Set.of("Item", "Gone"), e.collections());
    }

    @Test
    void changes_areCopiedIn() {
        Map<String, ChangedIds> changes = new HashMap<>();
        changes.put("Item", ChangedIds.of(false, 1));
        ChangeEvent e = new ChangeEvent("db", 1, changes);
        changes.put("Other", ChangedIds.of(false, 1));
        assertFalse(e.touches("Other"));
    }

    @Test
    void kinds_commitByDefault_andTheMarkersCarryNoChanges() {
        ChangeEvent commit = new ChangeEvent("db", 3, Map.of());
        assertEquals(ChangeEvent.Kind.COMMIT, commit.kind());
        assertTrue(commit.isCommit());
        ChangeEvent lost = ChangeEvent.historyLost("db", 7);
        assertEquals(new ChangeEvent("db", 7, Map.of(), ChangeEvent.Kind.HISTORY_LOST), lost);
        assertFalse(lost.isCommit());
        ChangeEvent end = ChangeEvent.end("db", 9);
        assertEquals(new ChangeEvent("db", 9, Map.of(), ChangeEvent.Kind.END), end);
        assertFalse(end.isCommit());
        assertThrows(NullPointerException.class, () -> new ChangeEvent("db", 1, Map.of(), null));
    }
}
