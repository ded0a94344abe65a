package dev.atoll.inspector;

import dev.atoll.AtollCollection;
import dev.atoll.Filter;
import dev.atoll.Query;
import dev.atoll.Sort;
import dev.atoll.Where;
import dev.atoll.schema.CollectionSchema;
import dev.atoll.schema.IndexSchema;
import dev.atoll.schema.PropertySchema;
import dev.atoll.schema.PropertyType;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A query of the page's query builder, as request parameters: one optional where clause ({@code wp} the index
 * or property, {@code wo} the operator, {@code wv} and {@code wv2} the values), any number of filters, ANDed
 * ({@code fp}, {@code fo}, {@code fv}, repeated in order), one optional sort ({@code sp}, {@code sd} asc or
 * desc). Values arrive as text and are converted to the property's type from the collection's schema, so the
 * query is exactly the one the same calls of the public API would build: no code, no expression language.
 *
 * @param where the where clause, or null
 * @param filters the filters, ANDed
 * @param sortProperty the sort property, or null
 * @param descending whether the sort is descending
 */
record QuerySpec(Condition where, List<Condition> filters, String sortProperty, boolean descending) {

    /** One condition: a property (or index), an operator and up to two values as text. */
    record Condition(String property, String op, String value, String value2) {
    }

    /** Builds the spec from the request parameters (each name to its values, in order). */
    static QuerySpec of(Map<String, List<String>> params) {
        Condition where = null;
        String wp = first(params, "wp");
        if (wp != null && !wp.isEmpty()) {
            where = new Condition(wp, orDefault(first(params, "wo"), "eq"), first(params, "wv"), first(params, "wv2"));
        }
        List<String> fps = params.getOrDefault("fp", List.of());
        List<String> fos = params.getOrDefault("fo", List.of());
        List<String> fvs = params.getOrDefault("fv", List.of());
        List<Condition> filters = new ArrayList<>();
        for (int i = 0; i < fps.size(); i++) {
            if (fps.get(i).isEmpty()) {
                continue;
            }
            filters.add(new Condition(fps.get(i), i < fos.size() ? fos.get(i) : "eq", i < fvs.size() ? fvs.get(i) : null,
                    null));
        }
        String sp = first(params, "sp");
        return new QuerySpec(where, filters, sp == null || sp.isEmpty() ? null : sp, "desc".equals(first(params, "sd")));
    }

    private static String first(Map<String, List<String>> params, String name) {
        List<String> values = params.get(name);
        return values == null || values.isEmpty() ? null : values.get(0);
    }

    private static String orDefault(String s, String d) {
        return s == null || s.isEmpty() ? d : s;
    }

    /**
     * The query on the collection.
     *
     * @throws IllegalArgumentException when an operator is unknown, a value does not parse as the property's
     *     type, or the query itself refuses the condition (the message of the query builder)
     */
    <T> Query<T> build(AtollCollection<T> collection) {
        CollectionSchema schema = collection.schema();
        Query<T> q = collection.query();
        if (where != null) {
            q = q.where(where(schema, where));
        }
        for (Condition f : filters) {
            q = q.filter(filter(schema, f));
        }
        if (sortProperty != null) {
            q = q.sortBy(sortProperty, descending ? Sort.DESC : Sort.ASC);
        }
        return q;
    }

    private static Where where(CollectionSchema schema, Condition c) {
        String p = c.property();
        String valueProperty = schema.indexes().stream().filter(i -> i.name().equals(p)).findFirst()
                .map(i -> i.properties().get(0)).orElse(p);
        return switch (c.op()) {
            case "eq" -> Where.equalTo(p, value(schema, valueProperty, c.value()));
            case "ne" -> Where.notEqualTo(p, value(schema, valueProperty, c.value()));
            case "gt" -> Where.greaterThan(p, value(schema, valueProperty, c.value()));
            case "ge" -> Where.greaterThan(p, value(schema, valueProperty, c.value()), true);
            case "lt" -> Where.lessThan(p, value(schema, valueProperty, c.value()));
            case "le" -> Where.lessThan(p, value(schema, valueProperty, c.value()), true);
            case "between" -> Where.between(p, value(schema, valueProperty, c.value()),
                    value(schema, valueProperty, c.value2()));
            case "startsWith" -> Where.startsWith(p, c.value() == null ? "" : c.value());
            case "isNull" -> Where.isNull(p);
            case "isNotNull" -> Where.isNotNull(p);
            case "any" -> Where.any(p);
            default -> throw new IllegalArgumentException("unknown where operator '" + c.op() + "'");
        };
    }

