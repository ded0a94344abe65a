package dev.atoll.internal.query;

import dev.atoll.schema.PropertySchema;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Internal: how queries check, normalize and compare property values. Integral values are compared as
 * {@code Long}, floating ones as {@code Double} (with {@link Double#compare}: -0.0 before 0.0, NaN
 * last), strings by code point, enums by ordinal, byte arrays unsigned, booleans false first, and
 * nulls before everything: the order of the index keys, so that an index scan and a sort agree.
 */
public final class Values {
    /** Compares normalized values, nulls first. */
    static final Comparator<Object> ORDER = Values::compareNullsFirst;

    private Values() {
    }

    /**
     * Checks a value given for a property of schema {@code s} (for a List, its element schema) and
     * normalizes it; null stays null.
     *
     * @throws IllegalArgumentException naming the property when the value does not fit its type
     */
    public static Object operand(String context, String path, PropertySchema s, Object v) {
        if (v == null) {
            return null;
        }
        Object result = switch (s.type()) {
            case BOOL -> v instanceof Boolean ? v : null;
            case BYTE -> integral(v, Byte.MIN_VALUE, Byte.MAX_VALUE);
            case SHORT -> integral(v, Short.MIN_VALUE, Short.MAX_VALUE);
            case INT -> integral(v, Integer.MIN_VALUE, Integer.MAX_VALUE);
            case LONG -> integral(v, Long.MIN_VALUE, Long.MAX_VALUE);
            case FLOAT -> v instanceof Number n ? (Object) (double) n.floatValue() : null;
            case DOUBLE -> v instanceof Number n ? (Object) n.doubleValue() : null;
            case STRING -> v instanceof String ? v : null;
            case ENUM -> v instanceof Enum<?> e && e.getDeclaringClass().getSimpleName().equals(s.typeName())
                    && s.enumValues().contains(e.name()) ? v : null;
            case BYTES -> v instanceof byte[] ? v : null;
            case INSTANT -> v instanceof Instant ? v : null;
            case EMBEDDED, LIST -> null;
        };
        if (result == null) {
            throw new IllegalArgumentException(context + ": property '" + path + "' is " + describe(s)
                    + " and cannot be compared with " + v.getClass().getSimpleName() + " " + v);
        }
        return result;
    }

    private static Object integral(Object v, long min, long max) {
        if (v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long) {
            long l = ((Number) v).longValue();
            return l >= min && l <= max ? (Object) l : null;
        }
        return null;
    }

    /** The value in the exact class of the property, as the codec's index keys expect it. */
    public static Object exact(PropertySchema s, Object normalized) {
        if (normalized == null) {
            return null;
        }
        return switch (s.type()) {
            case BYTE -> ((Long) normalized).byteValue();
            case SHORT -> ((Long) normalized).shortValue();
            case INT -> ((Long) normalized).intValue();
            case FLOAT -> ((Double) normalized).floatValue();
            default -> normalized;
        };
    }

    /** A value read from an object, normalized for comparison. */
    public static Object normalize(Object v) {
        if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float f) {
            return f.doubleValue();
        }
        return v;
    }

    public static int compareNullsFirst(Object a, Object b) {
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        return compare(a, b);
    }

    /** Compares two non-null normalized values of one type. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    public static int compare(Object a, Object b) {
        if (a instanceof Long x) {
            return Long.compare(x, (Long) b);
        }
        if (a instanceof Double x) {
            return Double.compare(x, (Double) b);
        }
        if (a instanceof String x) {
            return compareCodePoints(x, (String) b);
        }
        if (a instanceof byte[] x) {
            return Arrays.compareUnsigned(x, (byte[]) b);
        }
        if (a instanceof Enum<?> x) {
            return Integer.compare(x.ordinal(), ((Enum<?>) b).ordinal());
        }
        if (a instanceof List<?> x) {
            List<?> y = (List<?>) b;
            for (int i = 0; i < Math.min(x.size(), y.size()); i++) {
                int c = compareNullsFirst(normalize(x.get(i)), normalize(y.get(i)));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(x.size(), y.size());
        }
        return ((Comparable) a).compareTo(b);
    }

    /** Whether two normalized values are equal (byte arrays by content). */
    public static boolean same(Object a, Object b) {
        return a == null ? b == null : b != null && compare(a, b) == 0;
    }

    /** Strings in code-point order, as in index keys: {@link dev.atoll.internal.codec.KeyEncoder#compareStrings}. */
    public static int compareCodePoints(String a, String b) {
        return dev.atoll.internal.codec.KeyEncoder.compareStrings(a, b);
    }

    /** A string's case fold: {@link dev.atoll.internal.codec.KeyEncoder#foldCase(String)}, Atoll's one definition. */
    public static String lower(String s) {
        return dev.atoll.internal.codec.KeyEncoder.foldCase(s);
    }

    /** A key for distinctBy: equal for equal normalized values. */
    public static Object distinctKey(Object v) {
        Object n = normalize(v);
        if (n instanceof byte[] b) {
            return java.nio.ByteBuffer.wrap(b);
        }
        return n;
    }

    public static String describe(PropertySchema s) {
        return switch (s.type()) {
            case ENUM -> "an enum " + s.typeName();
            case EMBEDDED -> "an embedded " + s.typeName();
            case LIST -> "a " + s.typeDescription();
            default -> "a " + s.type();
        };
    }
}
