package dev.atoll.internal.store;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import dev.atoll.feed.ChangedIds;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The write sets the store keeps to find conflicts: what conflicts, and how far back it can tell. */
class ConflictHistoryTest {
    private static final int MAX_ENTRIES = 4096;
    private static final int MAX_IDS = 1_000_000;

    private static WriteBatch readIds(long readVersion, String collection, Long... ids) {
        return new WriteBatch(readVersion, List.of(), new WriteBatch.ReadSet(Set.of(),
                Map.of(collection, Set.of(ids))), false);
    }

    private static WriteBatch readAll(long readVersion, String collection) {
        return new WriteBatch(readVersion, List.of(), new WriteBatch.ReadSet(Set.of(collection), Map.of()), false);
    }

    private static Map<String, ChangedIds> wrote(String collection, long... ids) {
        return Map.of(collection, ChangedIds.of(false, ids));
    }

    @Test
    void check_readObjectWrittenAfterTheSnapshot_conflictsNamingItAndBothVersions() {
        ConflictHistory history = new ConflictHistory(10);
        history.add(11, wrote("Item", 3));
        RuntimeException e = Faults.require(Fault.TRANSACTION_CONFLICT, assertThrows(RuntimeException.class, () -> history.check(readIds(10, "Item", 3L))));
        assertEquals("the transaction read Item object 3 at version 10, and commit 11 changed it since",
                e.getMessage());
    }

    @Test
    void check_readCollectionWrittenAfterTheSnapshot_conflicts() {
        ConflictHistory history = new ConflictHistory(10);
        history.add(11, wrote("Item", 3));
        RuntimeException e = Faults.require(Fault.TRANSACTION_CONFLICT, assertThrows(RuntimeException.class, () -> history.check(readAll(10, "Item"))));
        assertEquals("the transaction read Item at version 10, and commit 11 changed it since", e.getMessage());
    }

    @Test
    void check_commitAtTheSnapshotVersionItself_isNoConflict() {
        ConflictHistory history = new ConflictHistory(10);
        history.add(11, wrote("Item", 3));
        history.add(12, wrote("Item", 4));
        assertDoesNotThrow(() -> history.check(readIds(11, "Item", 3L)));
        assertDoesNotThrow(() -> history.check(readAll(12, "Item")));
        Faults.require(Fault.TRANSACTION_CONFLICT, assertThrows(RuntimeException.class, () -> history.check(readIds(11, "Item", 4L))));
    }

    @Test
    void check_otherObjectsAndCollections_areNoConflict() {
        ConflictHistory history = new ConflictHistory(10);
        history.add(11, wrote("Item", 3, 5));
        assertDoesNotThrow(() -> history.check(readIds(10, "Item", 4L)));
        assertDoesNotThrow(() -> history.check(readIds(10, "Other", 3L)));
        assertDoesNotThrow(() -> history.check(readAll(10, "Other")));
    }

    @Test
    void check_olderCommitChangedTheObjectNewerOneDidNot_stillConflicts() {
        ConflictHistory history = new ConflictHistory(10);
        history.add(11, wrote("Item", 3));
        history.add(12, wrote("Item", 4));
        history.add(13, wrote("Other", 1));
        RuntimeException e = Faults.require(Fault.TRANSACTION_CONFLICT, assertThrows(RuntimeException.class, () -> history.check(readIds(10, "Item", 3L))));
        assertEquals("the transaction read Item object 3 at version 10, and commit 11 changed it since",
                e.getMessage());
    }

    @Test
    void check_readObjectOfAClearedCollection_conflicts() {
        ConflictHistory history = new ConflictHistory(10);
        history.add(11, Map.of("Item", ChangedIds.of(true)));
        Faults.require(Fault.TRANSACTION_CONFLICT, assertThrows(RuntimeException.class, () -> history.check(readIds(10, "Item", 1L))));
    }

    @Test
    void check_batchThatReadNothing_neverConflictsEvenBelowTheFloor() {
        ConflictHistory history = new ConflictHistory(10);
        history.add(11, wrote("Item", 1));
        assertDoesNotThrow(() -> history.check(new WriteBatch(0, List.of(), WriteBatch.ReadSet.NONE, false)));
    }

