package dev.atoll;

import dev.atoll.internal.query.Bound;

import dev.atoll.internal.query.Values;

import dev.atoll.internal.query.KeyRange;

import dev.atoll.schema.CollectionSchema;
import dev.atoll.schema.IndexSchema;
import dev.atoll.schema.PropertySchema;
import dev.atoll.schema.PropertyType;
import dev.atoll.internal.codec.CollectionCodec;
import dev.atoll.internal.codec.KeyEncoder;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;

/**
 * An index-driven clause of a query: {@link Query#where(Where)} reads only the index entries in its
 * range, and decodes only the objects they name. Several where clauses of one query are ORed (an object
 * that several match is found once). Immutable.
 *
 * <p>A clause names an index (by default an index has the name of its property; a composite index the
 * names of its properties joined by "_"), or a property that leads an index (its first property; not a
 * hash index), or the id property, which the collection's own order serves.
 * Conditions apply to the index's first property, except that {@link #equalTo} takes values for a prefix
 * of a composite index's properties. On a multi-entry index (an index on a List) they apply to the
 * elements: {@code equalTo("tags", "x")} finds the objects whose list contains "x", and {@link #any} the
 * objects with at least one element. On an index with {@code caseSensitive = false} strings compare
 * ignoring case. Range clauses never match null, and their bounds must not be null.
 *
 * <p>A clause finds exactly the objects that the equivalent {@link Filter} finds (for a List index, the
 * filter on its elements; for a case-insensitive index, the case-insensitive filter), in id order or,
 * when the query's only where clause reads one range of an index that is neither multi-entry nor
 * hashed, in that index's order (its keys, then the id).
 *
 * <p>What each index kind serves; anything else is refused when the clause is given to
 * {@link Query#where(Where)}, with an {@link IllegalArgumentException} that names the clause and the
 * index:
 * <ul>
 *   <li>a value index (also unique, case-insensitive, composite, multi-entry): every clause; startsWith
 *       only on a String; isNull only on a property (or element) that can be null;</li>
 *   <li>a hash index: {@link #equalTo} (with a value for each of its properties), {@link #anyOf},
 *       {@link #isNull} and {@link #any} (in id order); no range, startsWith, isNotNull or notEqualTo;</li>
 *   <li>the id: equalTo, notEqualTo, anyOf, between, greaterThan, lessThan, isNotNull and any.</li>
 * </ul>
 * A name that is not an index (or the id) or a value of the wrong type is refused there too.
 */
public final class Where {
    private enum Kind { EQ, NOT_EQ, ANY_OF, RANGE, STARTS, IS_NULL, NOT_NULL, ANY }

    private final Kind kind;
    private final String index;
    private final Object[] values;
    private final boolean includeLower;
    private final boolean includeUpper;

    private Where(Kind kind, String index, Object[] values, boolean includeLower, boolean includeUpper) {
        this.kind = kind;
        this.index = Objects.requireNonNull(index, "index");
        this.values = values;
        this.includeLower = includeLower;
        this.includeUpper = includeUpper;
    }

    /**
     * The index holds these values: one per property of a prefix of the index's properties (one value
     * for a single-property index; null matches null).
     */
    public static Where equalTo(String index, Object... values) {
        return new Where(Kind.EQ, index, values == null ? new Object[] {null} : values.clone(), true, true);
    }

    /**
     * The index's first property does not equal value: the exact complement of {@code equalTo(index, value)}
     * (null differs from every value, so nulls are found; {@code notEqualTo(index, null)} finds the
     * non-null values). On a multi-entry index: some element differs from value. A hash index cannot
     * serve it.
     */
    public static Where notEqualTo(String index, Object value) {
        return new Where(Kind.NOT_EQ, index, new Object[] {value}, true, true);
    }

    /**
     * The index's first property equals one of the values. With no values it matches nothing (an OR of no
     * conditions is false), as {@link Filter#anyOf} does.
     */
    public static Where anyOf(String index, Collection<?> values) {
        return new Where(Kind.ANY_OF, index, values.toArray(), true, true);
    }

