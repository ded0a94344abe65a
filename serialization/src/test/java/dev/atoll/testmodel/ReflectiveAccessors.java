package dev.atoll.testmodel;

import dev.atoll.internal.codec.Accessors;
import dev.atoll.schema.Id;
import dev.atoll.schema.Ignore;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Modifier;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Test accessors for any class: the stored fields sorted by name (the schema's order), read and written
 * through {@link Field}, built through the no-arg or canonical constructor. While {@link #typed} is false
 * the primitive methods fall back to {@link Accessors}' boxing defaults, so both are exercised. Counts its
 * calls so that a test can tell the codecs used it.
 */
public abstract class ReflectiveAccessors implements Accessors {
    /** Whether the primitive methods are overridden (true) or left to the interface's defaults. */
    public static volatile boolean typed = true;
    /** How many times any accessor was called since the last reset. */
    public static volatile long calls;

    private final Field[] fields;
    private final Field id;
    private final Constructor<?> constructor;

    protected ReflectiveAccessors(Class<?> type) {
        List<Field> stored = new ArrayList<>();
        Field idField = null;
        for (Field f : type.getDeclaredFields()) {
            int m = f.getModifiers();
            if (Modifier.isStatic(m) || Modifier.isTransient(m) || f.isAnnotationPresent(Ignore.class)
                || isIgnoredComponent(type, f)) {
                continue;
            }
            f.setAccessible(true);
            if (f.isAnnotationPresent(Id.class) || isIdComponent(type, f)) {
                idField = f;
            } else {
                stored.add(f);
            }
        }
        stored.sort(Comparator.comparing(Field::getName));
        this.fields = stored.toArray(Field[]::new);
        this.id = idField;
        try {
            if (type.isRecord()) {
                Class<?>[] types = Arrays.stream(type.getRecordComponents()).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new);
                constructor = type.getDeclaredConstructor(types);
            } else {
                constructor = type.getDeclaredConstructor();
            }
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    private static boolean isIdComponent(Class<?> type, Field f) {
        return component(type, f) != null && component(type, f).isAnnotationPresent(Id.class);
    }

    private static boolean isIgnoredComponent(Class<?> type, Field f) {
        return component(type, f) != null && component(type, f).isAnnotationPresent(Ignore.class);
    }

    private static RecordComponent component(Class<?> type, Field f) {
        if (!type.isRecord()) {
            return null;
        }
        for (RecordComponent c : type.getRecordComponents()) {
            if (c.getName().equals(f.getName())) {
                return c;
            }
        }
        return null;
    }

    @Override
    public Object create(Object[] args) {
        calls++;
        try {
            return args == null ? constructor.newInstance() : constructor.newInstance(args);
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw (RuntimeException) e.getCause();
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public Object get(Object object, int index) {
        calls++;
        try {
            return fields[index].get(object);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void set(Object object, int index, Object value) {
        calls++;
        try {
            fields[index].set(object, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public long id(Object object) {
        calls++;
        try {
            Object v = id.get(object);
            return v == null ? 0 : (Long) v;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public void setId(Object object, long value) {
        calls++;
        try {
            id.set(object, id.getType() == long.class ? (Object) value : Long.valueOf(value));
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    public boolean getBoolean(Object object, int index) {
        return typed ? (Boolean) get(object, index) : Accessors.super.getBoolean(object, index);
    }

    @Override
    public byte getByte(Object object, int index) {
        return typed ? (Byte) get(object, index) : Accessors.super.getByte(object, index);
    }

    @Override
    public short getShort(Object object, int index) {
        return typed ? (Short) get(object, index) : Accessors.super.getShort(object, index);
    }

    @Override
    public int getInt(Object object, int index) {
        return typed ? (Integer) get(object, index) : Accessors.super.getInt(object, index);
    }

    @Override
    public long getLong(Object object, int index) {
        return typed ? (Long) get(object, index) : Accessors.super.getLong(object, index);
    }

    @Override
    public float getFloat(Object object, int index) {
        return typed ? (Float) get(object, index) : Accessors.super.getFloat(object, index);
    }

    @Override
    public double getDouble(Object object, int index) {
        return typed ? (Double) get(object, index) : Accessors.super.getDouble(object, index);
    }

    @Override
    public void setBoolean(Object object, int index, boolean value) {
        if (typed) {
            set(object, index, value);
        } else {
            Accessors.super.setBoolean(object, index, value);
        }
    }

    @Override
    public void setByte(Object object, int index, byte value) {
        if (typed) {
            set(object, index, value);
        } else {
            Accessors.super.setByte(object, index, value);
        }
    }

    @Override
    public void setShort(Object object, int index, short value) {
        if (typed) {
            set(object, index, value);
        } else {
            Accessors.super.setShort(object, index, value);
        }
    }

    @Override
    public void setInt(Object object, int index, int value) {
        if (typed) {
            set(object, index, value);
        } else {
            Accessors.super.setInt(object, index, value);
        }
    }

    @Override
    public void setLong(Object object, int index, long value) {
        if (typed) {
            set(object, index, value);
        } else {
            Accessors.super.setLong(object, index, value);
        }
    }

    @Override
    public void setFloat(Object object, int index, float value) {
        if (typed) {
            set(object, index, value);
        } else {
            Accessors.super.setFloat(object, index, value);
        }
    }

    @Override
    public void setDouble(Object object, int index, double value) {
        if (typed) {
            set(object, index, value);
        } else {
            Accessors.super.setDouble(object, index, value);
        }
    }
}
