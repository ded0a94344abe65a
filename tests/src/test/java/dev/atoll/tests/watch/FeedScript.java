package dev.atoll.tests.watch;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.feed.ChangedIds;
import dev.atoll.tests.Counter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The commits of {@link ChangeFeedRestartTest}'s child JVMs, and the change set each one must leave in the
 * log. Step {@code k} of run {@code r} works on ids from {@code r * 1,000,000}: inserts, updates, a delete
 * with an insert, a silent commit, and every twelfth step a clear. {@link #changes} replays the steps on a
 * model of the stored ids, so the expected change sets follow from the script alone.
 */
final class FeedScript {
    static final String NAME = "restart";
    static final List<Class<?>> CLASSES = List.of(Counter.class);

    /** One write of a step: a put ({@code id > 0}), a delete ({@code id < 0}: of {@code -id}) or a clear (0). */
    private record Op(long id) {
    }

    private record Step(List<Op> ops, boolean silent) {
    }

    private final Set<Long> stored = new TreeSet<>();

    private static Step step(int run, int k) {
        long b = run * 1_000_000L;
        return switch (k % 6) {
            case 1 -> new Step(List.of(new Op(b + k), new Op(b + k + 1)), false);
            case 2 -> new Step(List.of(new Op(b + k - 1)), false);
            case 3 -> new Step(List.of(new Op(-(b + k - 2)), new Op(b + k)), false);
            case 4 -> new Step(List.of(new Op(b + k)), true);
            case 5 -> new Step(List.of(new Op(b + k - 1)), false);
            default -> new Step(List.of(new Op(k % 12 == 0 ? 0 : b + k)), false);
        };
    }

    /** Commits step {@code k} of run {@code run}. */
    static void commit(Atoll db, int run, int k) {
        AtollCollection<Counter> counters = db.collection(Counter.class);
        Step step = step(run, k);
        db.writeTxnSync(() -> {
            for (Op op : step.ops()) {
                if (op.id() > 0) {
                    counters.put(new Counter(op.id(), run * 1000L + k));
                } else if (op.id() < 0) {
                    counters.delete(-op.id());
                } else {
                    counters.clear();
                }
            }
            return null;
        }, step.silent());
    }

    /** The change set step {@code k} of run {@code run} leaves, as a commit event carries it; updates the model. */
    Map<String, ChangedIds> changes(int run, int k) {
        Step step = step(run, k);
        List<Long> inserted = new ArrayList<>();
        List<Long> updated = new ArrayList<>();
        List<Long> deleted = new ArrayList<>();
        boolean cleared = false;
        for (Op op : step.ops()) {
            if (op.id() > 0) {
                (stored.add(op.id()) ? inserted : updated).add(op.id());
            } else if (op.id() < 0) {
                if (stored.remove(-op.id())) {
                    deleted.add(-op.id());
                }
            } else {
                cleared = true;
                stored.clear();
            }
        }
        if (step.silent()) {
            return Map.of();
        }
        return Map.of("Counter", ChangedIds.of(cleared, longs(inserted), longs(updated), longs(deleted)));
    }

    private static long[] longs(List<Long> ids) {
        return ids.stream().mapToLong(Long::longValue).toArray();
    }
}
