package dev.atoll;

import dev.atoll.internal.query.Values;

import dev.atoll.internal.query.PropertyPath;

import dev.atoll.schema.PropertySchema;
import dev.atoll.schema.PropertyType;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
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
     * double property (added in the query's order, as doubles); 0 when there are none. An integral sum is
     * exact: only the total must fit in a long, not the running sums on the way.
     *
     * @throws IllegalArgumentException when the property is not numeric
     * @throws ArithmeticException naming the property and the total, when an integral total does not fit
     *                             in a long
     */
    public Number sum() {
        if (!numeric("sum")) {
            double d = 0;
            for (Object v : nonNull()) {
                d += ((Number) v).doubleValue();
            }
            return d;
        }
        BigInteger total = exactSum(nonNull());
        if (total.bitLength() > 63) {
            throw new ArithmeticException("sum of property '" + path + "' is " + total
                    + ", which does not fit in a long");
        }
        return total.longValue();
    }

    private static BigInteger exactSum(List<Object> values) {
        BigInteger total = BigInteger.ZERO;
        for (Object v : values) {
            total = total.add(BigInteger.valueOf(((Number) v).longValue()));
        }
        return total;
    }

    /**
     * The mean of the values; NaN when there are none. For an integral property, the exact mean rounded to
     * a double (no overflow, whatever the values); for a float or double property, the double sum divided
     * by the count.
     *
     * @throws IllegalArgumentException when the property is not numeric
     */
    public double average() {
        boolean integral = numeric("average");
        List<Object> values = nonNull();
        if (values.isEmpty()) {
            return Double.NaN;
        }
        if (integral) {
            return new BigDecimal(exactSum(values)).divide(BigDecimal.valueOf(values.size()), MathContext.DECIMAL128)
                    .doubleValue();
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