    /** The index's first property equals one of the values; none: matches nothing. */
    public static Where anyOf(String index, Object... values) {
        return new Where(Kind.ANY_OF, index, values.clone(), true, true);
    }

    /**
     * The index's first property lies between lower and upper, both included (floats compare exactly, with
     * no epsilon: NaN above every number, -0.0 below 0.0).
     *
     * @throws IllegalArgumentException when a bound is null (nulls: {@link #isNull})
     */
    public static Where between(String index, Object lower, Object upper) {
        return between(index, lower, true, upper, true);
    }

    /** The index's first property lies between lower and upper, each included when its flag says so. */
    public static Where between(String index, Object lower, boolean includeLower, Object upper,
                                boolean includeUpper) {
        return new Where(Kind.RANGE, index, new Object[] {nonNull(lower), nonNull(upper)}, includeLower,
                includeUpper);
    }

    /** The index's first property is greater than value. */
    public static Where greaterThan(String index, Object value) {
        return greaterThan(index, value, false);
    }

    /** The index's first property is greater than value, or equal when {@code include}. */
    public static Where greaterThan(String index, Object value, boolean include) {
        return new Where(Kind.RANGE, index, new Object[] {nonNull(value), null}, include, false);
    }

    /** The index's first property is less than value (and not null). */
    public static Where lessThan(String index, Object value) {
        return lessThan(index, value, false);
    }

    /** The index's first property is less than value, or equal when {@code include} (and not null). */
    public static Where lessThan(String index, Object value, boolean include) {
        return new Where(Kind.RANGE, index, new Object[] {null, nonNull(value)}, false, include);
    }

    /** The index's first property, a String, starts with prefix. */
    public static Where startsWith(String index, String prefix) {
        return new Where(Kind.STARTS, index, new Object[] {nonNull(prefix)}, true, true);
    }

    /** The index's first property is null (on a multi-entry index: some element is null). */
    public static Where isNull(String index) {
        return new Where(Kind.IS_NULL, index, new Object[0], true, true);
    }

    /** The index's first property is not null. */
    public static Where isNotNull(String index) {
        return new Where(Kind.NOT_NULL, index, new Object[0], true, true);
    }

    /**
     * Every entry of the index: every object (on a multi-entry index, every object with at least one
     * element), in index order (a hash index: in id order).
     */
    public static Where any(String index) {
        return new Where(Kind.ANY, index, new Object[0], true, true);
    }

    private static Object nonNull(Object v) {
        if (v == null) {
            throw new IllegalArgumentException("a range bound must not be null (use isNull for nulls)");
        }
        return v;
    }

