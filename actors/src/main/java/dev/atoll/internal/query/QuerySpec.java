package dev.atoll.internal.query;

import dev.atoll.Filter;
import dev.atoll.Sort;
import dev.atoll.internal.codec.CollectionCodec;
import dev.atoll.schema.CollectionSchema;
import dev.atoll.schema.IndexSchema;
import dev.atoll.schema.PropertyType;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * What a {@code Query} asks for, checked against its collection: the where clauses bound to index key
 * ranges, the filters as one predicate, the sort keys, distinct paths, offset and limit. The public
 * {@code Query} builds one per step and hands it to {@link QueryRunner}, which plans and runs it; the
 * runner never reaches into the public class.
 *
 * @param <T> the class of the collection
 */
public final class QuerySpec<T> {
    public final CollectionCodec<T> codec;
    public final CollectionSchema schema;
    public final List<Bound> wheres;
    public final List<Filter> filters;
    /** The filters ANDed, or null when there are none. */
    public final Predicate<Object> predicate;
    public final List<SortKey> sorts;
    public final List<PropertyPath> distinct;
    public final long offset;
    public final long limit;
    /** Diagnostics of the last run of this spec: ids read from the source, objects decoded. */
    public long lastCandidates;
    public long lastDecoded;

    public QuerySpec(CollectionCodec<T> codec, List<Bound> wheres, List<Filter> filters, Predicate<Object> predicate,
                     List<SortKey> sorts, List<PropertyPath> distinct, long offset, long limit) {
        this.codec = codec;
        this.schema = codec.schema();
        this.wheres = wheres;
        this.filters = filters;
        this.predicate = predicate;
        this.sorts = sorts;
        this.distinct = distinct;
        this.offset = offset;
        this.limit = limit;
    }

    /** A query of the whole collection: no clause, no filter, no sort, no offset, no limit. */
    public static <T> QuerySpec<T> of(CollectionCodec<T> codec) {
        return new QuerySpec<>(codec, List.of(), List.of(), null, List.of(), List.of(), 0, Long.MAX_VALUE);
    }

    /** This query with one more where clause (several are ORed). */
    public QuerySpec<T> withWhere(Bound bound) {
        return new QuerySpec<>(codec, plus(wheres, bound), filters, predicate, sorts, distinct, offset, limit);
    }

    /** This query with one more filter (several are ANDed), {@code test} being the filter bound to the schema. */
    public QuerySpec<T> withFilter(Filter filter, Predicate<Object> test) {
        Predicate<Object> combined = predicate == null ? test : predicate.and(test);
        return new QuerySpec<>(codec, wheres, plus(filters, filter), combined, sorts, distinct, offset, limit);
    }

    /** This query sorted by these keys instead. */
    public QuerySpec<T> withSorts(List<SortKey> keys) {
        return new QuerySpec<>(codec, wheres, filters, predicate, List.copyOf(keys), distinct, offset, limit);
    }

    /** This query with one more sort key, after the others. */
    public QuerySpec<T> thenSort(SortKey key) {
        return withSorts(plus(sorts, key));
    }

    /** This query, distinct by these paths instead. */
    public QuerySpec<T> withDistinct(List<PropertyPath> paths) {
        return new QuerySpec<>(codec, wheres, filters, predicate, sorts, List.copyOf(paths), offset, limit);
    }

    /** This query skipping the first {@code n} results instead. */
    public QuerySpec<T> withOffset(long n) {
        return new QuerySpec<>(codec, wheres, filters, predicate, sorts, distinct, n, limit);
    }

    /** This query stopping after {@code n} results instead. */
    public QuerySpec<T> withLimit(long n) {
        return new QuerySpec<>(codec, wheres, filters, predicate, sorts, distinct, offset, n);
    }

    private static <E> List<E> plus(List<E> list, E e) {
        List<E> copy = new ArrayList<>(list);
        copy.add(e);
        return List.copyOf(copy);
    }

    /** The index of the schema that a where-less query scans in order to give the sort, or null. */
    public IndexSchema sortIndex() {
        if (sorts.isEmpty()) {
            return null;
        }
        for (IndexSchema ix : schema.indexes()) {
            if (servesSort(ix)) {
                return ix;
            }
        }
        return null;
    }

    /** Whether scanning this index (one range) gives exactly the sort order, ties broken by id. */
    public boolean servesSort(IndexSchema ix) {
        if (ix.hash() || ix.multiEntry() || ix.properties().size() != sorts.size()) {
            return false;
        }
        for (int i = 0; i < sorts.size(); i++) {
            SortKey k = sorts.get(i);
            if (k.direction() != Sort.ASC || !k.path().path.equals(ix.properties().get(i))) {
                return false;
            }
            if (!ix.caseSensitive() && k.path().leaf.type() == PropertyType.STRING) {
                return false;
            }
        }
        return true;
    }
}
