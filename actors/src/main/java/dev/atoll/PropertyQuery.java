package dev.atoll;

import dev.atoll.schema.PropertySchema;
import dev.atoll.schema.PropertyType;

import java.util.ArrayList;
import java.util.List;

/**
 * The values of one property of the objects a {@link Query} finds, from {@link Query#property(String)}:
 * list them, or aggregate them. Aggregates skip null values. Each call runs the query once, on one
 * snapshot.
 *
 * <p>Threading: like its handle, one thread at a time.
 *
 * @param <V> the Java class of the property's values (a boxed class for primitives)
 */
public final class PropertyQuery<V> {
    private final Query<?> query;
    private final PropertyPath path;

    PropertyQuery(Query<?> query, PropertyPath path) {
        this.query = query;
        this.path = path;
    }

    /** The property's values, one per object found, in the query's order (null where the object has none). */
    @SuppressWarnings("unchecked")
    public List<V> findAll() {
        List<V> values = new ArrayList<>();
        for (Object o : query.findAll()) {
            values.add((V) path.single(o));
        }
        return values;
    }

    private List<Object> nonNull() {
        List<Object> values = new ArrayList<>();
        for (Object o : query.findAll()) {
            Object v = path.single(o);
            if (v != null) {
                values.add(v);
            }
        }
        return values;
    }

    /**
     * The smallest value, in the order a sort uses; null when there is none.
     *
     * @throws IllegalArgumentException when the property holds Lists or embedded objects
     */
    public V min() {
        return extreme(-1);
    }

    /**
     * The largest value, in the order a sort uses; null when there is none.
     *
     * @throws IllegalArgumentException when the property holds Lists or embedded objects
     */
    public V max() {
        return extreme(1);
    }

    @SuppressWarnings("unchecked")
    private V extreme(int sign) {
        if (path.leaf.type() == PropertyType.LIST || path.leaf.type() == PropertyType.EMBEDDED) {
            throw new IllegalArgumentException("min/max of property '" + path + "': it is "
                    + Values.describe(path.leaf) + ", which has no order");
        }
        Object best = null;
        for (Object v : nonNull()) {
            if (best == null || sign * Values.compare(Values.normalize(v), Values.normalize(best)) > 0) {
                best = v;
            }
        }
        return (V) best;
    }

    /**
     * The sum of the values: a {@code Long} for an integral property, a {@code Double} for a float or
     * double property; 0 when there are none.
     *
     * @throws IllegalArgumentException when the property is not numeric
     * @throws ArithmeticException when a long sum overflows
     */
    public Number sum() {
        boolean integral = numeric("sum");
        long l = 0;
        double d = 0;
        for (Object v : nonNull()) {
            if (integral) {
                l = Math.addExact(l, ((Number) v).longValue());
            } else {
                d += ((Number) v).doubleValue();
            }
        }
        return integral ? (Number) l : (Number) d;
    }

    /**
     * The mean of the values; NaN when there are none.
     *
     * @throws IllegalArgumentException when the property is not numeric
     */
    public double average() {
        numeric("average");
        List<Object> values = nonNull();
        if (values.isEmpty()) {
            return Double.NaN;
        }
        double sum = 0;
        for (Object v : values) {
            sum += ((Number) v).doubleValue();
        }
        return sum / values.size();
    }

    /** The number of non-null values. */
    public long count() {
        return nonNull().size();
    }

    private boolean numeric(String what) {
        PropertySchema s = path.leaf;
        return switch (s.type()) {
            case BYTE, SHORT, INT, LONG -> true;
            case FLOAT, DOUBLE -> false;
            default -> throw new IllegalArgumentException(what + " of property '" + path + "': it is "
                    + Values.describe(s) + ", not a number");
        };
    }
}
