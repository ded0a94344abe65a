package dev.atoll.internal.query;

import dev.atoll.internal.store.IndexEntries;

import dev.atoll.Sort;

import dev.atoll.Query;
import dev.atoll.internal.txn.Txn;

import dev.atoll.schema.IndexSchema;
import dev.atoll.internal.store.Records;
import dev.atoll.internal.store.Snapshot;
import org.h2.mvstore.Cursor;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Set;

/**
 * Internal: runs a {@link Query} on one transaction. Sources give candidate ids in order (a range of
 * ids, a range of one index, or the union of several, in id order); each candidate is decoded only when
 * something needs the object; then filter, sort, distinct, offset and limit.
 *
 * <p>Staged writes: in a write transaction the snapshot's records and index entries of every id the
 * transaction staged (all of them after a clear) are skipped, and the staged records are merged in:
 * their key sections say which index ranges they fall in, so no staged object is decoded to place it.
 */
public final class QueryRunner {
    private QueryRunner() {
    }

    /** What one run reads: the transaction's snapshot with its staged writes over it. */
    private static final class View {
        final Snapshot snapshot;
        final String collection;
        final boolean cleared;
        final NavigableMap<Long, byte[]> staged;

        View(Txn txn, String collection) {
            this.snapshot = txn.snapshot;
            this.collection = collection;
            this.cleared = txn.clearedHere(collection);
            this.staged = txn.stagedRecords(collection);
            txn.readCollection(collection);
        }

        public byte[] record(long id) {
            if (staged.containsKey(id)) {
                return staged.get(id);
            }
            return cleared ? null : snapshot.get(collection, id);
        }
    }

    /** Candidate ids in order; {@link #record()} gives the current one's record. */
    private abstract static class Source {
        long id;
        byte[] record;
        View view;

        /** Moves to the next candidate; false at the end. */
        public abstract boolean advance();

        public byte[] record() {
            if (record == null) {
                record = view.record(id);
            }
            return record;
        }
    }

    /** The ids in [lo, hi] with their records, in id order. */
    private static final class IdRange extends Source {
        private final long hi;
        private final Cursor<Long, byte[]> base;
        private final Iterator<Map.Entry<Long, byte[]>> mine;
        private Long baseId;
        private byte[] baseRecord;
        private Map.Entry<Long, byte[]> mineNext;

        IdRange(View view, long lo, long hi) {
            this.view = view;
            this.hi = hi;
            long from = Math.max(lo, 0);
            this.base = view.cleared || from > hi ? null : view.snapshot.records(view.collection, from);
            this.mine = from > hi ? List.<Map.Entry<Long, byte[]>>of().iterator()
                    : view.staged.subMap(from, true, hi, true).entrySet().iterator();
            nextBase();
            mineNext = mine.hasNext() ? mine.next() : null;
        }

        private void nextBase() {
            baseId = null;
            if (base != null && base.hasNext()) {
                long k = base.next();
                if (k <= hi) {
                    baseId = k;
                    baseRecord = base.getValue();
                }
            }
        }

        @Override
        public boolean advance() {
            while (baseId != null || mineNext != null) {
                if (mineNext == null || baseId != null && baseId < mineNext.getKey()) {
                    id = baseId;
                    record = baseRecord;
                    nextBase();
                    return true;
                }
                Map.Entry<Long, byte[]> m = mineNext;
                mineNext = mine.hasNext() ? mine.next() : null;
                if (baseId != null && baseId.longValue() == m.getKey()) {
                    nextBase();
                }
                if (m.getValue() != null) {
                    id = m.getKey();
                    record = m.getValue();
                    return true;
                }
            }
            return false;
        }
    }

    /** The entries of one index in one key range, in index order; each id once. */
    private static final class IndexRange extends Source {
        private final KeyRange range;
        private final Cursor<byte[], Boolean> base;
        private final Iterator<byte[]> mine;
        private final Set<Long> seen;
        private byte[] baseNext;
        private byte[] mineNext;

