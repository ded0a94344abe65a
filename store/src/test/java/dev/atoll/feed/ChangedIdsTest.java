package dev.atoll.feed;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import net.jqwik.api.constraints.Size;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The id sets of commits that watchers and the conflict check test against. */
class ChangedIdsTest {

    private static long[] sortedDistinct(List<Long> ids) {
        return new TreeSet<>(ids).stream().mapToLong(Long::longValue).toArray();
    }

    @Property
    void of_anyIds_isTheSortedDistinctSet(@ForAll @Size(max = 40) List<@LongRange(min = -5, max = 30) Long> ids) {
        ChangedIds set = ChangedIds.of(false, ids.stream().mapToLong(Long::longValue).toArray());
        long[] expected = sortedDistinct(ids);
        assertArrayEquals(expected, set.toArray());
        assertEquals(expected.length, set.size());
        for (long id = -6; id <= 31; id++) {
            assertEquals(ids.contains(id), set.contains(id), "contains(" + id + ")");
        }
    }

    @Property
    void containsAny_isTrueExactlyWhenTheSetsMeet(
            @ForAll @Size(max = 20) List<@LongRange(min = 0, max = 40) Long> changed,
            @ForAll @Size(max = 20) List<@LongRange(min = 0, max = 40) Long> read) {
        ChangedIds set = ChangedIds.of(false, changed.stream().mapToLong(Long::longValue).toArray());
        boolean meet = read.stream().anyMatch(changed::contains);
        assertEquals(meet, set.containsAny(sortedDistinct(read)));
    }

    @Test
    void containsAny_lastIdsOfBothSides_areCompared() {
        ChangedIds set = ChangedIds.of(false, 1, 5, 9);
        assertTrue(set.containsAny(new long[] {2, 9}));
        assertTrue(set.containsAny(new long[] {9}));
        assertTrue(set.containsAny(new long[] {1}));
        assertFalse(set.containsAny(new long[] {2, 6, 10}));
        assertFalse(set.containsAny(new long[0]));
        assertFalse(ChangedIds.of(false).containsAny(new long[] {1}));
    }

    @Test
    void cleared_containsEveryIdButCountsOnlyTheWrittenOnes() {
        ChangedIds cleared = ChangedIds.of(true, 4);
        assertTrue(cleared.cleared());
        assertTrue(cleared.contains(4));
        assertTrue(cleared.contains(123_456));
        assertTrue(cleared.containsAny(new long[] {7}));
        assertTrue(cleared.containsAny(new long[0]));
        assertEquals(1, cleared.size());
        assertFalse(ChangedIds.of(false, 4).cleared());
    }

    @Test
    void toArray_isACopy() {
        ChangedIds set = ChangedIds.of(false, 3, 1);
        long[] a = set.toArray();
        a[0] = 99;
        assertArrayEquals(new long[] {1, 3}, set.toArray());
    }

    @Test
    void of_doesNotKeepTheCallersArray() {
        long[] ids = {2, 1};
        ChangedIds set = ChangedIds.of(false, ids);
        ids[0] = 50;
        assertTrue(set.contains(2));
        assertFalse(set.contains(50));
    }

    @Test
    void equalsAndHashCode_dependOnTheIdsAndTheClearFlag() {
        ChangedIds a = ChangedIds.of(false, 1, 2, 2);
        assertEquals(ChangedIds.of(false, 2, 1), a);
        assertEquals(ChangedIds.of(false, 2, 1).hashCode(), a.hashCode());
        assertNotEquals(ChangedIds.of(true, 1, 2), a);
        assertNotEquals(ChangedIds.of(true, 1, 2).hashCode(), a.hashCode());
        assertNotEquals(ChangedIds.of(false, 1, 3), a);
        assertNotEquals(a, "[1, 2]");
        assertEquals(a, a);
    }

