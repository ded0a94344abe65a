package dev.atoll.internal.json;

import dev.atoll.AtollException;
import dev.atoll.internal.query.Values;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonFactoryBuilder;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.PrettyPrinter;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.StreamWriteConstraints;
import com.fasterxml.jackson.core.StreamWriteFeature;
import com.fasterxml.jackson.core.io.CharacterEscapes;
import com.fasterxml.jackson.core.json.JsonWriteFeature;
import dev.atoll.schema.CollectionSchema;
import dev.atoll.schema.PropertySchema;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Internal: the JSON form of a collection's objects, for {@link Query#exportJson()} and
 * {@link AtollCollection#importJson(String)} and their streaming forms, through jackson-core's streaming
 * generator and parser. An array of objects, separated by ",\n"; each has its id under the id property's
 * name and one member per property, without spaces. Enums are constant names, byte arrays Base64 (the
 * standard alphabet, padded), Instants ISO-8601, embedded objects nested objects, Lists arrays; floats and
 * doubles are Java's shortest decimal form ({@code Double.toString}), and a non-finite one is the string
 * "NaN", "Infinity" or "-Infinity". In strings, '"', '\\', '\n', '\r' and '\t' are escaped as such and other
 * control characters as backslash-u escapes with lower-case hex digits; through a byte stream (UTF-8) every
 * surrogate is written as a backslash-u escape, so that a lone one survives.
 */
public final class Json {
    /** One factory for both directions: its settings are the format. */
    private static final JsonFactory FACTORY = new JsonFactoryBuilder()
            .characterEscapes(new Escapes())
            .disable(JsonWriteFeature.WRITE_HEX_UPPER_CASE)
            // a failed export must not look complete: no closing brackets added on close
            .disable(StreamWriteFeature.AUTO_CLOSE_CONTENT)
            // the caller's streams stay open: the caller opened them
            .disable(StreamWriteFeature.AUTO_CLOSE_TARGET)
            .disable(StreamReadFeature.AUTO_CLOSE_SOURCE)
            // Atoll's own limits apply (maxObjectSize, the depth the codec takes), not Jackson's defaults
            .streamReadConstraints(StreamReadConstraints.builder().maxStringLength(Integer.MAX_VALUE)
                    .maxNestingDepth(Integer.MAX_VALUE).maxNameLength(Integer.MAX_VALUE).build())
            .streamWriteConstraints(StreamWriteConstraints.builder().maxNestingDepth(Integer.MAX_VALUE).build())
            .build();

    private Json() {
    }

    // ------------------------------------------------------------------ writing

    /** An export in progress: the array's start is written when it is made, {@link #end} closes it. */
    public static final class Out {
        private final CollectionSchema schema;
        private final JsonGenerator g;
        private final Map<Class<?>, Map<String, Field>> fields = new HashMap<>();
        private long count;

        private Out(CollectionSchema schema, JsonGenerator g) {
            this.schema = schema;
            this.g = g;
            g.setPrettyPrinter(new Layout());
            run(() -> g.writeStartArray());
        }

        /** Writes one object; the id property first, then the properties in the schema's order. */
        public void object(Object o) {
            run(() -> writeObject(o, schema.properties(), schema.idProperty()));
            count++;
        }

        /** Closes the array and flushes; returns how many objects were written. A failed export is not ended. */
        public long end() {
            run(() -> {
                g.writeEndArray();
                g.close(); // flushes, and leaves the stream open
            });
            return count;
        }

        private void run(IoStep step) {
            try {
                step.run();
            } catch (IOException e) {
                throw new UncheckedIOException("exportJson of collection '" + schema.name() + "' after " + count
                        + " objects: " + e.getMessage(), e);
            }
        }

        private void writeObject(Object o, List<PropertySchema> properties, String id) throws IOException {
            Map<String, Field> byName = fields.computeIfAbsent(o.getClass(), c -> new HashMap<>());
            g.writeStartObject();
            if (id != null) {
                g.writeFieldName(id);
                Object value = get(byName, o, id);
                if (value == null) {
                    g.writeNull();
                } else {
                    g.writeNumber(((Number) value).longValue());
                }
            }
            for (PropertySchema p : properties) {
                g.writeFieldName(p.name());
                writeValue(p, get(byName, o, p.name()));
            }
            g.writeEndObject();
        }

        private static Object get(Map<String, Field> byName, Object o, String name) {
            return Json.get(byName.computeIfAbsent(name, n -> field(o.getClass(), n)), o);
        }

        private void writeValue(PropertySchema s, Object v) throws IOException {
            if (v == null) {
                g.writeNull();
                return;
            }
            switch (s.type()) {
                case BOOL -> g.writeBoolean((Boolean) v);
                case BYTE, SHORT, INT -> g.writeNumber(((Number) v).intValue());
                case LONG -> g.writeNumber((Long) v);
                case FLOAT, DOUBLE -> {
                    double d = ((Number) v).doubleValue();
                    if (Double.isFinite(d)) {
                        g.writeNumber(v.toString()); // Float.toString for a float: its own shortest form
                    } else {
                        g.writeString(Double.isNaN(d) ? "NaN" : d > 0 ? "Infinity" : "-Infinity");
                    }
                }
                case STRING -> g.writeString((String) v);
                case ENUM -> g.writeString(((Enum<?>) v).name());
                case BYTES -> g.writeString(Base64.getEncoder().encodeToString((byte[]) v));
                case INSTANT -> g.writeString(v.toString());
                case EMBEDDED -> writeObject(v, s.embedded(), null);
                case LIST -> {
                    g.writeStartArray();
                    for (Object element : (List<?>) v) {
                        writeValue(s.element(), element);
                    }
                    g.writeEndArray();
                }
            }
        }
    }

    /** An export to a byte stream, in UTF-8. */
    public static Out out(CollectionSchema schema, OutputStream out) {
        try {
            return new Out(schema, FACTORY.createGenerator(out, JsonEncoding.UTF8));
        } catch (IOException e) {
            throw new UncheckedIOException("exportJson of collection '" + schema.name() + "': " + e.getMessage(), e);
        }
    }

    /** An export to a character stream. */
    public static Out out(CollectionSchema schema, Writer out) {
        try {
            return new Out(schema, FACTORY.createGenerator(out));
        } catch (IOException e) {
            throw new UncheckedIOException("exportJson of collection '" + schema.name() + "': " + e.getMessage(), e);
        }
    }

    private interface IoStep {
        public void run() throws IOException;
    }

    /**
     * The layout of the format: no spaces; the objects of the top-level array each on a line of their
     * own (",\n" between them), and "," everywhere else.
     */
    private static final class Layout implements PrettyPrinter {
        @Override
        public void writeRootValueSeparator(JsonGenerator g) throws IOException {
            // one value only
        }

        @Override
        public void writeStartObject(JsonGenerator g) throws IOException {
            g.writeRaw('{');
        }

        @Override
        public void writeEndObject(JsonGenerator g, int entries) throws IOException {
            g.writeRaw('}');
        }

        @Override
        public void writeObjectEntrySeparator(JsonGenerator g) throws IOException {
            g.writeRaw(',');
        }

        @Override
        public void writeObjectFieldValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(':');
        }

        @Override
        public void writeStartArray(JsonGenerator g) throws IOException {
            g.writeRaw('[');
        }

        @Override
        public void writeEndArray(JsonGenerator g, int values) throws IOException {
            g.writeRaw(']');
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(g.getOutputContext().getParent().inRoot() ? ",\n" : ",");
        }

        @Override
        public void beforeArrayValues(JsonGenerator g) {
            // nothing before the first value
        }

        @Override
        public void beforeObjectEntries(JsonGenerator g) {
            // nothing before the first member
        }
    }

    /** Jackson's escapes, except backspace and form feed, which are backslash-u escapes, as before Jackson. */
    private static final class Escapes extends CharacterEscapes {
        private final int[] ascii = standardAsciiEscapesForJSON();

        Escapes() {
            ascii['\b'] = ESCAPE_STANDARD;
            ascii['\f'] = ESCAPE_STANDARD;
        }

        @Override
        public int[] getEscapeCodesForAscii() {
            return ascii;
        }

        @Override
        public SerializableString getEscapeSequence(int ch) {
            return null;
        }
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads all the objects of a JSON text (for {@link AtollCollection#importJson(String)}).
     *
     * @throws IllegalArgumentException naming the position or the object and property when the JSON is
     *     malformed or does not fit the class
     */
    public static <T> List<T> read(CollectionSchema schema, Class<T> type, String json) {
        try (In<T> in = in(schema, type, json)) {
            List<T> objects = new ArrayList<>();
            for (Object tree = in.next(); tree != null; tree = in.next()) {
                objects.add(in.build(tree, objects.size()));
            }
            return objects;
        }
    }

    public static <T> In<T> in(CollectionSchema schema, Class<T> type, String json) {
        return open(schema, type, () -> FACTORY.createParser(json));
    }

    public static <T> In<T> in(CollectionSchema schema, Class<T> type, Reader json) {
        return open(schema, type, () -> FACTORY.createParser(json));
    }

    public static <T> In<T> in(CollectionSchema schema, Class<T> type, InputStream json) {
        return open(schema, type, () -> FACTORY.createParser(json));
    }

    private interface ParserSource {
        public JsonParser open() throws IOException;
    }

    private static <T> In<T> open(CollectionSchema schema, Class<T> type, ParserSource source) {
        try {
            return new In<>(schema, type, source.open());
        } catch (IOException e) {
            throw new UncheckedIOException("importJson into '" + schema.name() + "': " + e.getMessage(), e);
        }
    }

    /**
     * An import in progress: reads the top-level array one element at a time, each as a small tree
     * (maps, lists, BigDecimals, strings), which {@link #build} turns into an object. Only the element
     * being read is held.
     */
    public static final class In<T> implements AutoCloseable {
        private final CollectionSchema schema;
        private final Class<T> type;
        private final JsonParser p;
        private boolean done;

        private In(CollectionSchema schema, Class<T> type, JsonParser p) {
            this.schema = schema;
            this.type = type;
            this.p = p;
            if (token() != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("importJson: the JSON must be an array of objects");
            }
        }

        /** The next element of the array as a tree, or null after the last (then the input was checked to end). */
        public Object next() {
            if (done) {
                return null;
            }
            JsonToken t = token();
            if (t == JsonToken.END_ARRAY) {
                done = true;
                if (token() != null) {
                    throw malformed("unexpected text after the JSON value");
                }
                return null;
            }
            return value(t);
        }

        /** The object an element's tree describes; {@code index} is its place in the array, for messages. */
        public T build(Object tree, long index) {
            String where = "importJson into '" + schema.name() + "', object " + index;
            return type.cast(Json.build(where, type, schema.properties(), schema.idProperty(), tree));
        }

        private Object value(JsonToken t) {
            switch (t) {
                case START_OBJECT -> {
                    Map<String, Object> map = new LinkedHashMap<>();
                    for (JsonToken k = token(); k == JsonToken.FIELD_NAME; k = token()) {
                        String key = name();
                        if (map.containsKey(key)) {
                            throw malformed("member '" + key + "' appears twice");
                        }
                        map.put(key, value(token()));
                    }
                    return map;
                }
                case START_ARRAY -> {
                    List<Object> list = new ArrayList<>();
                    for (JsonToken e = token(); e != JsonToken.END_ARRAY; e = token()) {
                        list.add(value(e));
                    }
                    return list;
                }
                case VALUE_STRING -> {
                    return text();
                }
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> {
                    String text = text();
                    BigDecimal n = new BigDecimal(text);
                    // BigDecimal has no negative zero ("-0", "-0.0", "-0e5"...): a double keeps the sign
                    return n.signum() == 0 && text.charAt(0) == '-' ? (Object) (-0.0d) : n;
                }
                case VALUE_TRUE -> {
                    return Boolean.TRUE;
                }
                case VALUE_FALSE -> {
                    return Boolean.FALSE;
                }
                default -> {
                    return null; // VALUE_NULL: the parser gives no other token in a value's place
                }
            }
        }

        private JsonToken token() {
            try {
                return p.nextToken();
            } catch (IOException e) {
                throw failure(e);
            }
        }

        private String name() {
            try {
                return p.currentName();
            } catch (IOException e) {
                throw failure(e);
            }
        }

        private String text() {
            try {
                return p.getText(); // a string's text is decoded here: its errors arrive here too
            } catch (IOException e) {
                throw failure(e);
            }
        }

        /** Malformed text as an IllegalArgumentException that says where; a failing stream as it is. */
        private RuntimeException failure(IOException e) {
            if (e instanceof JsonProcessingException j) {
                JsonLocation at = j.getLocation();
                return new IllegalArgumentException("importJson into '" + schema.name() + "': malformed JSON at line "
                        + at.getLineNr() + ", column " + at.getColumnNr() + ": " + j.getOriginalMessage(), e);
            }
            return new UncheckedIOException("importJson into '" + schema.name() + "': " + e.getMessage(), e);
        }

        /** Releases the parser's buffers; the stream stays open. */
        @Override
        public void close() {
            try {
                p.close();
            } catch (IOException e) {
                throw new UncheckedIOException("importJson into '" + schema.name() + "': " + e.getMessage(), e);
            }
        }

        private IllegalArgumentException malformed(String what) {
            JsonLocation at = p.currentTokenLocation();
            return new IllegalArgumentException("importJson into '" + schema.name() + "': malformed JSON at line "
                    + at.getLineNr() + ", column " + at.getColumnNr() + ": " + what);
        }
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
}
