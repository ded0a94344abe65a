package dev.atoll.internal.codec;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;
import dev.atoll.schema.CollectionSchema;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.zip.CRC32C;

/**
 * The codecs of all collections of one instance handle: one Kryo 5 instance (registration required,
 * references off) with every entity, embedded and enum class registered in a deterministic order (sorted by
 * collection name or class name) with ids from 100, plus reusable output and input buffers. The stored
 * format never contains class names or Kryo registration ids.
 *
 * <p>Threading: one {@code Codecs} per handle; it is NOT thread-safe, and neither are the
 * {@link CollectionCodec}s it hands out, which share its Kryo and buffers. Use it from one thread at a time.
 */
public final class Codecs {
    /** The first Kryo registration id used for Atoll classes. */
    public static final int FIRST_REGISTRATION_ID = 100;
    private static final int BUFFER_SIZE = 256;
    private static final int MAX_KEPT_BUFFER = 1 << 20;
    /** An empty array the input points at between decodes, so it never pins a caller's buffer. */
    static final byte[] EMPTY = new byte[0];

    final Kryo kryo;
    final PayloadOutput output = new PayloadOutput(BUFFER_SIZE);
    final PayloadInput input = new PayloadInput();
    final CRC32C crc = new CRC32C();
    private final Map<Class<?>, CollectionCodec<?>> byClass = new HashMap<>();
    private final Map<String, CollectionCodec<?>> byName = new HashMap<>();
    private final List<CollectionSchema> schemas;

    private Codecs(List<CollectionSchema> schemas, Map<String, SchemaLayout> layouts) {
        this.schemas = List.copyOf(schemas);
        Binder binder = new Binder();
        Map<CollectionSchema, ObjectNode> roots = new HashMap<>();
        for (CollectionSchema s : schemas) {
            roots.put(s, binder.bindEntity(s, layouts.get(s.name())));
        }
        kryo = new Kryo();
        kryo.setRegistrationRequired(true);
        kryo.setReferences(false);
        record Registration(String name, int kind, Class<?> type, Serializer<?> serializer) {
        }
        List<Registration> registrations = new ArrayList<>();
        Map<CollectionSchema, EntitySerializer> serializers = new HashMap<>();
        for (CollectionSchema s : schemas) {
            EntitySerializer serializer = new EntitySerializer(roots.get(s));
            serializers.put(s, serializer);
            registrations.add(new Registration(s.name(), 0, s.type(), serializer));
        }
        binder.embedded.forEach((c, ser) -> registrations.add(new Registration(c.getName(), 1, c, ser)));
        binder.enums.keySet().forEach(c -> registrations.add(new Registration(c.getName(), 2, c, null)));
        registrations.sort(Comparator.comparing(Registration::name).thenComparingInt(Registration::kind));
        int id = FIRST_REGISTRATION_ID;
        for (Registration r : registrations) {
            if (r.serializer() == null) {
                kryo.register(r.type(), id++);
            } else {
                kryo.register(r.type(), r.serializer(), id++);
            }
        }
        for (CollectionSchema s : schemas) {
            CollectionCodec<?> codec = new CollectionCodec<>(this, s, roots.get(s), serializers.get(s));
            byClass.put(s.type(), codec);
            byName.put(s.name(), codec);
        }
    }

    /**
     * Creates the codecs of a set of collections.
     *
     * @param schemas                  the collection schemas (distinct names and classes)
     * @param layoutsByCollectionName the layout of each collection, created from or merged with its schema
     * @return the codecs
     * @throws IllegalArgumentException if names or classes repeat, a layout is missing, or a layout does not
     *                                  cover its schema
     * @throws NullPointerException     if an argument is null
     */
    public static Codecs create(List<CollectionSchema> schemas, Map<String, SchemaLayout> layoutsByCollectionName) {
        Objects.requireNonNull(schemas, "schemas");
        Objects.requireNonNull(layoutsByCollectionName, "layoutsByCollectionName");
        Map<String, CollectionSchema> names = new HashMap<>();
        Map<Class<?>, CollectionSchema> types = new HashMap<>();
        for (CollectionSchema s : schemas) {
            Objects.requireNonNull(s, "schema");
            if (names.put(s.name(), s) != null) {
                throw new IllegalArgumentException("collection '" + s.name() + "' is given twice");
            }
            if (types.put(s.type(), s) != null) {
                throw new IllegalArgumentException("class " + s.type().getName() + " is given twice");
            }
            SchemaLayout layout = layoutsByCollectionName.get(s.name());
            if (layout == null) {
                throw new IllegalArgumentException("no layout for collection '" + s.name() + "'");
            }
            if (!layout.covers(s)) {
                throw new IllegalArgumentException("the layout of collection '" + s.name()
                    + "' does not cover its schema; merge it with the schema first");
            }
        }
        return new Codecs(schemas, layoutsByCollectionName);
    }

    /**
     * The codec of an entity class.
     *
     * @param type the entity class
     * @return its codec
     * @throws AtollException if the class is not a collection of this instance
     */
    @SuppressWarnings("unchecked")
    public <T> CollectionCodec<T> codec(Class<T> type) {
        CollectionCodec<?> codec = byClass.get(type);
        if (codec == null) {
            throw Faults.of(Fault.GENERAL, "class " + (type == null ? "null" : type.getName())
                + " is not a collection of this instance");
        }
        return (CollectionCodec<T>) codec;
    }

    /**
     * The codec of a collection.
     *
     * @param collectionName the collection name
     * @return its codec
     * @throws AtollException if there is no such collection in this instance
     */
    public CollectionCodec<?> codec(String collectionName) {
        CollectionCodec<?> codec = byName.get(collectionName);
        if (codec == null) {
            throw Faults.of(Fault.GENERAL, "collection '" + collectionName + "' is not a collection of this instance");
        }
        return codec;
    }

    /** The schemas, in the order given to {@link #create(List, Map)}. */
    public List<CollectionSchema> schemas() {
        return schemas;
    }

    /** Drops a grown output buffer so that one huge value does not pin memory. */
    void trimOutput() {
        if (output.getBuffer().length > MAX_KEPT_BUFFER) {
            output.setBuffer(new byte[BUFFER_SIZE], -1);
        }
    }
}
