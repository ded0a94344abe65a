package dev.atoll;

import java.util.Arrays;

/**
 * The ids of one collection that one commit wrote or deleted: an immutable sorted set of longs,
 * plus whether the commit cleared the whole collection (then every id counts as changed).
 */
public final class ChangedIds {
    private final long[] ids;
    private final boolean cleared;

    private ChangedIds(long[] sortedDistinct, boolean cleared) {
        this.ids = sortedDistinct;
        this.cleared = cleared;
    }

    /** The set of the given ids (copied, sorted, duplicates removed). */
    public static ChangedIds of(boolean cleared, long... ids) {
        long[] copy = ids.clone();
        Arrays.sort(copy);
        int n = 0;
        for (int i = 0; i < copy.length; i++) {
            if (i == 0 || copy[i] != copy[i - 1]) {
                copy[n++] = copy[i];
            }
        }
        return new ChangedIds(n == copy.length ? copy : Arrays.copyOf(copy, n), cleared);
    }

    /** Whether the commit cleared the collection. */
    public boolean cleared() {
        return cleared;
    }

    /** Whether the id was changed (always true when the collection was cleared). */
    public boolean contains(long id) {
        return cleared || Arrays.binarySearch(ids, id) >= 0;
    }

    /** Whether any of the given ids was changed. */
    public boolean containsAny(long[] sortedIds) {
        if (cleared) {
            return true;
        }
        int i = 0;
        int j = 0;
        while (i < ids.length && j < sortedIds.length) {
            if (ids[i] == sortedIds[j]) {
                return true;
            } else if (ids[i] < sortedIds[j]) {
                i++;
            } else {
                j++;
            }
        }
        return false;
    }

    /** The number of ids written or deleted (not counting a clear). */
    public int size() {
        return ids.length;
    }

    /** The ids, sorted ascending, as a new array. */
    public long[] toArray() {
        return ids.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChangedIds other && other.cleared == cleared && Arrays.equals(other.ids, ids);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(ids) * 31 + (cleared ? 1 : 0);
    }

    @Override
    public String toString() {
        return (cleared ? "cleared+" : "") + (ids.length <= 16 ? Arrays.toString(ids) : ids.length + " ids");
    }
}
