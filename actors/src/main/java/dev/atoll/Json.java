package dev.atoll;

import dev.atoll.schema.CollectionSchema;
import dev.atoll.schema.PropertySchema;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Internal: the JSON form of a collection's objects, for {@link Query#exportJson()} and
 * {@link AtollCollection#importJson(String)}. An array of objects; each has its id under the id property's
 * name and one member per property. Enums are constant names, byte arrays Base64, Instants ISO-8601, embedded
 * objects nested objects, Lists arrays; a non-finite float is the string "NaN", "Infinity" or "-Infinity".
 */
final class Json {
    private Json() {
    }

    // ------------------------------------------------------------------ writing

    static String write(CollectionSchema schema, List<?> objects) {
        StringBuilder sb = new StringBuilder("[");
        for (int i = 0; i < objects.size(); i++) {
            if (i > 0) {
                sb.append(",\n");
            }
            writeObject(sb, objects.get(i), schema.properties(), schema.idProperty());
        }
        return sb.append("]").toString();
    }

    private static void writeObject(StringBuilder sb, Object o, List<PropertySchema> properties, String id) {
        sb.append('{');
        boolean first = true;
        if (id != null) {
            writeString(sb, id);
            sb.append(':').append(get(field(o.getClass(), id), o));
            first = false;
        }
        for (PropertySchema p : properties) {
            if (!first) {
                sb.append(',');
            }
            first = false;
            writeString(sb, p.name());
            sb.append(':');
            writeValue(sb, p, get(field(o.getClass(), p.name()), o));
        }
        sb.append('}');
    }

    private static void writeValue(StringBuilder sb, PropertySchema s, Object v) {
        if (v == null) {
            sb.append("null");
            return;
        }
        switch (s.type()) {
            case BOOL, BYTE, SHORT, INT, LONG -> sb.append(v);
            case FLOAT, DOUBLE -> {
                double d = ((Number) v).doubleValue();
                if (Double.isFinite(d)) {
                    sb.append(v);
                } else {
                    writeString(sb, Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                }
            }
            case STRING -> writeString(sb, (String) v);
            case ENUM -> writeString(sb, ((Enum<?>) v).name());
            case BYTES -> writeString(sb, Base64.getEncoder().encodeToString((byte[]) v));
            case INSTANT -> writeString(sb, v.toString());
            case EMBEDDED -> writeObject(sb, v, s.embedded(), null);
            case LIST -> {
                sb.append('[');
                List<?> list = (List<?>) v;
                for (int i = 0; i < list.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    writeValue(sb, s.element(), list.get(i));
                }
                sb.append(']');
            }
        }
    }

    private static void writeString(StringBuilder sb, String s) {
        sb.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads objects of a collection from JSON.
     *
     * @throws IllegalArgumentException naming the position or the object and property when the JSON is
     *     malformed or does not fit the class
     */
    static <T> List<T> read(CollectionSchema schema, Class<T> type, String json) {
        Object tree = new Parser(json).document();
        if (!(tree instanceof List<?> list)) {
            throw new IllegalArgumentException("importJson: the JSON must be an array of objects");
        }
        List<T> objects = new ArrayList<>(list.size());
        for (int i = 0; i < list.size(); i++) {
            String where = "importJson into '" + schema.name() + "', object " + i;
            objects.add(type.cast(build(where, type, schema.properties(), schema.idProperty(), list.get(i))));
        }
        return objects;
    }

    private static Object build(String where, Class<?> type, List<PropertySchema> properties, String id,
                                Object json) {
        if (!(json instanceof Map<?, ?> map)) {
            throw new IllegalArgumentException(where + ": expected a JSON object, found " + kind(json));
        }
        Map<String, Object> values = new LinkedHashMap<>();
        for (Map.Entry<?, ?> e : map.entrySet()) {
            String name = (String) e.getKey();
            Field f;
            Object value;
            if (name.equals(id)) {
                f = field(type, name);
                value = convertId(where, f, e.getValue());
            } else {
                PropertySchema p = properties.stream().filter(x -> x.name().equals(name)).findFirst()
                        .orElseThrow(() -> new IllegalArgumentException(where + ": unknown property '" + name + "'"));
                f = field(type, name);
                value = convert(where + ", property '" + name + "'", p, f.getGenericType(), e.getValue());
            }
            if (value == null && f.getType().isPrimitive()) {
                throw new IllegalArgumentException(where + ", property '" + name + "': null for a primitive");
            }
            values.put(name, value);
        }
        try {
            if (type.isRecord()) {
                RecordComponent[] rcs = type.getRecordComponents();
                Class<?>[] types = new Class<?>[rcs.length];
                Object[] args = new Object[rcs.length];
                for (int i = 0; i < rcs.length; i++) {
                    types[i] = rcs[i].getType();
                    args[i] = values.containsKey(rcs[i].getName()) ? values.get(rcs[i].getName())
                            : defaultOf(types[i]);
                }
                Constructor<?> c = type.getDeclaredConstructor(types);
                c.setAccessible(true);
                return c.newInstance(args);
            }
            Constructor<?> c = type.getDeclaredConstructor();
            c.setAccessible(true);
            Object o = c.newInstance();
            for (PropertySchema p : properties) {
                // a member the JSON leaves out is null (0, false), as in a stored object, never the initializer
                if (!values.containsKey(p.name())) {
                    Field f = field(type, p.name());
                    f.set(o, defaultOf(f.getType()));
                }
            }
            for (Map.Entry<String, Object> e : values.entrySet()) {
                field(type, e.getKey()).set(o, e.getValue());
            }
            return o;
        } catch (ReflectiveOperationException e) {
            throw new AtollException(where + ": cannot build a " + type.getName() + ": " + e, e);
        }
    }

    private static Object convertId(String where, Field f, Object json) {
        if (json == null) {
            return f.getType().isPrimitive() ? 0L : null;
        }
        try {
            return number(json).longValueExact();
        } catch (ArithmeticException | ClassCastException e) {
            // not a whole number
        }
        throw new IllegalArgumentException(where + ", the id: expected a whole number, found " + kind(json));
    }

    private static Object convert(String where, PropertySchema s, Type javaType, Object json) {
        if (json == null) {
            return null;
        }
        try {
            switch (s.type()) {
                case BOOL -> {
                    if (json instanceof Boolean) {
                        return json;
                    }
                }
                case BYTE -> {
                    return number(json).byteValueExact();
                }
                case SHORT -> {
                    return number(json).shortValueExact();
                }
                case INT -> {
                    return number(json).intValueExact();
                }
                case LONG -> {
                    return number(json).longValueExact();
                }
                case FLOAT -> {
                    // BigDecimal.floatValue rounds once; (float) of the double could round twice
                    return json instanceof BigDecimal n ? (Object) n.floatValue() : (Object) (float) floating(json);
                }
                case DOUBLE -> {
                    return floating(json);
                }
                case STRING -> {
                    if (json instanceof String) {
                        return json;
                    }
                }
                case ENUM -> {
                    if (json instanceof String name) {
                        for (Object c : ((Class<?>) javaType).getEnumConstants()) {
                            if (((Enum<?>) c).name().equals(name)) {
                                return c;
                            }
                        }
                        throw new IllegalArgumentException(where + ": no constant '" + name + "' in "
                                + ((Class<?>) javaType).getSimpleName());
                    }
                }
                case BYTES -> {
                    if (json instanceof String b64) {
                        return Base64.getDecoder().decode(b64);
                    }
                }
                case INSTANT -> {
                    if (json instanceof String t) {
                        return Instant.parse(t);
                    }
                }
                case EMBEDDED -> {
                    return build(where, (Class<?>) javaType, s.embedded(), null, json);
                }
                case LIST -> {
                    if (json instanceof List<?> list) {
                        Type element = ((ParameterizedType) javaType).getActualTypeArguments()[0];
                        List<Object> out = new ArrayList<>(list.size());
                        for (int i = 0; i < list.size(); i++) {
                            out.add(convert(where + "[" + i + "]", s.element(), element, list.get(i)));
                        }
                        return out;
                    }
                }
            }
        } catch (ArithmeticException | DateTimeParseException | ClassCastException e) {
            throw new IllegalArgumentException(where + ": " + kind(json) + " does not fit " + Values.describe(s)
                    + " (" + e.getMessage() + ")", e);
        }
        throw new IllegalArgumentException(where + ": expected " + Values.describe(s) + ", found " + kind(json));
    }

    private static BigDecimal number(Object json) {
        if (json instanceof BigDecimal n) {
            return n;
        }
        if (json instanceof Double) {
            return BigDecimal.ZERO; // the parser's negative zero
        }
        throw new ClassCastException("not a number");
    }

    private static double floating(Object json) {
        if (json instanceof BigDecimal n) {
            return n.doubleValue();
        }
        if (json instanceof Double negativeZero) {
            return negativeZero;
        }
        if (json instanceof String s) {
            switch (s) {
                case "NaN" -> {
                    return Double.NaN;
                }
                case "Infinity" -> {
                    return Double.POSITIVE_INFINITY;
                }
                case "-Infinity" -> {
                    return Double.NEGATIVE_INFINITY;
                }
                default -> { }
            }
        }
        throw new ClassCastException("not a number");
    }

    private static Object defaultOf(Class<?> c) {
        if (!c.isPrimitive()) {
            return null;
        }
        if (c == boolean.class) {
            return false;
        }
        if (c == long.class) {
            return 0L;
        }
        if (c == float.class) {
            return 0f;
        }
        if (c == double.class) {
            return 0d;
        }
        if (c == char.class) {
            return (char) 0;
        }
        if (c == byte.class) {
            return (byte) 0;
        }
        if (c == short.class) {
            return (short) 0;
        }
        return 0;
    }

    private static String kind(Object json) {
        if (json == null) {
            return "null";
        }
        if (json instanceof Map) {
            return "an object";
        }
        if (json instanceof List) {
            return "an array";
        }
        if (json instanceof String s) {
            return "the string \"" + s + "\"";
        }
        return json.toString();
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                if (!Modifier.isStatic(f.getModifiers())) {
                    f.setAccessible(true);
                    return f;
                }
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new IllegalStateException("class " + type.getName() + " has no field '" + name + "'");
    }

    private static Object get(Field f, Object o) {
        try {
            return f.get(o);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A small strict JSON parser: objects as LinkedHashMaps, arrays as Lists, numbers as BigDecimals. */
    private static final class Parser {
        private final String s;
        private int pos;

        Parser(String s) {
            this.s = s;
        }

        Object document() {
            Object v = value();
            skipSpace();
            if (pos != s.length()) {
                throw error("unexpected text after the JSON value");
            }
            return v;
        }

        private Object value() {
            skipSpace();
            if (pos >= s.length()) {
                throw error("unexpected end");
            }
            char c = s.charAt(pos);
            switch (c) {
                case '{' -> {
                    pos++;
                    Map<String, Object> map = new LinkedHashMap<>();
                    skipSpace();
                    if (peek('}')) {
                        return map;
                    }
                    do {
                        skipSpace();
                        String key = string();
                        skipSpace();
                        expect(':');
                        if (map.put(key, value()) != null) {
                            throw error("member '" + key + "' appears twice");
                        }
                        skipSpace();
                    } while (peek(','));
                    expect('}');
                    return map;
                }
                case '[' -> {
                    pos++;
                    List<Object> list = new ArrayList<>();
                    skipSpace();
                    if (peek(']')) {
                        return list;
                    }
                    do {
                        list.add(value());
                        skipSpace();
                    } while (peek(','));
                    expect(']');
                    return list;
                }
                case '"' -> {
                    return string();
                }
                default -> {
                    if (s.startsWith("true", pos)) {
                        pos += 4;
                        return Boolean.TRUE;
                    }
                    if (s.startsWith("false", pos)) {
                        pos += 5;
                        return Boolean.FALSE;
                    }
                    if (s.startsWith("null", pos)) {
                        pos += 4;
                        return null;
                    }
                    return number();
                }
            }
        }

        /** A number as a BigDecimal, except a negative zero ("-0", "-0.0", "-0e5"...), which BigDecimal cannot hold: -0.0d. */
        private Number number() {
            int start = pos;
            while (pos < s.length() && "+-0123456789.eE".indexOf(s.charAt(pos)) >= 0) {
                pos++;
            }
            try {
                BigDecimal n = new BigDecimal(s.substring(start, pos));
                if (n.signum() == 0 && s.charAt(start) == '-') {
                    return -0.0d;
                }
                return n;
            } catch (NumberFormatException e) {
                pos = start;
                throw error("expected a value");
            }
        }

        private String string() {
            expect('"');
            StringBuilder sb = new StringBuilder();
            while (true) {
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char c = s.charAt(pos++);
                if (c == '"') {
                    return sb.toString();
                }
                if (c != '\\') {
                    sb.append(c);
                    continue;
                }
                if (pos >= s.length()) {
                    throw error("unterminated string");
                }
                char e = s.charAt(pos++);
                switch (e) {
                    case '"', '\\', '/' -> sb.append(e);
                    case 'b' -> sb.append('\b');
                    case 'f' -> sb.append('\f');
                    case 'n' -> sb.append('\n');
                    case 'r' -> sb.append('\r');
                    case 't' -> sb.append('\t');
                    case 'u' -> {
                        if (pos + 4 > s.length()) {
                            throw error("bad \\u escape");
                        }
                        try {
                            sb.append((char) Integer.parseInt(s.substring(pos, pos + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        pos += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
            }
        }

        private void skipSpace() {
            while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
        }

        private boolean peek(char c) {
            if (pos < s.length() && s.charAt(pos) == c) {
                pos++;
                return true;
            }
            return false;
        }

        private void expect(char c) {
            if (!peek(c)) {
                throw error("expected '" + c + "'");
            }
        }

        private IllegalArgumentException error(String what) {
            return new IllegalArgumentException("importJson: malformed JSON at character " + pos + ": " + what);
        }
    }
}