        IndexRange(View view, Bound bound, KeyRange range) {
            this.view = view;
            this.range = range;
            this.seen = bound.index().multiEntry() ? new HashSet<>() : null;
            this.base = view.cleared ? null
                    : view.snapshot.indexEntries(view.collection, bound.index().name(), range.lo());
            List<byte[]> staged = new ArrayList<>();
            for (Map.Entry<Long, byte[]> e : view.staged.entrySet()) {
                if (e.getValue() != null) {
                    for (byte[] key : Records.keys(e.getValue())[bound.slot()]) {
                        if (range.contains(key)) {
                            staged.add(IndexEntries.entry(key, e.getKey()));
                        }
                    }
                }
            }
            staged.sort(Arrays::compareUnsigned);
            this.mine = staged.iterator();
            nextBase();
            mineNext = mine.hasNext() ? mine.next() : null;
        }

        private void nextBase() {
            baseNext = null;
            while (base != null && base.hasNext()) {
                byte[] entry = base.next();
                if (range.isPast(entry)) {
                    return;
                }
                if (!view.staged.containsKey(idOf(entry))) {
                    baseNext = entry;
                    return;
                }
            }
        }

        @Override
        public boolean advance() {
            while (baseNext != null || mineNext != null) {
                byte[] entry;
                if (mineNext == null || baseNext != null && Arrays.compareUnsigned(baseNext, mineNext) < 0) {
                    entry = baseNext;
                    nextBase();
                } else {
                    entry = mineNext;
                    mineNext = mine.hasNext() ? mine.next() : null;
                }
                long found = idOf(entry);
                if (seen == null || seen.add(found)) {
                    id = found;
                    record = null;
                    return true;
                }
            }
            return false;
        }

        private static long idOf(byte[] entry) {
            return ByteBuffer.wrap(entry, entry.length - 8, 8).getLong();
        }
    }

    /** The union of several sources, each id once, in id order. */
    private static final class Union extends Source {
        private final long[] ids;
        private int next;

        Union(View view, List<Source> sources) {
            this.view = view;
            long[] all = new long[16];
            int n = 0;
            for (Source s : sources) {
                while (s.advance()) {
                    if (n == all.length) {
                        all = Arrays.copyOf(all, n * 2);
                    }
                    all[n++] = s.id;
                }
            }
            Arrays.sort(all, 0, n);
            int m = 0;
            for (int i = 0; i < n; i++) {
                if (m == 0 || all[i] != all[m - 1]) {
                    all[m++] = all[i];
                }
            }
            this.ids = Arrays.copyOf(all, m);
        }

        @Override
        public boolean advance() {
            if (next >= ids.length) {
                return false;
            }
            id = ids[next++];
            record = null;
            return true;
        }
    }

    /** How a query runs: its sources, and whether it must still sort. */
    private record Plan(List<Bound> sources, boolean sortNeeded, String text) {
    }

    private static Plan plan(QuerySpec<?> q) {
        List<Bound> sources = q.wheres;
        String how;
        if (sources.isEmpty()) {
            IndexSchema ix = q.sortIndex();
            if (ix != null) {
                int slot = q.schema.indexes().indexOf(ix);
                sources = List.of(new Bound(ix.name() + " any", ix, slot, List.of(new KeyRange(null, null)),
                        null, null));
                how = "scan index '" + ix.name() + "' in order (it gives the sort)";
            } else {
                how = "scan all objects in id order";
            }
        } else {
            List<String> parts = new ArrayList<>();
            for (Bound b : sources) {
                parts.add(b.isId() ? "ids " + idText(b.idRanges())
                        : "index '" + b.index().name() + "' " + b.ranges() + (b.rawRanges() == null ? ""
                        : " (hash: each found object is checked against the value)"));
            }
            how = "read " + String.join(" OR ", parts);
        }
        boolean sortNeeded = !q.sorts.isEmpty() && !givesSort(q, sources);
        StringBuilder text = new StringBuilder(how);
        if (!q.filters.isEmpty()) {
            text.append("; filter ").append(q.filters.size() == 1 ? q.filters.get(0).toString()
                    : q.filters.toString());
        }
        if (!q.sorts.isEmpty()) {
            text.append(sortNeeded ? "; sort by " : "; already sorted by ").append(q.sorts.stream()
                    .map(k -> k.path().path + " " + k.direction()).toList());
        }
        if (!q.distinct.isEmpty()) {
            text.append("; distinct by ").append(q.distinct);
        }
        if (q.offset > 0) {
            text.append("; offset ").append(q.offset);
        }
        if (q.limit != Long.MAX_VALUE) {
            text.append("; limit ").append(q.limit).append(sortNeeded ? "" : " (stops reading early)");
        }
        return new Plan(sources, sortNeeded, text.toString());
    }

