package dev.atoll;

import java.util.List;

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
}
