package dev.atoll.schema;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import java.lang.reflect.AnnotatedElement;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Derives a {@link CollectionSchema} from an annotated class or record by reflection. */
final class SchemaDeriver {
    /** At most this many properties in one composite index. */
    static final int MAX_COMPOSITE = 3;

    private SchemaDeriver() {
    }

    // One stored member of a class: a field or a record component.
    record Member(String name, Type type, AnnotatedElement annotations) {
    }

    static CollectionSchema derive(Class<?> type) {
        Entity entity = type.getAnnotation(Entity.class);
        if (entity == null) {
            throw invalid(type, "is not annotated with @Entity");
        }
        String name = entity.name().isEmpty() ? type.getSimpleName() : entity.name();
        if (name.isEmpty()) {
            throw invalid(type, "has no name; give one with @Entity(name = ...)");
        }
        checkConstructible(type);
        List<Member> members = members(type);
        Member id = findId(type, members);
        Deque<Class<?>> stack = new ArrayDeque<>();
        Map<Class<?>, List<PropertySchema.Recursion>> recursions = new HashMap<>();
        stack.push(type);
        List<PropertySchema> properties = new ArrayList<>();
        for (Member m : members) {
            if (m != id) {
                properties.add(propertyOf(type, m.name(), m.name(), m.type(), stack, recursions));
            }
        }
        properties.sort(Comparator.comparing(PropertySchema::name));
        List<IndexSchema> indexes = indexes(type, members, id, properties);
        return new CollectionSchema(name, type, id.name(), properties, indexes);
    }

