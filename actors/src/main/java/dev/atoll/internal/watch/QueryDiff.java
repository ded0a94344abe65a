package dev.atoll.internal.watch;

import dev.atoll.QueryChanges;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Computes the {@link QueryChanges} a {@code watchChanges} subscriber receives. */
public final class QueryDiff {

    private QueryDiff() {
    }

    /**
     * The changes from one list of results to another, given their ids and stored records.
     * Objects that are in both lists and keep their relative order (a longest such run) stay; the
     * others are removed and inserted.
     */
    public static <T> QueryChanges<T> between(long[] oldIds, byte[][] oldRecords, List<T> results, long[] newIds,
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
