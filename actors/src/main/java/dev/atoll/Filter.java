package dev.atoll;

import dev.atoll.internal.query.PropertyPath;
import dev.atoll.internal.query.Values;

import dev.atoll.schema.CollectionSchema;
import dev.atoll.schema.PropertySchema;
import dev.atoll.schema.PropertyType;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * A condition on the objects of a query, on any property, indexed or not: {@link Query#filter(Filter)}
 * decodes each object that the query's where clauses (or a full scan) give, and keeps it when the
 * condition holds. Immutable; combine with {@link #and}, {@link #or}, {@link #not()}; nest for groups.
 *
 * <p>Properties are named by path: {@code "content"}, the id property, or through embedded objects,
 * {@code "author.name"}. On a List property, comparisons and string conditions hold when some element
 * satisfies them ({@code equalTo("tags", "x")}: the list contains "x"), while {@link #isNull},
 * {@link #isEmpty} and the length conditions look at the list itself. A path that passes through a List of
 * embedded objects ({@code "authors.name"}) holds when some element satisfies the condition.
 *
 * <p>Values: integral properties take Byte, Short, Integer or Long values that fit; float and double
 * properties take any Number; other types take their own class (an enum constant of the property's
 * enum). Null matches only {@link #isNull}, {@link #equalTo} with null, and {@code not(...)}: range
 * conditions never hold for null, and their bounds must not be null. Floats and doubles compare exactly,
 * with no epsilon (a float property compares with the value rounded to a float; NaN is above every
 * number, -0.0 below 0.0). {@link #anyOf} with no values holds for nothing, {@link #and()} with no filters
 * for everything, {@link #or()} with none for nothing. A filter is checked against the collection when it
 * is given to {@link Query#filter(Filter)}; an unknown property or a value of the wrong type fails there.
 */
public final class Filter {
    private enum Kind {
        EQ, RANGE, ANY_OF, IS_NULL, STARTS, ENDS, CONTAINS, MATCHES, LENGTH, ELEMENT_NULL, AND, OR, NOT
    }

    private final Kind kind;
    private final String path;
    private final Object[] values;
    private final boolean flagA;
    private final boolean flagB;
    private final List<Filter> children;

    private Filter(Kind kind, String path, Object[] values, boolean flagA, boolean flagB, List<Filter> children) {
        this.kind = kind;
        this.path = path;
        this.values = values;
        this.flagA = flagA;
        this.flagB = flagB;
        this.children = children;
    }

    private static Filter leaf(Kind kind, String path, boolean a, boolean b, Object... values) {
        Objects.requireNonNull(path, "property");
        return new Filter(kind, path, values, a, b, List.of());
    }

    /** The property equals value (null: is null); for a List, some element does. */
    public static Filter equalTo(String property, Object value) {
        return leaf(Kind.EQ, property, true, false, value);
    }

    /** A String property equals value, ignoring case when {@code caseSensitive} is false. */
    public static Filter equalTo(String property, String value, boolean caseSensitive) {
        return leaf(Kind.EQ, property, caseSensitive, false, value);
    }

    /** The property is greater than value. */
    public static Filter greaterThan(String property, Object value) {
        return greaterThan(property, value, false);
    }

    /** The property is greater than value, or equal when {@code include}. */
    public static Filter greaterThan(String property, Object value, boolean include) {
        return leaf(Kind.RANGE, property, include, false, nonNull(value, "greaterThan"), null);
    }

    /** The property is less than value (null is not less than anything). */
    public static Filter lessThan(String property, Object value) {
        return lessThan(property, value, false);
    }

    /** The property is less than value, or equal when {@code include}. */
    public static Filter lessThan(String property, Object value, boolean include) {
        return leaf(Kind.RANGE, property, false, include, null, nonNull(value, "lessThan"));
    }

    /** The property lies between lower and upper, both included. */
    public static Filter between(String property, Object lower, Object upper) {
        return between(property, lower, true, upper, true);
    }

    /** The property lies between lower and upper, each bound included when its flag says so. */
    public static Filter between(String property, Object lower, boolean includeLower, Object upper,
                                 boolean includeUpper) {
        return leaf(Kind.RANGE, property, includeLower, includeUpper, nonNull(lower, "between"),
                nonNull(upper, "between"));
    }

    /** The property equals one of the values; with no values it holds for nothing (an OR of none is false). */
    public static Filter anyOf(String property, Collection<?> values) {
        return leaf(Kind.ANY_OF, property, true, false, values.toArray());
    }

    /** The property equals one of the values; none: holds for nothing. */
    public static Filter anyOf(String property, Object... values) {
        return leaf(Kind.ANY_OF, property, true, false, values.clone());
    }

    /** The property is null (or an embedded object on its path is). */
    public static Filter isNull(String property) {
        return leaf(Kind.IS_NULL, property, false, false);
    }

    /** The property is not null: {@code isNull(property).not()}. */
    public static Filter isNotNull(String property) {
        return isNull(property).not();
    }

    /**
     * A List property holds a null element (a null or empty List holds none). Works on Lists of embedded
     * objects too ({@code "authors"}), where no element condition can name a null element.
     */
    public static Filter elementIsNull(String property) {
        return leaf(Kind.ELEMENT_NULL, property, true, false);
    }

    /** A List property holds a non-null element (a null or empty List holds none). */
    public static Filter elementIsNotNull(String property) {
        return leaf(Kind.ELEMENT_NULL, property, false, false);
    }

    /** A String property starts with prefix. */
    public static Filter startsWith(String property, String prefix) {
        return startsWith(property, prefix, true);
    }

    /** A String property starts with prefix, ignoring case when {@code caseSensitive} is false. */
    public static Filter startsWith(String property, String prefix, boolean caseSensitive) {
        return leaf(Kind.STARTS, property, caseSensitive, false, nonNull(prefix, "startsWith"));
    }

    /** A String property ends with suffix. */
    public static Filter endsWith(String property, String suffix) {
        return endsWith(property, suffix, true);
    }

    /** A String property ends with suffix, ignoring case when {@code caseSensitive} is false. */
    public static Filter endsWith(String property, String suffix, boolean caseSensitive) {
        return leaf(Kind.ENDS, property, caseSensitive, false, nonNull(suffix, "endsWith"));
    }

    /** A String property contains part. */
    public static Filter contains(String property, String part) {
        return contains(property, part, true);
    }

    /** A String property contains part, ignoring case when {@code caseSensitive} is false. */
    public static Filter contains(String property, String part, boolean caseSensitive) {
        return leaf(Kind.CONTAINS, property, caseSensitive, false, nonNull(part, "contains"));
    }

    /** A String property matches a wildcard pattern: {@code *} any run of characters, {@code ?} one. */
    public static Filter matches(String property, String pattern) {
        return matches(property, pattern, true);
    }

    /** {@link #matches(String, String)}, ignoring case when {@code caseSensitive} is false. */
    public static Filter matches(String property, String pattern, boolean caseSensitive) {
        return leaf(Kind.MATCHES, property, caseSensitive, false, nonNull(pattern, "matches"));
    }

    /** A List (or String) property is not null and has exactly {@code length} elements (characters). */
    public static Filter lengthEqualTo(String property, int length) {
        return lengthBetween(property, length, length);
    }

    /**
     * A List (or String) property is not null and longer than {@code length} (any length: a negative one
     * holds for every non-null value, {@code Integer.MAX_VALUE} for none).
     */
    public static Filter lengthGreaterThan(String property, int length) {
        return length == Integer.MAX_VALUE ? lengthBetween(property, 1, 0)
                : lengthBetween(property, length + 1, Integer.MAX_VALUE);
    }

    /**
     * A List (or String) property is not null and shorter than {@code length} (any length: at 0 or below
     * it holds for none).
     */
    public static Filter lengthLessThan(String property, int length) {
        return length == Integer.MIN_VALUE ? lengthBetween(property, 1, 0) : lengthBetween(property, 0, length - 1);
    }

    /** A List (or String) property is not null and its length lies in [lower, upper]. */
    public static Filter lengthBetween(String property, int lower, int upper) {
        return leaf(Kind.LENGTH, property, true, true, lower, upper);
    }

    /** A List (or String) property is not null and empty. */
    public static Filter isEmpty(String property) {
        return lengthEqualTo(property, 0);
    }

    /** A List (or String) property is not null and not empty. */
    public static Filter isNotEmpty(String property) {
        return lengthGreaterThan(property, 0);
    }

    /** All of the filters hold (none given: always true). */
    public static Filter and(Filter... filters) {
        return new Filter(Kind.AND, null, null, false, false, List.of(filters));
    }

    /** Some of the filters holds (none given: never true). */
    public static Filter or(Filter... filters) {
        return new Filter(Kind.OR, null, null, false, false, List.of(filters));
    }

    /** The filter does not hold. */
    public static Filter not(Filter filter) {
        return new Filter(Kind.NOT, null, null, false, false, List.of(filter));
    }

    /** This filter and the other. */
    public Filter and(Filter other) {
        return and(this, other);
    }

    /** This filter or the other. */
    public Filter or(Filter other) {
        return or(this, other);
    }

    /** The negation of this filter. */
    public Filter not() {
        return not(this);
    }

    private static Object nonNull(Object value, String what) {
        if (value == null) {
            throw new IllegalArgumentException(what + " needs a value, not null (use isNull for nulls)");
        }
        return value;
    }

    /**
     * Checks this filter against a collection and compiles it into a test of decoded objects.
     *
     * @throws IllegalArgumentException naming the property and the problem
     */
    Predicate<Object> bind(CollectionSchema schema) {
        switch (kind) {
            case AND -> {
                List<Predicate<Object>> ps = bindAll(schema);
                return o -> {
                    for (Predicate<Object> p : ps) {
                        if (!p.test(o)) {
                            return false;
                        }
                    }
                    return true;
                };
            }
            case OR -> {
                List<Predicate<Object>> ps = bindAll(schema);
                return o -> {
                    for (Predicate<Object> p : ps) {
                        if (p.test(o)) {
                            return true;
                        }
                    }
                    return false;
                };
            }
            case NOT -> {
                return children.get(0).bind(schema).negate();
            }
            default -> {
                return bindLeaf(schema);
            }
        }
    }

    private List<Predicate<Object>> bindAll(CollectionSchema schema) {
        List<Predicate<Object>> ps = new ArrayList<>(children.size());
        for (Filter f : children) {
            ps.add(Objects.requireNonNull(f, "filter").bind(schema));
        }
        return ps;
    }

    private Predicate<Object> bindLeaf(CollectionSchema schema) {
        PropertyPath p = PropertyPath.resolve(schema, path);
        String context = "filter " + this;
        PropertySchema leaf = p.leaf;
        if (kind == Kind.IS_NULL) {
            return o -> p.values(o).contains(null);
        }
        if (kind == Kind.ELEMENT_NULL) {
            if (leaf.type() != PropertyType.LIST) {
                throw new IllegalArgumentException(context + ": property '" + path + "' is " + Values.describe(leaf)
                        + "; element conditions need a List");
            }
            boolean wantNull = flagA;
            return o -> {
                for (Object v : p.values(o)) {
                    if (v != null) {
                        for (Object e : (List<?>) v) {
                            if ((e == null) == wantNull) {
                                return true;
                            }
                        }
                    }
                }
                return false;
            };
        }
        if (kind == Kind.LENGTH) {
            if (leaf.type() != PropertyType.LIST && leaf.type() != PropertyType.STRING) {
                throw new IllegalArgumentException(context + ": property '" + path + "' is "
                        + Values.describe(leaf) + "; length conditions need a List or a String");
            }
            int lo = (Integer) values[0];
            int hi = (Integer) values[1];
            return o -> {
                for (Object v : p.values(o)) {
                    int n = v instanceof List<?> l ? l.size() : v instanceof String s ? s.length() : -1;
                    if (n >= 0 && n >= lo && n <= hi) {
                        return true;
                    }
                }
                return false;
            };
        }
        boolean list = leaf.type() == PropertyType.LIST;
        PropertySchema target = list ? leaf.element() : leaf;
        if (target.type() == PropertyType.EMBEDDED || target.type() == PropertyType.LIST) {
            throw new IllegalArgumentException(context + ": property '" + path + "' is " + Values.describe(leaf)
                    + " and cannot be compared; name one of its properties, as in '" + path + ".name'");
        }
        Predicate<Object> test = valueTest(context, target);
        return o -> {
            for (Object v : p.values(o)) {
                if (list) {
                    if (v != null) {
                        for (Object e : (List<?>) v) {
                            if (test.test(e)) {
                                return true;
                            }
                        }
                    }
                } else if (test.test(v)) {
                    return true;
                }
            }
            return false;
        };
    }

    private Predicate<Object> valueTest(String context, PropertySchema s) {
        boolean caseSensitive = flagA;
        switch (kind) {
            case EQ -> {
                Object operand = Values.operand(context, path, s, values[0]);
                if (operand == null) {
                    return v -> v == null;
                }
                if (!caseSensitive) {
                    requireString(context, s);
                    String want = Values.lower((String) operand);
                    return v -> v != null && Values.lower((String) v).equals(want);
                }
                return v -> Values.same(Values.normalize(v), operand);
            }
            case ANY_OF -> {
                List<Object> operands = new ArrayList<>();
                for (Object value : values) {
                    operands.add(Values.operand(context, path, s, value));
                }
                return v -> {
                    Object n = Values.normalize(v);
                    for (Object operand : operands) {
                        if (Values.same(n, operand)) {
                            return true;
                        }
                    }
                    return false;
                };
            }
            case RANGE -> {
                Object lo = Values.operand(context, path, s, values[0]);
                Object hi = Values.operand(context, path, s, values[1]);
                boolean incLo = flagA;
                boolean incHi = flagB;
                return v -> {
                    if (v == null) {
                        return false;
                    }
                    Object n = Values.normalize(v);
                    if (lo != null) {
                        int c = Values.compare(n, lo);
                        if (c < 0 || c == 0 && !incLo) {
                            return false;
                        }
                    }
                    if (hi != null) {
                        int c = Values.compare(n, hi);
                        return c < 0 || c == 0 && incHi;
                    }
                    return true;
                };
            }
            default -> {
                requireString(context, s);
                String operand = caseSensitive ? (String) values[0] : Values.lower((String) values[0]);
                Predicate<String> test = switch (kind) {
                    case STARTS -> v -> v.startsWith(operand);
                    case ENDS -> v -> v.endsWith(operand);
                    case CONTAINS -> v -> v.contains(operand);
                    default -> wildcard(operand)::test;
                };
                return v -> v != null && test.test(caseSensitive ? (String) v : Values.lower((String) v));
            }
        }
    }

    private void requireString(String context, PropertySchema s) {
        if (s.type() != PropertyType.STRING) {
            throw new IllegalArgumentException(context + ": property '" + path + "' is " + Values.describe(s)
                    + "; this condition needs a String");
        }
    }

    private static Predicate<String> wildcard(String pattern) {
        StringBuilder regex = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        for (int i = 0; i < pattern.length(); i++) {
            char c = pattern.charAt(i);
            if (c == '*' || c == '?') {
                if (literal.length() > 0) {
                    regex.append(Pattern.quote(literal.toString()));
                    literal.setLength(0);
                }
                regex.append(c == '*' ? ".*" : ".");
            } else {
                literal.append(c);
            }
        }
        if (literal.length() > 0) {
            regex.append(Pattern.quote(literal.toString()));
        }
        Pattern compiled = Pattern.compile(regex.toString(), Pattern.DOTALL);
        return s -> compiled.matcher(s).matches();
    }

    @Override
    public String toString() {
        return switch (kind) {
            case AND, OR -> {
                List<String> parts = children.stream().map(String::valueOf).toList();
                yield "(" + String.join(kind == Kind.AND ? " and " : " or ", parts) + ")";
            }
            case NOT -> "not " + children.get(0);
            case IS_NULL -> path + " isNull";
            case ELEMENT_NULL -> path + (flagA ? " elementIsNull" : " elementIsNotNull");
            case LENGTH -> path + " length in [" + values[0] + ", " + values[1] + "]";
            case RANGE -> path + (values[0] == null ? "" : (flagA ? " >= " : " > ") + show(values[0]))
                    + (values[1] == null ? "" : (flagB ? " <= " : " < ") + show(values[1]));
            case ANY_OF -> path + " anyOf " + Arrays.stream(values).map(Filter::show).toList();
            default -> path + " " + kind.name().toLowerCase(java.util.Locale.ROOT) + " " + show(values[0])
                    + (flagA ? "" : " (ignoring case)");
        };
    }

    private static String show(Object v) {
        return v instanceof String s ? "\"" + s + "\"" : v instanceof byte[] b ? Arrays.toString(b) : String.valueOf(v);
    }
}