    /** The stored members: record components, or the non-static non-transient fields of the class chain. */
    static List<Member> members(Class<?> type) {
        List<Member> result = new ArrayList<>();
        if (type.isRecord()) {
            for (RecordComponent rc : type.getRecordComponents()) {
                if (!rc.isAnnotationPresent(Ignore.class)) {
                    result.add(new Member(rc.getName(), rc.getGenericType(), rc));
                }
            }
            return result;
        }
        Set<String> names = new HashSet<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                int mod = f.getModifiers();
                if (Modifier.isStatic(mod) || Modifier.isTransient(mod) || f.isSynthetic()
                    || f.isAnnotationPresent(Ignore.class)) {
                    continue;
                }
                if (!names.add(f.getName())) {
                    throw invalid(type, "has two fields named '" + f.getName() + "' (one hides the other)");
                }
                result.add(new Member(f.getName(), f.getGenericType(), f));
            }
        }
        return result;
    }

    private static Member findId(Class<?> type, List<Member> members) {
        List<Member> ids = members.stream().filter(m -> m.annotations().isAnnotationPresent(Id.class)).toList();
        if (ids.isEmpty()) {
            throw invalid(type, "has no @Id property");
        }
        if (ids.size() > 1) {
            throw invalid(type, "has more than one @Id property: "
                + ids.stream().map(Member::name).toList());
        }
        Member id = ids.get(0);
        if (id.type() != long.class && id.type() != Long.class) {
            throw invalid(type, "property '" + id.name() + "': @Id must be long or Long but is "
                + id.type().getTypeName());
        }
        return id;
    }

    private static void checkConstructible(Class<?> type) {
        if (type.isInterface() || type.isArray() || type.isPrimitive() || type.isEnum()
            || Modifier.isAbstract(type.getModifiers())) {
            throw invalid(type, "is abstract, an interface, an enum or an array and cannot be instantiated");
        }
        if (type.isRecord()) {
            return;
        }
        try {
            type.getDeclaredConstructor();
        } catch (NoSuchMethodException e) {
            boolean inner = type.getEnclosingClass() != null && !Modifier.isStatic(type.getModifiers());
            throw invalid(type, "has no no-arg constructor" + (inner ? " (inner classes must be static)" : ""));
        }
    }

    private static PropertySchema propertyOf(Class<?> owner, String property, String name, Type type,
                                             Deque<Class<?>> stack,
                                             Map<Class<?>, List<PropertySchema.Recursion>> recursions) {
        if (type instanceof Class<?> c) {
            PropertySchema scalar = scalarOf(name, c);
            if (scalar != null) {
                return scalar;
            }
            if (c.isEnum()) {
                List<String> values = Arrays.stream(c.getEnumConstants()).map(e -> ((Enum<?>) e).name()).toList();
                return new PropertySchema(name, PropertyType.ENUM, true, null, null, values, c.getSimpleName());
            }
            if (c.isAnnotationPresent(Embedded.class)) {
                return embeddedOf(owner, property, name, c, stack, recursions);
            }
            if (c == List.class) {
                throw invalid(owner, "property '" + property + "' is a raw List; declare List<X>");
            }
        } else if (type instanceof ParameterizedType pt && pt.getRawType() == List.class) {
            Type arg = pt.getActualTypeArguments()[0];
            boolean nested = arg == List.class
                || arg instanceof ParameterizedType p2 && p2.getRawType() == List.class;
            if (nested) {
                throw invalid(owner, "property '" + property + "' has unsupported type " + type.getTypeName()
                    + " (a List of List is not supported)");
            }
            if (arg instanceof Class<?>) {
                PropertySchema element = propertyOf(owner, property, "element", arg, stack, recursions);
                return new PropertySchema(name, PropertyType.LIST, true, element, null, null, null);
            }
        }
        throw invalid(owner, "property '" + property + "' has unsupported type " + type.getTypeName());
    }

    private static PropertySchema scalarOf(String name, Class<?> c) {
        PropertyType t;
        boolean nullable = !c.isPrimitive();
        if (c == boolean.class || c == Boolean.class) {
            t = PropertyType.BOOL;
        } else if (c == byte.class || c == Byte.class) {
            t = PropertyType.BYTE;
        } else if (c == short.class || c == Short.class) {
            t = PropertyType.SHORT;
        } else if (c == int.class || c == Integer.class) {
            t = PropertyType.INT;
        } else if (c == long.class || c == Long.class) {
            t = PropertyType.LONG;
        } else if (c == float.class || c == Float.class) {
            t = PropertyType.FLOAT;
        } else if (c == double.class || c == Double.class) {
            t = PropertyType.DOUBLE;
        } else if (c == String.class) {
            t = PropertyType.STRING;
        } else if (c == byte[].class) {
            t = PropertyType.BYTES;
        } else if (c == Instant.class) {
            t = PropertyType.INSTANT;
        } else {
            return null;
        }
        return PropertySchema.scalar(name, t, nullable);
    }

    private static PropertySchema embeddedOf(Class<?> owner, String property, String name, Class<?> c,
                                             Deque<Class<?>> stack,
                                             Map<Class<?>, List<PropertySchema.Recursion>> recursions) {
        int up = 1;
        for (Class<?> enclosing : stack) {
            if (enclosing == c) {
                // a tree: the properties are those of the enclosing occurrence, filled in when it is built
                PropertySchema recursive = PropertySchema.recursive(name, c.getSimpleName(), up);
                recursions.computeIfAbsent(c, k -> new ArrayList<>()).add(recursive.recursion());
                return recursive;
            }
            if (enclosing.isAnnotationPresent(Embedded.class)) {
                up++;
            }
        }
        if (c.isAnnotationPresent(Entity.class)) {
            throw invalid(owner, "property '" + property + "': class " + c.getName()
                + " is both @Entity and @Embedded");
        }
        checkConstructible(c);
        stack.push(c);
        List<PropertySchema> props = new ArrayList<>();
        for (Member m : members(c)) {
            if (m.annotations().isAnnotationPresent(Id.class)) {
                throw invalid(c, "property '" + m.name() + "': an @Embedded class cannot have an @Id");
            }
            if (m.annotations().isAnnotationPresent(Index.class)) {
                throw invalid(c, "property '" + m.name() + "': an @Embedded class cannot have an @Index");
            }
            props.add(propertyOf(c, m.name(), m.name(), m.type(), stack, recursions));
        }
        stack.pop();
        props.sort(Comparator.comparing(PropertySchema::name));
        PropertySchema result = new PropertySchema(name, PropertyType.EMBEDDED, true, null, props, null,
            c.getSimpleName());
        List<PropertySchema.Recursion> pending = recursions.remove(c); // c is on the stack only once
        if (pending != null) {
            pending.forEach(r -> r.resolve(result.embedded()));
        }
        return result;
    }

    private static List<IndexSchema> indexes(Class<?> type, List<Member> members, Member id,
                                             List<PropertySchema> properties) {
        Map<String, PropertySchema> byName = new HashMap<>();
        properties.forEach(p -> byName.put(p.name(), p));
        Map<String, IndexSchema> result = new HashMap<>();
        for (Member m : members) {
            Index index = m.annotations().getAnnotation(Index.class);
            if (index == null) {
                continue;
            }
            String prop = m.name();
            if (m == id) {
                throw invalid(type, "property '" + prop + "' is the @Id and cannot have an @Index");
            }
            if (index.replace() && !index.unique()) {
                throw invalid(type, "property '" + prop + "': @Index(replace = true) requires unique = true");
            }
            if (index.composite().length > MAX_COMPOSITE - 1) {
                throw invalid(type, "property '" + prop + "': a composite index has more than " + MAX_COMPOSITE
                    + " properties");
            }
            LinkedHashSet<String> names = new LinkedHashSet<>();
            names.add(prop);
            for (String c : index.composite()) {
                if (!byName.containsKey(c)) {
                    throw invalid(type, "property '" + prop + "': @Index composite names unknown property '"
                        + c + "'");
                }
                if (!names.add(c)) {
                    throw invalid(type, "property '" + prop + "': @Index composite repeats property '" + c + "'");
                }
            }
            for (String n : names) {
                PropertySchema p = byName.get(n);
                boolean embedded = p.type() == PropertyType.EMBEDDED
                    || p.type() == PropertyType.LIST && p.element().type() == PropertyType.EMBEDDED;
                if (embedded) {
                    throw invalid(type, "property '" + n + "' holds embedded objects and cannot be indexed");
                }
            }
            String name = !index.name().isEmpty() ? index.name() : String.join("_", names);
            boolean multiEntry = byName.get(prop).type() == PropertyType.LIST && !index.hash();
            IndexSchema schema = new IndexSchema(name, List.copyOf(names), index.unique(), index.replace(),
                index.caseSensitive(), index.hash(), multiEntry);
            if (result.put(name, schema) != null) {
                throw invalid(type, "property '" + prop + "': index name '" + name + "' is used twice");
            }
        }
        List<IndexSchema> list = new ArrayList<>(result.values());
        list.sort(Comparator.comparing(IndexSchema::name));
        return list;
    }

    static RuntimeException invalid(Class<?> type, String what) {
        String sep = what.startsWith("property") ? ": " : " ";
        return Faults.of(Fault.INVALID_SCHEMA, "class " + type.getName() + sep + what);
    }
}
