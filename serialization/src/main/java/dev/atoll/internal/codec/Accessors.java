package dev.atoll.internal.codec;

/**
 * Internal: direct access to the stored properties of one class, what an annotation processor can generate
 * instead of the codecs' reflection ({@link java.lang.reflect.Field} and a reflective constructor).
 *
 * <p>Properties are numbered by their position in the class's schema ({@code CollectionSchema.properties()}
 * for an entity, {@code PropertySchema.embedded()} for an embedded class). A primitive property is read and
 * written through the typed methods of its type, any other through {@link #get} and {@link #set}. Records
 * are built by {@link #create} from their canonical constructor's arguments and never written to.
 *
 * <p>Experimental: the codecs use an implementation only when the system property
 * {@value #PROPERTY} is {@code true} and a class named {@code <type>_Accessors}, in the type's package and
 * loader, implements this interface and has a public no-arg constructor; otherwise they use reflection.
 * The bytes written are the same either way.
 */
public interface Accessors {
    /** The system property that turns the use of accessor classes on ({@code true}); off by default. */
    String PROPERTY = "dev.atoll.codec.accessors";
    /** The suffix of an accessor class's name after its type's binary name. */
    String SUFFIX = "_Accessors";

    /**
     * A new instance.
     *
     * @param args a record's canonical constructor arguments; null for a class (its no-arg constructor)
     * @return the instance
     */
    Object create(Object[] args);

    /** The value of property {@code index} (boxed for a primitive). */
    Object get(Object object, int index);

    /** Sets the value of property {@code index} of a class instance. */
    void set(Object object, int index, Object value);

    /** The id of an entity ({@code 0} for a null {@code Long}). */
    long id(Object object);

    /** Sets the id of an entity that is a class. */
    void setId(Object object, long id);

    default boolean getBoolean(Object object, int index) {
        return (Boolean) get(object, index);
    }

    default byte getByte(Object object, int index) {
        return (Byte) get(object, index);
    }

    default short getShort(Object object, int index) {
        return (Short) get(object, index);
    }

    default int getInt(Object object, int index) {
        return (Integer) get(object, index);
    }

    default long getLong(Object object, int index) {
        return (Long) get(object, index);
    }

    default float getFloat(Object object, int index) {
        return (Float) get(object, index);
    }

    default double getDouble(Object object, int index) {
        return (Double) get(object, index);
    }

    default void setBoolean(Object object, int index, boolean value) {
        set(object, index, value);
    }

    default void setByte(Object object, int index, byte value) {
        set(object, index, value);
    }

    default void setShort(Object object, int index, short value) {
        set(object, index, value);
    }

    default void setInt(Object object, int index, int value) {
        set(object, index, value);
    }

    default void setLong(Object object, int index, long value) {
        set(object, index, value);
    }

    default void setFloat(Object object, int index, float value) {
        set(object, index, value);
    }

    default void setDouble(Object object, int index, double value) {
        set(object, index, value);
    }
}