    /**
     * Checks the clause against a collection.
     *
     * @throws IllegalArgumentException naming the index or property and the problem
     */
    Bound bind(CollectionSchema schema, CollectionCodec<?> codec) {
        String text = toString();
        List<IndexSchema> indexes = schema.indexes();
        int slot = -1;
        for (int i = 0; i < indexes.size(); i++) {
            if (indexes.get(i).name().equals(index)) {
                slot = i;
            }
        }
        for (int i = 0; i < indexes.size() && slot < 0; i++) {
            IndexSchema ix = indexes.get(i);
            if (ix.properties().get(0).equals(index) && !ix.hash()) {
                slot = i;
            }
        }
        if (slot < 0) {
            if (index.equals(schema.idProperty())) {
                return new Bound(text, null, -1, List.of(), null, idRanges(text));
            }
            throw noIndex(schema, text);
        }
        IndexSchema ix = indexes.get(slot);
        PropertySchema first = schema.property(ix.properties().get(0)).orElseThrow();
        PropertySchema target = ix.multiEntry() ? first.element() : first;
        List<KeyRange> ranges = new ArrayList<>();
        List<KeyRange> raw = ix.hash() ? new ArrayList<>() : null;
        String context = "where " + text;
        if (ix.hash() && kind != Kind.EQ && kind != Kind.ANY_OF && kind != Kind.IS_NULL && kind != Kind.ANY) {
            throw new IllegalArgumentException(context + ": index '" + index + "' of collection '" + schema.name()
                    + "' is a hash index, which serves only equalTo, anyOf, isNull and any");
        }
        switch (kind) {
            case EQ -> equal(schema, codec, ix, values, ranges, raw, context);
            case NOT_EQ -> {
                List<KeyRange> equal = new ArrayList<>();
                equal(schema, codec, ix, values, equal, null, context);
                // every key starts with 0x00 (null) or 0x01, so the end of a value's range is never open
                ranges.add(new KeyRange(null, equal.get(0).lo()));
                ranges.add(new KeyRange(equal.get(0).hi(), null));
            }
            case ANY_OF -> {
                for (Object v : values) {
                    equal(schema, codec, ix, new Object[] {v}, ranges, raw, context);
                }
            }
            case IS_NULL -> {
                if (!target.nullable()) {
                    throw new IllegalArgumentException(context + ": property '" + first.name()
                            + "' of collection '" + schema.name() + "' is never null");
                }
                equal(schema, codec, ix, new Object[] {null}, ranges, raw, context);
            }
            case NOT_NULL -> ranges.add(new KeyRange(new byte[] {KeyEncoder.NOT_NULL},
                    new byte[] {KeyEncoder.NOT_NULL + 1}));
            case ANY -> {
                ranges.add(new KeyRange(null, null));
                if (raw != null) {
                    raw.add(new KeyRange(null, null));
                }
            }
            case STARTS -> {
                if (target.type() != PropertyType.STRING) {
                    throw new IllegalArgumentException(context + ": property '" + first.name() + "' is "
                            + Values.describe(first) + "; startsWith needs a String");
                }
                ranges.add(KeyRange.prefix(KeyEncoder.stringPrefix((String) values[0], ix.caseSensitive())));
            }
            case RANGE -> {
                byte[] lo = new byte[] {KeyEncoder.NOT_NULL};
                byte[] hi = new byte[] {KeyEncoder.NOT_NULL + 1};
                if (values[0] != null) {
                    byte[] k = bound(codec, ix, first.name(), target, values[0], context);
                    lo = includeLower ? k : KeyRange.after(k);
                }
                if (values[1] != null) {
                    byte[] k = bound(codec, ix, first.name(), target, values[1], context);
                    hi = includeUpper ? KeyRange.after(k) : k;
                }
                ranges.add(new KeyRange(lo, hi));
            }
            default -> throw new IllegalStateException(kind.name());
        }
        List<KeyRange> kept = new ArrayList<>();
        for (KeyRange r : ranges) {
            if (!r.isEmpty() && kept.stream().noneMatch(r::sameAs)) {
                kept.add(r);
            }
        }
        return new Bound(text, ix, slot, List.copyOf(kept), raw == null ? null : List.copyOf(raw), null);
    }

    private static byte[] bound(CollectionCodec<?> codec, IndexSchema ix, String property, PropertySchema target,
                                Object value, String context) {
        if (target.type() == PropertyType.LIST) {
            throw new IllegalArgumentException(context + ": property '" + property + "' is a List; a range on it"
                    + " needs a multi-entry index");
        }
        Object exact = Values.exact(target, Values.operand(context, property, target, value));
        return codec.indexKeyPrefix(ix.name(), exact);
    }