    @Test
    void toString_listsUpToSixteenIdsThenCounts() {
        assertEquals("[1, 2]", ChangedIds.of(false, 2, 1).toString());
        assertEquals("cleared+[]", ChangedIds.of(true).toString());
        long[] sixteen = new long[16];
        long[] seventeen = new long[17];
        for (int i = 0; i < 17; i++) {
            seventeen[i] = i;
            if (i < 16) {
                sixteen[i] = i;
            }
        }
        assertTrue(ChangedIds.of(false, sixteen).toString().startsWith("[0, 1,"));
        assertEquals("17 ids", ChangedIds.of(false, seventeen).toString());
        assertEquals("cleared+17 ids", ChangedIds.of(true, seventeen).toString());
    }

    @Test
    void of_byKind_keepsEachKindSortedAndTheUnionForContains() {
        ChangedIds set = ChangedIds.of(false, new long[] {9, 3, 3}, new long[] {5}, new long[] {7, 1});
        assertArrayEquals(new long[] {3, 9}, set.inserted());
        assertArrayEquals(new long[] {5}, set.updated());
        assertArrayEquals(new long[] {1, 7}, set.deleted());
        assertArrayEquals(new long[] {1, 3, 5, 7, 9}, set.toArray());
        assertEquals(5, set.size());
        assertTrue(set.contains(7));
        assertFalse(set.contains(4));
        assertTrue(set.containsAny(new long[] {1}));
        assertEquals("+[3, 9]~[5]-[1, 7]", set.toString());
        set.inserted()[0] = 99;
        set.updated()[0] = 99;
        set.deleted()[0] = 99;
        assertArrayEquals(new long[] {1, 3, 5, 7, 9}, set.toArray());
    }

    @Test
    void of_byKind_oneKindOnly_isItsOwnUnion() {
        assertArrayEquals(new long[] {1, 2}, ChangedIds.of(false, new long[] {2, 1}, new long[0], new long[0]).toArray());
        assertArrayEquals(new long[] {1, 2}, ChangedIds.of(false, new long[0], new long[0], new long[] {2, 1}).toArray());
        assertEquals("+[1]~[]-[]", ChangedIds.of(false, new long[] {1}, new long[0], new long[0]).toString());
        assertEquals("+[]~[]-[1]", ChangedIds.of(false, new long[0], new long[0], new long[] {1}).toString());
    }

    @Test
    void of_withoutKinds_reportsUpdates() {
        ChangedIds set = ChangedIds.of(false, 2, 1);
        assertArrayEquals(new long[] {1, 2}, set.updated());
        assertArrayEquals(new long[0], set.inserted());
        assertArrayEquals(new long[0], set.deleted());
    }

    @Test
    void of_byKind_anIdOfTwoKinds_isRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ChangedIds.of(false, new long[] {4}, new long[0], new long[] {4}));
        assertTrue(e.getMessage().contains("id 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> ChangedIds.of(false, new long[] {1}, new long[] {1}, new long[0]));
        assertThrows(IllegalArgumentException.class,
                () -> ChangedIds.of(false, new long[0], new long[] {2, 6}, new long[] {6}));
    }

    @Test
    void equalsAndHashCode_dependOnTheKinds() {
        ChangedIds inserted = ChangedIds.of(false, new long[] {1}, new long[0], new long[0]);
        ChangedIds updated = ChangedIds.of(false, new long[0], new long[] {1}, new long[0]);
        ChangedIds deleted = ChangedIds.of(false, new long[0], new long[0], new long[] {1});
        assertNotEquals(inserted, updated);
        assertNotEquals(inserted, deleted);
        assertNotEquals(updated, deleted);
        assertNotEquals(inserted.hashCode(), updated.hashCode());
        assertNotEquals(inserted.hashCode(), deleted.hashCode());
        assertNotEquals(updated.hashCode(), deleted.hashCode());
        assertEquals(ChangedIds.of(false, new long[] {1}, new long[0], new long[0]), inserted);
        assertEquals(ChangedIds.of(false, 1), updated);
    }
}
