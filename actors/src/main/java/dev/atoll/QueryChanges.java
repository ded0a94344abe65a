package dev.atoll;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What changed in a watched query's results between two deliveries, as Realm's collection
 * notifications give it: the new results, and positions.
 *
 * <ul>
 *   <li>{@code removed}: positions in the previous results of the objects that left them, ascending;</li>
 *   <li>{@code inserted}: positions in the new results of the objects that came in, ascending;</li>
 *   <li>{@code modified}: positions in the new results of objects that stayed in place (relative to
 *       the others that stayed) and whose stored bytes changed, ascending.</li>
 * </ul>
 * Removing the {@code removed} positions from the previous results (from the highest down), then
 * inserting the new results' objects at the {@code inserted} positions (from the lowest up) gives the
 * new results. An object that moved relative to the others is reported as removed and inserted.
 * The first delivery of a watcher (with {@link WatchOptions#fireImmediately()}) compares with
 * empty results: every object is inserted.
 *
 * @param results the new results, as {@link Query#findAll()} would give them
 * @param removed positions in the previous results, ascending
 * @param inserted positions in {@code results}, ascending
 * @param modified positions in {@code results}, ascending
 * @param <T> the class of the collection
 */
public record QueryChanges<T>(List<T> results, List<Integer> removed, List<Integer> inserted,
                              List<Integer> modified) {
    /** Copies the lists (they are immutable afterwards). */
    public QueryChanges {
        results = List.copyOf(results);
        removed = List.copyOf(removed);
        inserted = List.copyOf(inserted);
        modified = List.copyOf(modified);
    }

    /** Whether nothing was removed, inserted or modified. */
    public boolean isEmpty() {
        return removed.isEmpty() && inserted.isEmpty() && modified.isEmpty();
    }

    /**
     * Internal: the changes from one list of results to another, given their ids and stored records.
     * Objects that are in both lists and keep their relative order (a longest such run) stay; the
     * others are removed and inserted.
     */
    static <T> QueryChanges<T> between(long[] oldIds, byte[][] oldRecords, List<T> results, long[] newIds,
                                       byte[][] newRecords) {
        Map<Long, Integer> oldIndex = new HashMap<>();
        for (int i = 0; i < oldIds.length; i++) {
            oldIndex.put(oldIds[i], i);
        }
        boolean[] keptOld = new boolean[oldIds.length];
        boolean[] keptNew = new boolean[newIds.length];
        if (oldIndex.size() == oldIds.length && distinct(newIds)) {
            keep(oldIndex, newIds, keptOld, keptNew);
        }
        List<Integer> removed = new ArrayList<>();
        for (int i = 0; i < oldIds.length; i++) {
            if (!keptOld[i]) {
                removed.add(i);
            }
        }
        List<Integer> inserted = new ArrayList<>();
        List<Integer> modified = new ArrayList<>();
        for (int j = 0; j < newIds.length; j++) {
            if (!keptNew[j]) {
                inserted.add(j);
            } else if (!Arrays.equals(oldRecords[oldIndex.get(newIds[j])], newRecords[j])) {
                modified.add(j);
            }
        }
        return new QueryChanges<>(results, removed, inserted, modified);
    }

    private static boolean distinct(long[] ids) {
        Set<Long> seen = new HashSet<>();
        for (long id : ids) {
            if (!seen.add(id)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Marks the objects that stay: among the new results that were in the old ones, a longest run
     * whose old positions increase (patience sorting, O(n log n)).
     */
    private static void keep(Map<Long, Integer> oldIndex, long[] newIds, boolean[] keptOld, boolean[] keptNew) {
        int n = newIds.length;
        int[] tailNew = new int[n];    // tailNew[k]: the new position that ends the best run of length k + 1
        int[] previous = new int[n];   // previous[j]: the new position before j in its run, or -1
        int length = 0;
        for (int j = 0; j < n; j++) {
            Integer old = oldIndex.get(newIds[j]);
            if (old == null) {
                continue;
            }
            int lo = 0;
            int hi = length;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (oldIndex.get(newIds[tailNew[mid]]) < old) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            previous[j] = lo > 0 ? tailNew[lo - 1] : -1;
            tailNew[lo] = j;
            if (lo == length) {
                length++;
            }
        }
        for (int j = length > 0 ? tailNew[length - 1] : -1; j >= 0; j = previous[j]) {
            keptNew[j] = true;
            keptOld[oldIndex.get(newIds[j])] = true;
        }
    }
}