    private static Filter filter(CollectionSchema schema, Condition c) {
        String p = c.property();
        String text = c.value() == null ? "" : c.value();
        return switch (c.op()) {
            case "eq" -> Filter.equalTo(p, value(schema, p, c.value()));
            case "ne" -> Filter.not(Filter.equalTo(p, value(schema, p, c.value())));
            case "gt" -> Filter.greaterThan(p, value(schema, p, c.value()));
            case "ge" -> Filter.greaterThan(p, value(schema, p, c.value()), true);
            case "lt" -> Filter.lessThan(p, value(schema, p, c.value()));
            case "le" -> Filter.lessThan(p, value(schema, p, c.value()), true);
            case "contains" -> Filter.contains(p, text);
            case "containsIgnoreCase" -> Filter.contains(p, text, false);
            case "startsWith" -> Filter.startsWith(p, text);
            case "endsWith" -> Filter.endsWith(p, text);
            case "matches" -> Filter.matches(p, text);
            case "isNull" -> Filter.isNull(p);
            case "isNotNull" -> Filter.isNotNull(p);
            case "isEmpty" -> Filter.isEmpty(p);
            case "lengthEq" -> Filter.lengthEqualTo(p, parseInt(p, text));
            default -> throw new IllegalArgumentException("unknown filter operator '" + c.op() + "'");
        };
    }

    private static int parseInt(String property, String text) {
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("property '" + property + "': '" + text + "' is not a length");
        }
    }

    /**
     * The text as a value of the property at {@code path} (a List: its element type); null stays null.
     *
     * @throws IllegalArgumentException naming the property and the text when it does not parse
     */
    static Object value(CollectionSchema schema, String path, String text) {
        if (text == null) {
            return null;
        }
        PropertySchema s = schemaAt(schema, path);
        if (s == null) {
            return text; // an unknown property: the query names it
        }
        if (s.type() == PropertyType.LIST) {
            s = s.element();
        }
        String t = s.type() == PropertyType.STRING ? text : text.trim();
        try {
            return switch (s.type()) {
                case BOOL -> {
                    if (!t.equals("true") && !t.equals("false")) {
                        throw new IllegalArgumentException("not true or false");
                    }
                    yield Boolean.parseBoolean(t);
                }
                case BYTE, SHORT, INT, LONG -> Long.parseLong(t);
                case FLOAT, DOUBLE -> Double.parseDouble(t);
                case STRING -> t;
                case INSTANT -> Instant.parse(t);
                case BYTES -> Base64.getDecoder().decode(t);
                case ENUM -> enumConstant(schema.type(), path, t);
                case EMBEDDED, LIST -> throw new IllegalArgumentException("not a value that compares");
            };
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("property '" + path + "' is " + s.typeDescription() + ": '" + text
                    + "' does not read as one (" + e.getMessage() + ")", e);
        }
    }

    /** The schema of the property at a dotted path, the id included; null when there is none. */
    static PropertySchema schemaAt(CollectionSchema schema, String path) {
        if (path.equals(schema.idProperty())) {
            return PropertySchema.scalar(path, PropertyType.LONG, false);
        }
        List<PropertySchema> level = schema.properties();
        PropertySchema found = null;
        for (String part : path.split("\\.", -1)) {
            if (level == null) {
                return null;
            }
            Optional<PropertySchema> p = level.stream().filter(x -> x.name().equals(part)).findFirst();
            if (p.isEmpty()) {
                return null;
            }
            found = p.get();
            PropertySchema holder = found.type() == PropertyType.LIST ? found.element() : found;
            level = holder.type() == PropertyType.EMBEDDED ? holder.embedded() : null;
        }
        return found;
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object enumConstant(Class<?> root, String path, String name) {
        Class<?> type = root;
        for (String part : path.split("\\.")) {
            Field f = field(type, part);
            Type generic = f.getGenericType();
            if (List.class.isAssignableFrom(f.getType()) && generic instanceof ParameterizedType pt
                    && pt.getActualTypeArguments()[0] instanceof Class<?> element) {
                type = element;
            } else {
                type = f.getType();
            }
        }
        if (!type.isEnum()) {
            throw new IllegalArgumentException("not an enum");
        }
        return Enum.valueOf((Class) type, name);
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // the superclass, then
            }
        }
        throw new IllegalArgumentException("no field " + name + " in " + type.getSimpleName());
    }

    /** The index of that name, or null. */
    static IndexSchema index(CollectionSchema schema, String name) {
        return schema.indexes().stream().filter(i -> i.name().equals(name)).findFirst().orElse(null);
    }
}