    @Test
    void check_snapshotOlderThanTheHistory_conflicts() {
        ConflictHistory history = new ConflictHistory(10);
        RuntimeException e = Faults.require(Fault.TRANSACTION_CONFLICT, assertThrows(RuntimeException.class, () -> history.check(readIds(9, "Item", 1L))));
        assertEquals("the transaction read version 9, older than the commits the store still checks against"
                + " (from 10)", e.getMessage());
        assertDoesNotThrow(() -> history.check(readIds(10, "Item", 1L)));
    }

    @Test
    void add_moreCommitsThanItKeeps_dropsTheOldestAndRaisesTheFloor() {
        ConflictHistory history = new ConflictHistory(0);
        for (int v = 1; v <= MAX_ENTRIES; v++) {
            history.add(v, wrote("Item", v));
        }
        assertDoesNotThrow(() -> history.check(readIds(0, "Item", 0L)), "all 4096 commits are kept");
        history.add(MAX_ENTRIES + 1, wrote("Item", MAX_ENTRIES + 1));
        Faults.require(Fault.TRANSACTION_CONFLICT, assertThrows(RuntimeException.class, () -> history.check(readIds(0, "Item", 0L))));
        assertDoesNotThrow(() -> history.check(readIds(1, "Item", 0L)), "the floor is the dropped commit");
        Faults.require(Fault.TRANSACTION_CONFLICT, assertThrows(RuntimeException.class, () -> history.check(readIds(1, "Item", 2L))));
    }

    @Test
    void add_moreIdsThanItKeeps_dropsTheOldestCommitsButNeverTheNewest() {
        ConflictHistory history = new ConflictHistory(0);
        long[] half = new long[MAX_IDS / 2];
        for (int i = 0; i < half.length; i++) {
            half[i] = i + 1;
        }
        history.add(1, wrote("Item", half));
        history.add(2, wrote("Item", half));
        // Each commit counts its ids plus one: 2 * (500,000 + 1) = 1,000,002 > 1,000,000, so commit 1 goes.
        Faults.require(Fault.TRANSACTION_CONFLICT, assertThrows(RuntimeException.class, () -> history.check(readIds(0, "Other", 1L))));
        assertDoesNotThrow(() -> history.check(readIds(1, "Other", 1L)));
        Faults.require(Fault.TRANSACTION_CONFLICT, assertThrows(RuntimeException.class, () -> history.check(readIds(1, "Item", 5L)),
                "commit 2 is kept"));

        long[] huge = new long[MAX_IDS + 1];
        for (int i = 0; i < huge.length; i++) {
            huge[i] = i + 1;
        }
        history.add(3, wrote("Item", huge));
        assertDoesNotThrow(() -> history.check(readIds(2, "Other", 1L)), "commits before 3 are dropped");
        Faults.require(Fault.TRANSACTION_CONFLICT, assertThrows(RuntimeException.class, () -> history.check(readIds(2, "Item", 7L)),
                "the newest commit stays, however big"));
    }

    @Test
    void add_idsUpToTheLimit_keepsEveryCommit() {
        ConflictHistory history = new ConflictHistory(0);
        long[] ids = new long[MAX_IDS / 2 - 1];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = i + 1;
        }
        history.add(1, wrote("Item", ids));
        history.add(2, wrote("Item", ids)); // exactly 1,000,000 with the one per commit
        assertDoesNotThrow(() -> history.check(readIds(0, "Other", 1L)));
        Faults.require(Fault.TRANSACTION_CONFLICT, assertThrows(RuntimeException.class, () -> history.check(readIds(0, "Item", 1L))));
    }

    @Test
    void add_afterACommitWasDroppedForItsIds_theCountGoesDownAndSmallCommitsDropNothingMore() {
        ConflictHistory history = new ConflictHistory(0);
        long[] half = new long[MAX_IDS / 2];
        for (int i = 0; i < half.length; i++) {
            half[i] = i + 1;
        }
        history.add(1, wrote("Item", half));
        history.add(2, wrote("Item", half)); // commit 1 goes: 500,001 ids are left
        history.add(3, wrote("Item", 1));
        history.add(4, wrote("Item", 2));
        assertDoesNotThrow(() -> history.check(readIds(1, "Other", 1L)), "commit 2 is still kept: the floor is 1");
        Faults.require(Fault.TRANSACTION_CONFLICT, assertThrows(RuntimeException.class, () -> history.check(readIds(1, "Item", 9L)),
                "and commit 2 still conflicts"));
    }
}
