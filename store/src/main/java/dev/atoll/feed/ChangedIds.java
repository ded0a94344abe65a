package dev.atoll.feed;

import java.util.Arrays;

/**
 * The ids of one collection that one commit changed, split by what happened to each: inserted (absent
 * before the commit, present after it), updated (present before and after) and deleted (present before,
 * absent after; an object created and deleted by the same commit is listed as deleted too). A
 * {@code clear} of the collection is one marker ({@link #cleared()}) rather than a list of every id it
 * removed: then every id counts as changed, and the ids listed are those the commit wrote after the clear.
 *
 * <p>Immutable. {@link #contains}, {@link #containsAny}, {@link #size} and {@link #toArray} see the union
 * of the three sets, as they did before the split.
 */
public final class ChangedIds {
    private static final long[] NONE = new long[0];

    private final long[] ids;
    private final long[] inserted;
    private final long[] updated;
    private final long[] deleted;
    private final boolean cleared;

    private ChangedIds(long[] inserted, long[] updated, long[] deleted, boolean cleared) {
        this.inserted = inserted;
        this.updated = updated;
        this.deleted = deleted;
        this.cleared = cleared;
        long[] all = new long[inserted.length + updated.length + deleted.length];
        System.arraycopy(inserted, 0, all, 0, inserted.length);
        System.arraycopy(updated, 0, all, inserted.length, updated.length);
        System.arraycopy(deleted, 0, all, inserted.length + updated.length, deleted.length);
        if (inserted.length != all.length && updated.length != all.length && deleted.length != all.length) {
            Arrays.sort(all);
        }
        this.ids = all;
    }

    /**
     * The set of the given ids (copied, sorted, duplicates removed), whose kind is not told: they are
     * reported as {@link #updated()}.
     */
    public static ChangedIds of(boolean cleared, long... ids) {
        return new ChangedIds(NONE, sortedDistinct(ids), NONE, cleared);
    }

    /**
     * The change set of a commit, split by kind (each array is copied, sorted, duplicates removed).
     *
     * @throws IllegalArgumentException when an id is in more than one of the three sets
     */
    public static ChangedIds of(boolean cleared, long[] inserted, long[] updated, long[] deleted) {
        ChangedIds set = new ChangedIds(sortedDistinct(inserted), sortedDistinct(updated), sortedDistinct(deleted),
                cleared);
        for (int i = 1; i < set.ids.length; i++) {
            if (set.ids[i] == set.ids[i - 1]) {
                throw new IllegalArgumentException("id " + set.ids[i] + " is listed as more than one of inserted, "
                        + "updated and deleted");
            }
        }
        return set;
    }

    private static long[] sortedDistinct(long[] ids) {
        long[] copy = ids.clone();
        Arrays.sort(copy);
        int n = 0;
        for (int i = 0; i < copy.length; i++) {
            if (i == 0 || copy[i] != copy[i - 1]) {
                copy[n++] = copy[i];
            }
        }
        return n == copy.length ? copy : Arrays.copyOf(copy, n);
    }

    /** Whether the commit cleared the collection. */
    public boolean cleared() {
        return cleared;
    }

    /** The ids the commit inserted (absent before it), sorted ascending, as a new array. */
    public long[] inserted() {
        return inserted.clone();
    }

    /** The ids the commit updated (present before and after it), sorted ascending, as a new array. */
    public long[] updated() {
        return updated.clone();
    }

    /** The ids the commit deleted (absent after it), sorted ascending, as a new array; a clear is not listed. */
    public long[] deleted() {
        return deleted.clone();
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

    /** The number of ids inserted, updated or deleted (not counting a clear). */
    public int size() {
        return ids.length;
    }

    /** The ids inserted, updated or deleted, sorted ascending, as a new array. */
    public long[] toArray() {
        return ids.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ChangedIds other && other.cleared == cleared && Arrays.equals(other.inserted, inserted)
                && Arrays.equals(other.updated, updated) && Arrays.equals(other.deleted, deleted);
    }

    @Override
    public int hashCode() {
        return ((Arrays.hashCode(inserted) * 31 + Arrays.hashCode(updated)) * 31 + Arrays.hashCode(deleted)) * 31
                + (cleared ? 1 : 0);
    }

    @Override
    public String toString() {
        String prefix = cleared ? "cleared+" : "";
        if (ids.length > 16) {
            return prefix + ids.length + " ids";
        }
        if (inserted.length == 0 && deleted.length == 0) {
            return prefix + Arrays.toString(updated);
        }
        return prefix + "+" + Arrays.toString(inserted) + "~" + Arrays.toString(updated) + "-"
                + Arrays.toString(deleted);
    }
}