    private static String idText(long[] r) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < r.length; i += 2) {
            parts.add("[" + (r[i] == Long.MIN_VALUE ? "min" : r[i]) + ", " + (r[i + 1] == Long.MAX_VALUE ? "max"
                    : r[i + 1]) + "]");
        }
        return String.join(" ", parts);
    }

    private static boolean givesSort(QuerySpec<?> q, List<Bound> sources) {
        if (sources.isEmpty()) {
            return q.sorts.size() == 1 && q.sorts.get(0).direction() == Sort.ASC
                    && q.sorts.get(0).path().path.equals(q.schema.idProperty());
        }
        if (sources.size() != 1 || !sources.get(0).ordered()) {
            return false;
        }
        Bound b = sources.get(0);
        if (b.isId()) {
            return q.sorts.size() == 1 && q.sorts.get(0).direction() == Sort.ASC
                    && q.sorts.get(0).path().path.equals(q.schema.idProperty());
        }
        return q.servesSort(b.index());
    }

    public static String explain(QuerySpec<?> q) {
        return plan(q).text();
    }

    private static Source source(View view, List<Bound> bounds) {
        if (bounds.isEmpty()) {
            return new IdRange(view, Long.MIN_VALUE, Long.MAX_VALUE);
        }
        List<Source> sources = new ArrayList<>();
        for (Bound b : bounds) {
            if (b.isId()) {
                long[] r = b.idRanges();
                for (int i = 0; i < r.length; i += 2) {
                    sources.add(new IdRange(view, r[i], r[i + 1]));
                }
            } else {
                for (KeyRange range : b.ranges()) {
                    sources.add(new IndexRange(view, b, range));
                }
            }
        }
        if (bounds.size() == 1 && sources.size() == 1 && bounds.get(0).ordered()) {
            return sources.get(0);
        }
        return new Union(view, sources);
    }

    /** A result: its id, and the object when it was decoded. */
    private record Hit<T>(long id, T object, Object[] sortValues) {
    }

    private interface Sink<T> {
        public void accept(long id, T object);
    }

    public static <T> List<T> objects(QuerySpec<T> q, Txn txn) {
        List<T> out = new ArrayList<>();
        forEach(q, txn, out::add);
        return out;
    }

    /**
     * Hands the objects found to {@code each}, in the query's order, one at a time as they are read: only
     * a sort that no index gives holds the objects found (it must see them all before the first).
     */
    public static <T> void forEach(QuerySpec<T> q, Txn txn, java.util.function.Consumer<? super T> each) {
        run(q, txn, true, (id, o) -> each.accept(o));
    }

    public static long[] ids(QuerySpec<?> q, Txn txn) {
        long[][] ids = {new long[16]};
        int[] n = {0};
        run(q, txn, false, (id, o) -> {
            if (n[0] == ids[0].length) {
                ids[0] = Arrays.copyOf(ids[0], n[0] * 2);
            }
            ids[0][n[0]++] = id;
        });
        return Arrays.copyOf(ids[0], n[0]);
    }

    public static long count(QuerySpec<?> q, Txn txn) {
        if (q.wheres.isEmpty() && q.filters.isEmpty() && q.distinct.isEmpty() && q.offset == 0
                && q.limit == Long.MAX_VALUE) {
            q.lastCandidates = 0;
            q.lastDecoded = 0;
            return txn.count(q.schema.name());
        }
        long[] n = {0};
        run(q, txn, false, (id, o) -> n[0]++);
        return n[0];
    }

    private static <T> void run(QuerySpec<T> q, Txn txn, boolean needObjects, Sink<T> sink) {
        Plan plan = plan(q);
        View view = new View(txn, q.schema.name());
        Source source = source(view, plan.sources());
        boolean recheck = q.wheres.stream().anyMatch(b -> b.rawRanges() != null);
        boolean decode = needObjects || recheck || q.predicate != null || plan.sortNeeded() || !q.distinct.isEmpty();
        Set<List<Object>> seen = q.distinct.isEmpty() ? null : new HashSet<>();
        long candidates = 0;
        long decoded = 0;
        try {
            if (!plan.sortNeeded()) {
                long skip = q.offset;
                long left = q.limit;
                while (left > 0 && source.advance()) {
                    candidates++;
                    T object = null;
                    if (decode) {
                        object = decode(q, source);
                        decoded++;
                        if (object == null || !passes(q, object, recheck) || !distinct(q, seen, object)) {
                            continue;
                        }
                    }
                    if (skip > 0) {
                        skip--;
                        continue;
                    }
                    sink.accept(source.id, object);
                    left--;
                }
                return;
            }
            List<Hit<T>> hits = new ArrayList<>();
            while (source.advance()) {
                candidates++;
                T object = decode(q, source);
                decoded++;
                if (object != null && passes(q, object, recheck)) {
                    Object[] values = new Object[q.sorts.size()];
                    for (int i = 0; i < values.length; i++) {
                        values[i] = Values.normalize(q.sorts.get(i).path().single(object));
                    }
                    hits.add(new Hit<>(source.id, object, values));
                }
            }
            hits.sort(comparator(q));
            long skip = q.offset;
            long left = q.limit;
            for (Hit<T> h : hits) {
                if (left == 0) {
                    break;
                }
                if (!distinct(q, seen, h.object())) {
                    continue;
                }
                if (skip > 0) {
                    skip--;
                    continue;
                }
                sink.accept(h.id(), h.object());
                left--;
            }
        } finally {
            q.lastCandidates = candidates;
            q.lastDecoded = decoded;
        }
    }

    private static <T> T decode(QuerySpec<T> q, Source source) {
        byte[] record = source.record();
        if (record == null) {
            return null;
        }
        int offset = Records.valueOffset(record);
        return q.codec.decode(source.id, record, offset, record.length - offset);
    }

    private static <T> boolean passes(QuerySpec<T> q, T object, boolean recheck) {
        return (!recheck || matchesWhere(q, object)) && (q.predicate == null || q.predicate.test(object));
    }

    /** Whether an object matches some where clause of the query (true when there are none). */
    public static <T> boolean matchesWhere(QuerySpec<T> q, T object) {
        if (q.wheres.isEmpty()) {
            return true;
        }
        for (Bound b : q.wheres) {
            if (b.isId()) {
                long id = q.codec.id(object);
                long[] r = b.idRanges();
                for (int i = 0; i < r.length; i += 2) {
                    if (id >= r[i] && id <= r[i + 1]) {
                        return true;
                    }
                }
                continue;
            }
            List<KeyRange> ranges = b.rawRanges() != null ? b.rawRanges() : b.ranges();
            for (byte[] key : q.codec.unhashedIndexKeys(object, b.index().name())) {
                for (KeyRange r : ranges) {
                    if (r.contains(key)) {
                        return true;
                    }
                }
            }
        }
        return false;
    }

    private static <T> boolean distinct(QuerySpec<T> q, Set<List<Object>> seen, T object) {
        if (seen == null) {
            return true;
        }
        List<Object> key = new ArrayList<>(q.distinct.size());
        for (PropertyPath p : q.distinct) {
            key.add(Values.distinctKey(p.single(object)));
        }
        return seen.add(key);
    }

    private static <T> Comparator<Hit<T>> comparator(QuerySpec<T> q) {
        int n = q.sorts.size();
        boolean[] desc = new boolean[n];
        for (int i = 0; i < n; i++) {
            desc[i] = q.sorts.get(i).direction() == Sort.DESC;
        }
        return (a, b) -> {
            for (int i = 0; i < n; i++) {
                int c = Values.compareNullsFirst(a.sortValues()[i], b.sortValues()[i]);
                if (c != 0) {
                    return desc[i] ? -c : c;
                }
            }
            return Long.compare(a.id(), b.id());
        };
    }
}