    private static void equal(CollectionSchema schema, CollectionCodec<?> codec, IndexSchema ix, Object[] vals,
                              List<KeyRange> ranges, List<KeyRange> raw, String context) {
        int n = ix.properties().size();
        if (vals.length < 1 || vals.length > n || ix.hash() && vals.length != n) {
            throw new IllegalArgumentException(context + ": index '" + ix.name() + "' has " + n + " properties "
                    + ix.properties() + (ix.hash() ? " and is a hash index, so it needs exactly " + n + " values"
                    : " and takes 1 to " + n + " values") + ", but " + vals.length + " were given");
        }
        Object[] exact = new Object[vals.length];
        for (int j = 0; j < vals.length; j++) {
            String name = ix.properties().get(j);
            PropertySchema p = schema.property(name).orElseThrow();
            PropertySchema t = j == 0 && ix.multiEntry() ? p.element() : p;
            exact[j] = t.type() == PropertyType.LIST ? vals[j]
                    : Values.exact(t, Values.operand(context, name, t, vals[j]));
        }
        try {
            byte[] prefix = codec.indexKeyPrefix(ix.name(), exact);
            if (ix.hash()) {
                ranges.add(KeyRange.prefix(codec.indexKey(ix.name(), exact)));
                raw.add(KeyRange.prefix(prefix));
            } else {
                ranges.add(KeyRange.prefix(prefix));
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(context + ": " + e.getMessage(), e);
        }
    }

    private long[] idRanges(String text) {
        String context = "where " + text + " (on the id)";
        switch (kind) {
            case NOT_EQ -> {
                long x = id(values[0], context);
                List<Long> r = new ArrayList<>();
                if (x != Long.MIN_VALUE) {
                    r.add(Long.MIN_VALUE);
                    r.add(x - 1);
                }
                if (x != Long.MAX_VALUE) {
                    r.add(x + 1);
                    r.add(Long.MAX_VALUE);
                }
                return r.stream().mapToLong(Long::longValue).toArray();
            }
            case EQ, ANY_OF -> {
                if (kind == Kind.EQ && values.length != 1) {
                    throw new IllegalArgumentException(context + ": takes one value, not " + values.length);
                }
                long[] r = new long[values.length * 2];
                for (int i = 0; i < values.length; i++) {
                    r[2 * i] = id(values[i], context);
                    r[2 * i + 1] = r[2 * i];
                }
                return r;
            }
            case RANGE -> {
                long lo = values[0] == null ? Long.MIN_VALUE : id(values[0], context);
                long hi = values[1] == null ? Long.MAX_VALUE : id(values[1], context);
                if (values[0] != null && !includeLower) {
                    if (lo == Long.MAX_VALUE) {
                        return new long[0];
                    }
                    lo++;
                }
                if (values[1] != null && !includeUpper) {
                    if (hi == Long.MIN_VALUE) {
                        return new long[0];
                    }
                    hi--;
                }
                return lo <= hi ? new long[] {lo, hi} : new long[0];
            }
            case ANY, NOT_NULL -> {
                return new long[] {Long.MIN_VALUE, Long.MAX_VALUE};
            }
            default -> throw new IllegalArgumentException(context + ": the id serves equalTo, anyOf, between,"
                    + " greaterThan, lessThan and any");
        }
    }

    private static long id(Object v, String context) {
        if (v instanceof Long || v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        throw new IllegalArgumentException(context + ": an id is a long, not " + (v == null ? "null"
                : v.getClass().getSimpleName() + " " + v));
    }

    private IllegalArgumentException noIndex(CollectionSchema schema, String text) {
        List<String> names = schema.indexes().stream().map(IndexSchema::name).toList();
        String hint;
        if (schema.property(index).isPresent() || index.contains(".")) {
            hint = "property '" + index + "' has no index; where(...) needs an index: add @Index to it, or use"
                    + " filter(...)";
        } else {
            hint = "there is no index (or property) '" + index + "'";
        }
        return new IllegalArgumentException("where " + text + " on collection '" + schema.name() + "': " + hint
                + "; its indexes are " + names + " and the id is '" + schema.idProperty() + "'");
    }

    @Override
    public String toString() {
        String v = Arrays.stream(values).map(x -> x instanceof String s ? "\"" + s + "\"" : String.valueOf(x))
                .toList().toString();
        return switch (kind) {
            case RANGE -> index + (values[0] == null ? "" : (includeLower ? " >= " : " > ") + show(values[0]))
                    + (values[1] == null ? "" : (includeUpper ? " <= " : " < ") + show(values[1]));
            case EQ -> index + " equalTo " + v;
            case NOT_EQ -> index + " notEqualTo " + show(values[0]);
            case ANY_OF -> index + " anyOf " + v;
            case STARTS -> index + " startsWith " + show(values[0]);
            case IS_NULL -> index + " isNull";
            case NOT_NULL -> index + " isNotNull";
            case ANY -> index + " any";
        };
    }

    private static String show(Object x) {
        return x instanceof String s ? "\"" + s + "\"" : String.valueOf(x);
    }
}
