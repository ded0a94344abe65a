package dev.atoll.internal.codec;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;
import dev.atoll.schema.CollectionSchema;
import dev.atoll.schema.PropertySchema;

import java.lang.reflect.AccessibleObject;
import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Binds schemas to their Java classes and layout field ids, building the nodes the codecs run on. */
final class Binder {
    /** One serializer per embedded class, shared by all paths and collections. */
    final Map<Class<?>, EmbeddedSerializer> embedded = new LinkedHashMap<>();
    /** Every enum class met. */
    final Map<Class<?>, Boolean> enums = new LinkedHashMap<>();
    /** The classes being bound, enclosing the property being bound now, with their (unfinished) nodes. */
    private final Map<Class<?>, ObjectNode> building = new HashMap<>();

    ObjectNode bindEntity(CollectionSchema schema, SchemaLayout layout) {
        return bind(schema.type(), schema.properties(), layout, "", schema.idProperty());
    }

    private ObjectNode bind(Class<?> type, List<PropertySchema> properties, SchemaLayout layout, String prefix,
                            String idProperty) {
        try {
            Constructor<?> constructor;
            Object[] defaults = null;
            RecordComponent[] components = null;
            if (type.isRecord()) {
                components = type.getRecordComponents();
                Class<?>[] types = new Class<?>[components.length];
                defaults = new Object[components.length];
                for (int i = 0; i < components.length; i++) {
                    types[i] = components[i].getType();
                    defaults[i] = defaultOf(types[i]);
                }
                constructor = type.getDeclaredConstructor(types);
            } else {
                constructor = type.getDeclaredConstructor();
            }
            open(type, constructor);
            Field idField = null;
            int idArg = -1;
            if (idProperty != null) {
                idField = open(type, findField(type, idProperty));
                idArg = argIndex(components, idProperty);
            }
            ObjectNode node = new ObjectNode(type, constructor, defaults, idField, idArg);
            building.put(type, node);
            PropertyNode[] nodes = new PropertyNode[properties.size()];
            for (int i = 0; i < nodes.length; i++) {
                PropertySchema p = properties.get(i);
                String path = prefix + p.name();
                int fieldId = layout.idOf(SchemaLayout.key(path, p));
                if (fieldId <= 0) {
                    throw new IllegalArgumentException("layout of '" + layout.collection()
                        + "' has no id for " + SchemaLayout.key(path, p));
                }
                Field field = open(type, findField(type, p.name()));
                ValueNode value = value(p, field.getGenericType(), layout, SchemaLayout.childPrefix(path, p));
                nodes[i] = new PropertyNode(p.name(), fieldId, value, field, argIndex(components, p.name()));
            }
            building.remove(type);
            node.init(nodes);
            return node;
        } catch (NoSuchMethodException | NoSuchFieldException e) {
            throw Faults.of(Fault.INVALID_SCHEMA, "class " + type.getName() + " does not match its schema: " + e, e);
        }
    }

    private ValueNode value(PropertySchema p, Type javaType, SchemaLayout layout, String childPrefix) {
        switch (p.type()) {
            case ENUM -> {
                Class<?> c = (Class<?>) javaType;
                enums.put(c, Boolean.TRUE);
                Map<String, Enum<?>> constants = new HashMap<>();
                for (Object e : c.getEnumConstants()) {
                    constants.put(((Enum<?>) e).name(), (Enum<?>) e);
                }
                return new ValueNode(p, c, Collections.unmodifiableMap(constants), null, null);
            }
            case EMBEDDED -> {
                Class<?> c = (Class<?>) javaType;
                // a tree: the class contains itself here, and the enclosing occurrence's node serves both
                ObjectNode child = p.isRecursive() ? building.get(c)
                    : bind(c, p.embedded(), layout, childPrefix, null);
                child.serializer = embedded.computeIfAbsent(c, k -> new EmbeddedSerializer());
                return new ValueNode(p, c, null, child, null);
            }
            case LIST -> {
                Type elementType = ((ParameterizedType) javaType).getActualTypeArguments()[0];
                ValueNode element = value(p.element(), elementType, layout, childPrefix);
                return new ValueNode(p, List.class, null, null, element);
            }
            default -> {
                return new ValueNode(p, boxOf(p), null, null, null);
            }
        }
    }

    static Class<?> boxOf(PropertySchema p) {
        return switch (p.type()) {
            case BOOL -> Boolean.class;
            case BYTE -> Byte.class;
            case SHORT -> Short.class;
            case INT -> Integer.class;
            case LONG -> Long.class;
            case FLOAT -> Float.class;
            case DOUBLE -> Double.class;
            case STRING -> String.class;
            case BYTES -> byte[].class;
            case INSTANT -> Instant.class;
            default -> Object.class;
        };
    }

    private static Object defaultOf(Class<?> c) {
        if (!c.isPrimitive()) {
            return null;
        }
        if (c == boolean.class) {
            return Boolean.FALSE;
        }
        if (c == byte.class) {
            return (byte) 0;
        }
        if (c == short.class) {
            return (short) 0;
        }
        if (c == int.class) {
            return 0;
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
        return '\0';
    }

    private static int argIndex(RecordComponent[] components, String name) {
        if (components == null) {
            return -1;
        }
        for (int i = 0; i < components.length; i++) {
            if (components[i].getName().equals(name)) {
                return i;
            }
        }
        throw new IllegalStateException("no record component " + name);
    }

    private static Field findField(Class<?> type, String name) throws NoSuchFieldException {
        for (Class<?> c = type; c != null; c = c.getSuperclass()) { // Object declares no fields
            try {
                return c.getDeclaredField(name);
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new NoSuchFieldException(type.getName() + "." + name);
    }

    private static <A extends AccessibleObject> A open(Class<?> type, A member) {
        try {
            member.setAccessible(true);
            return member;
        } catch (RuntimeException e) {
            throw Faults.of(Fault.INVALID_SCHEMA, "class " + type.getName() + ": cannot access " + member
                + " (open its package to Atoll): " + e.getMessage(), e);
        }
    }
}
