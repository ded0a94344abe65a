package dev.atoll.internal.query;

import dev.atoll.schema.CollectionSchema;
import dev.atoll.schema.PropertySchema;
import dev.atoll.schema.PropertyType;

import java.lang.reflect.Field;
import java.lang.reflect.ParameterizedType;
import java.util.ArrayList;
import java.util.List;

/**
 * Internal: a property of a collection named by a path ("content", "author.name", the id property),
 * resolved against the schema and bound to the Java fields that hold it, so that queries read values
 * from decoded objects without a lookup per object.
 *
 * <p>A path may pass through embedded objects and Lists of embedded objects. Reading it gives every
 * value it reaches: one for a plain path, one per element when it passes through a List; a null
 * object on the way gives one null.
 */
public final class PropertyPath {
    public final String path;
    /** The schema of the value at the end of the path (a List's own schema for a List property). */
    public final PropertySchema leaf;
    /** Whether the path passes through a List before its end (then it reaches several values). */
    public final boolean throughList;
    private final Field[] fields;
    private final boolean[] lists;

    private PropertyPath(String path, PropertySchema leaf, Field[] fields, boolean[] lists) {
        this.path = path;
        this.leaf = leaf;
        this.fields = fields;
        this.lists = lists;
        boolean through = false;
        for (int i = 0; i < lists.length - 1; i++) {
            through |= lists[i];
        }
        this.throughList = through;
    }

    /**
     * Resolves a path.
     *
     * @throws IllegalArgumentException naming the path and the collection when it does not exist
     */
    public static PropertyPath resolve(CollectionSchema schema, String path) {
        if (path == null || path.isEmpty()) {
            throw new IllegalArgumentException("a property name is required (collection '" + schema.name() + "')");
        }
        String[] parts = path.split("\\.", -1);
        if (parts.length == 1 && parts[0].equals(schema.idProperty())) {
            Field f = field(schema.type(), parts[0]);
            PropertySchema id = PropertySchema.scalar(parts[0], PropertyType.LONG, !f.getType().isPrimitive());
            return new PropertyPath(path, id, new Field[] {f}, new boolean[] {false});
        }
        List<PropertySchema> level = schema.properties();
        Class<?> type = schema.type();
        Field[] fields = new Field[parts.length];
        boolean[] lists = new boolean[parts.length];
        PropertySchema current = null;
        for (int i = 0; i < parts.length; i++) {
            current = find(level, parts[i]);
            if (current == null) {
                String where = i == 0 ? "collection '" + schema.name() + "'"
                        : "embedded '" + String.join(".", List.of(parts).subList(0, i)) + "'";
                throw new IllegalArgumentException("unknown property '" + path + "': " + where + " has no property '"
                        + parts[i] + "'; its properties are " + level.stream().map(PropertySchema::name).toList()
                        + (i == 0 ? " and the id '" + schema.idProperty() + "'" : ""));
            }
            fields[i] = field(type, parts[i]);
            lists[i] = current.type() == PropertyType.LIST;
            if (i < parts.length - 1) {
                PropertySchema object = lists[i] ? current.element() : current;
                if (object.type() != PropertyType.EMBEDDED) {
                    throw new IllegalArgumentException("unknown property '" + path + "': '" + parts[i]
                            + "' is " + Values.describe(current) + ", not an embedded object");
                }
                level = object.embedded();
                type = lists[i] ? elementClass(fields[i]) : fields[i].getType();
            }
        }
        return new PropertyPath(path, current, fields, lists);
    }

    private static PropertySchema find(List<PropertySchema> level, String name) {
        for (PropertySchema p : level) {
            if (p.name().equals(name)) {
                return p;
            }
        }
        return null;
    }

    private static Field field(Class<?> type, String name) {
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            try {
                Field f = c.getDeclaredField(name);
                f.setAccessible(true);
                return f;
            } catch (NoSuchFieldException e) {
                // look in the superclass
            }
        }
        throw new IllegalStateException("class " + type.getName() + " has no field '" + name + "'");
    }

    public static Class<?> elementClass(Field listField) {
        if (listField.getGenericType() instanceof ParameterizedType pt
                && pt.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        throw new IllegalStateException("cannot tell the element class of " + listField);
    }

    /** The value at the end of a path that does not pass through a List; null when an object on the way is. */
    public Object single(Object root) {
        Object v = root;
        for (Field f : fields) {
            if (v == null) {
                return null;
            }
            v = get(f, v);
        }
        return v;
    }

    /** Adds every value the path reaches from root to out. */
    public void collect(Object root, List<Object> out) {
        collect(root, 0, out);
    }

    private void collect(Object v, int depth, List<Object> out) {
        if (depth == fields.length) {
            out.add(v);
            return;
        }
        if (v == null) {
            out.add(null);
            return;
        }
        Object next = get(fields[depth], v);
        if (lists[depth] && depth < fields.length - 1) {
            if (next == null) {
                out.add(null);
                return;
            }
            for (Object e : (List<?>) next) {
                collect(e, depth + 1, out);
            }
            return;
        }
        collect(next, depth + 1, out);
    }

    /** Every value the path reaches from root. */
    public List<Object> values(Object root) {
        List<Object> out = new ArrayList<>(2);
        collect(root, out);
        return out;
    }

    private static Object get(Field f, Object target) {
        try {
            return f.get(target);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public String toString() {
        return path;
    }
}
