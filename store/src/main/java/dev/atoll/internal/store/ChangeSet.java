package dev.atoll.internal.store;

import dev.atoll.feed.ChangedIds;

import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The ids one batch touched, per collection, with whether each object existed before its first touch
 * and after its last: what makes it inserted, updated or deleted.
 */
final class ChangeSet {
    private static final int BEFORE = 1;
    private static final int AFTER = 2;
    private final Map<String, Ids> byCollection = new LinkedHashMap<>();
    private Ids last;

    void add(String collection, long id, boolean existedBefore, boolean existsAfter) {
        Ids ids = last != null && last.collection.equals(collection) ? last
                : byCollection.computeIfAbsent(collection, Ids::new);
        last = ids;
        if (ids.size == ids.ids.length) {
            ids.ids = Arrays.copyOf(ids.ids, ids.size * 2);
            ids.states = Arrays.copyOf(ids.states, ids.size * 2);
        }
        ids.ids[ids.size] = id;
        ids.states[ids.size++] = (byte) ((existedBefore ? BEFORE : 0) | (existsAfter ? AFTER : 0));
    }

    /** A clear: the ids touched before it are covered by the marker, and every object is absent after it. */
    void clear(String collection) {
        Ids ids = byCollection.computeIfAbsent(collection, Ids::new);
        ids.cleared = true;
        ids.size = 0;
    }

    Map<String, ChangedIds> freeze() {
        Map<String, ChangedIds> result = new LinkedHashMap<>();
        byCollection.forEach((collection, ids) -> result.put(collection, ids.freeze()));
        return result;
    }

    private static final class Ids {
        final String collection;
        long[] ids = new long[8];
        byte[] states = new byte[8];
        int size;
        boolean cleared;

        Ids(String collection) {
            this.collection = collection;
        }

        ChangedIds freeze() {
            Integer[] order = new Integer[size];
            boolean ascending = true;
            for (int i = 0; i < size; i++) {
                order[i] = i;
                ascending &= i == 0 || ids[i] > ids[i - 1];
            }
            if (!ascending) {
                Arrays.sort(order, (a, b) -> Long.compare(ids[a], ids[b])); // stable: touches stay in order
            }
            long[][] kinds = {new long[size], new long[size], new long[size]};
            int[] counts = new int[3];
            for (int i = 0; i < size; ) {
                int first = order[i];
                int j = i;
                while (j + 1 < size && ids[order[j + 1]] == ids[first]) {
                    j++;
                }
                boolean before = (states[first] & BEFORE) != 0;
                boolean after = (states[order[j]] & AFTER) != 0;
                int kind = after ? (before ? 1 : 0) : 2;
                kinds[kind][counts[kind]++] = ids[first];
                i = j + 1;
            }
            return ChangedIds.of(cleared, Arrays.copyOf(kinds[0], counts[0]), Arrays.copyOf(kinds[1], counts[1]),
                    Arrays.copyOf(kinds[2], counts[2]));
        }
    }
}

