package dev.atoll.internal.codec;

import com.esotericsoftware.kryo.Kryo;
import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;
import dev.atoll.schema.CollectionSchema;
import dev.atoll.schema.IndexSchema;
import dev.atoll.schema.PropertySchema;
import dev.atoll.schema.PropertyType;

import java.lang.reflect.Field;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Encodes, decodes and indexes the objects of one collection. Obtained from {@link Codecs}; shares its Kryo
 * and buffers, so it is NOT thread-safe.
 *
 * <p>Stored value: {@code [version=1][payload length, unsigned LEB128 varint][CRC32C of the id and
 * the payload, 4 bytes big-endian][payload]}. The id is not stored (it is the map key).
 *
 * <p>Payload: a tagged message, written by a Kryo serializer per entity and embedded class. For each
 * non-null property (primitives always): a varint tag {@code fieldId << 3 | wireType}, where fieldId comes
 * from the collection's {@link SchemaLayout}, then the value. Wire types: 0 VARINT (bool 0/1; byte, short,
 * int zig-zag 32; long zig-zag 64), 1 FIXED64 (double bits, little-endian), 5 FIXED32 (float bits),
 * 2 LENGTH (varint byte length, then: UTF-8 string, an unpaired surrogate as the 3 bytes of its value (WTF-8);
 * enum constant name as UTF-8; byte[]; Instant as
 * zig-zag seconds + nanos varints; embedded object as a nested message; list as varint count, then per
 * element a marker byte 0 = null or 1 followed by the element encoded like a value without tag). Varints
 * are LEB128, 7 bits per byte, low bits first. Null values are absent. A property the payload does not
 * carry (stored as null, or added to the class after the value was written) decodes as null, or 0/false for a
 * primitive, never as what a field initializer or the no-arg constructor put there. Unknown field ids are skipped by wire type, so values written before a property was added,
 * removed or changed in type remain readable; an enum constant that no longer exists decodes as null.
 * Decoding checks every length against the bytes left and reports any damage as a
 * {@code CorruptFileException}.
 *
 * @param <T> the entity class
 */
public final class CollectionCodec<T> {
    /** The format version byte that starts every stored value. */
    public static final byte FORMAT_VERSION = 1;
    private static final byte[][] NO_KEYS = new byte[0][];

    private final Codecs codecs;
    private final Kryo kryo;
    private final CollectionSchema schema;
    private final Class<T> type;
    private final EntitySerializer serializer;
    private final Field idField;
    private final IndexPlan[] plans;
    private final Map<String, IndexPlan> plansByName = new HashMap<>();

    // An index bound to the nodes of its properties.
    private record IndexPlan(IndexSchema index, PropertyNode[] parts) {
    }

    @SuppressWarnings("unchecked")
    CollectionCodec(Codecs codecs, CollectionSchema schema, ObjectNode root, EntitySerializer serializer) {
        this.codecs = codecs;
        this.kryo = codecs.kryo;
        this.schema = schema;
        this.type = (Class<T>) schema.type();
        this.serializer = serializer;
        this.idField = root.idField;
        Map<String, PropertyNode> byName = new HashMap<>();
        for (PropertyNode p : root.properties) {
            byName.put(p.name, p);
        }
        List<IndexSchema> indexes = schema.indexes();
        plans = new IndexPlan[indexes.size()];
        for (int i = 0; i < plans.length; i++) {
            IndexSchema index = indexes.get(i);
            PropertyNode[] parts = index.properties().stream().map(byName::get).toArray(PropertyNode[]::new);
            plans[i] = new IndexPlan(index, parts);
            plansByName.put(index.name(), plans[i]);
        }
    }

    /** The schema of the collection. */
    public CollectionSchema schema() {
        return schema;
    }

    /**
     * Encodes an object into a stored value, sealed with the object's own id ({@link #id}).
     *
     * @see #encode(Object, long)
     */
    public byte[] encode(T object) {
        Objects.requireNonNull(object, "object");
        return encode(object, id(object));
    }

    /**
     * Encodes an object into the stored value of the given id. The id is not in the value, but its
     * checksum covers it, so a value that damage moved under another id cannot decode there.
     *
     * @param object the object, exactly of the collection's class
     * @param id the id the value is stored under
     * @return a new stored value
     * @throws IllegalArgumentException if the object is of a subclass, or holds a subclass of an embedded class
     * @throws NullPointerException     if object is null
     * @throws AtollException           if the object cannot be encoded
     */
    public byte[] encode(T object, long id) {
        Objects.requireNonNull(object, "object");
        if (object.getClass() != type) {
            throw new IllegalArgumentException("collection '" + schema.name() + "' stores exactly "
                + type.getName() + ", not " + object.getClass().getName());
        }
        PayloadOutput out = codecs.output;
        out.reset();
        out.depth = 0;
        try {
            kryo.writeObject(out, object);
        } catch (IllegalArgumentException e) {
            throw e;
        } catch (RuntimeException e) {
            throw Faults.of(Fault.GENERAL, "cannot encode an object of collection '" + schema.name() + "': " + e, e);
        }
        int len = out.position();
        byte[] payload = out.getBuffer();
        int crc = checksum(id, payload, 0, len);
        int varint = PayloadOutput.varintSize(len);
        byte[] value = new byte[1 + varint + 4 + len];
        value[0] = FORMAT_VERSION;
        int p = 1;
        int v = len;
        while ((v & ~0x7F) != 0) {
            value[p++] = (byte) ((v & 0x7F) | 0x80);
            v >>>= 7;
        }
        value[p++] = (byte) v;
        value[p++] = (byte) (crc >>> 24);
        value[p++] = (byte) (crc >>> 16);
        value[p++] = (byte) (crc >>> 8);
        value[p++] = (byte) crc;
        System.arraycopy(payload, 0, value, p, len);
        codecs.trimOutput();
        return value;
    }

    /** CRC32C of the id (8 bytes, big-endian) followed by the payload. */
    private int checksum(long id, byte[] payload, int offset, int length) {
        java.util.zip.Checksum crc = codecs.crc;
        crc.reset();
        for (int shift = 56; shift >= 0; shift -= 8) {
            crc.update((int) (id >>> shift) & 0xFF);
        }
        crc.update(payload, offset, length);
        return (int) crc.getValue();
    }

    /**
     * Decodes a stored value into a new object with the given id.
     *
     * @param id     the id to set (the map key)
     * @param buf    the bytes holding the value
     * @param offset where the value starts
     * @param length the exact length of the value
     * @return a new object
     * @throws CorruptFileException      if the value is damaged (header, length, checksum or payload)
     * @throws AtollException            with {@code USER_CODE} if a constructor of the class (or of an
     *                                   embedded class) throws; its cause is what the constructor threw
     * @throws IndexOutOfBoundsException if offset and length do not lie within buf
     * @throws NullPointerException      if buf is null
     */
    public T decode(long id, byte[] buf, int offset, int length) {
        Objects.requireNonNull(buf, "buf");
        Objects.checkFromIndexSize(offset, length, buf.length);
        if (length < 6) {
            throw corrupt(id, "only " + length + " bytes", null);
        }
        if (buf[offset] != FORMAT_VERSION) {
            throw corrupt(id, "unknown format version " + buf[offset], null);
        }
        int end = offset + length;
        int p = offset + 1;
        long payloadLength = 0;
        for (int shift = 0; ; shift += 7) {
            if (shift > 28 || p >= end) {
                throw corrupt(id, "bad length header", null);
            }
            int b = buf[p++];
            payloadLength |= (long) (b & 0x7F) << shift;
            if (b >= 0) {
                break;
            }
        }
        int start = p + 4;
        if (payloadLength != end - start) { // also when the header leaves no room for the checksum: then < 0
            throw corrupt(id, "the header claims " + payloadLength + " payload bytes but the value has "
                + Math.max(0, end - start), null);
        }
        int stored = (buf[p] & 0xFF) << 24 | (buf[p + 1] & 0xFF) << 16 | (buf[p + 2] & 0xFF) << 8
            | (buf[p + 3] & 0xFF);
        if (checksum(id, buf, start, end - start) != stored) {
            throw corrupt(id, "checksum mismatch (damaged, or stored under another id)", null);
        }
        PayloadInput in = codecs.input;
        in.reset(buf, start, end - start);
        serializer.pendingId = id;
        try {
            return type.cast(kryo.readObject(in, type));
        } catch (Malformed e) {
            throw corrupt(id, e.getMessage(), null);
        } catch (UserCodeFailure e) {
            throw Faults.of(Fault.USER_CODE, "reading " + schema.name() + " id " + id + ": "
                + e.getMessage() + " (the stored value is intact; the class refused it)", e.getCause());
        } catch (RuntimeException | StackOverflowError e) {
            throw corrupt(id, e.toString(), e);
        } finally {
            in.reset(Codecs.EMPTY, 0, 0);
        }
    }

    private RuntimeException corrupt(long id, String reason, Throwable cause) {
        return Faults.of(Fault.CORRUPT_FILE, "stored value of " + schema.name() + " id " + id
            + " is damaged: " + reason, cause);
    }

    /**
     * The id of an object.
     *
     * @param object the object
     * @return its id, 0 when unassigned (or a null Long)
     * @throws NullPointerException if object is null
     */
    public long id(T object) {
        Objects.requireNonNull(object, "object");
        try {
            if (idField.getType() == long.class) {
                return idField.getLong(object);
            }
            Long id = (Long) idField.get(object);
            return id == null ? 0 : id;
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Writes an id into the id field of a class instance; does nothing for records.
     *
     * @param object the object
     * @param id     the id
     * @throws IllegalArgumentException if id is negative
     * @throws NullPointerException     if object is null
     */
    public void assignId(T object, long id) {
        Objects.requireNonNull(object, "object");
        if (id < 0) {
            throw new IllegalArgumentException("id must not be negative: " + id);
        }
        if (schema.isRecord()) {
            return;
        }
        try {
            if (idField.getType() == long.class) {
                idField.setLong(object, id);
            } else {
                idField.set(object, id);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The index keys of an object: for each index of {@code schema().indexes()}, in order, its keys. One key
     * normally; for a multi-entry index one per distinct element (sorted), none for a null or empty list.
     *
     * @param object the object
     * @return the keys per index
     * @throws NullPointerException if object is null
     */
    public byte[][][] indexKeys(T object) {
        Objects.requireNonNull(object, "object");
        byte[][][] result = new byte[plans.length][][];
        try {
            for (int i = 0; i < plans.length; i++) {
                result[i] = keys(plans[i], object);
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
        return result;
    }

    /**
     * The keys of an object in one index as {@link #indexKeys(Object)} gives them, except that a hash index's
     * keys are not hashed: what the hash index hashes. Queries use them to check a hash lookup for collisions.
     *
     * @param object    the object
     * @param indexName the index name
     * @return the keys (one, or one per distinct element of a multi-entry index)
     * @throws IllegalArgumentException if the index is unknown
     * @throws NullPointerException     if object is null
     */
    public byte[][] unhashedIndexKeys(T object, String indexName) {
        Objects.requireNonNull(object, "object");
        try {
            return keys(plan(indexName), object, false);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[][] keys(IndexPlan plan, Object object) throws IllegalAccessException {
        return keys(plan, object, true);
    }

    private static byte[][] keys(IndexPlan plan, Object object, boolean hashed) throws IllegalAccessException {
        IndexSchema index = plan.index();
        PropertyNode[] parts = plan.parts();
        boolean cs = index.caseSensitive();
        KeyEncoder.KeyBuffer buf = new KeyEncoder.KeyBuffer(32);
        if (!index.multiEntry()) {
            for (PropertyNode part : parts) {
                KeyEncoder.append(buf, part.value.schema, cs, part.field.get(object));
            }
            return new byte[][] {index.hash() && hashed ? hashKey(buf) : buf.toArray()};
        }
        List<?> list = (List<?>) parts[0].field.get(object);
        if (list == null || list.isEmpty()) {
            return NO_KEYS;
        }
        for (int j = 1; j < parts.length; j++) {
            KeyEncoder.append(buf, parts[j].value.schema, cs, parts[j].field.get(object));
        }
        byte[] rest = buf.toArray();
        PropertySchema element = parts[0].value.schema.element();
        byte[][] keys = new byte[list.size()][];
        for (int i = 0; i < keys.length; i++) {
            buf.clear();
            KeyEncoder.append(buf, element, cs, list.get(i));
            keys[i] = buf.putAll(rest).toArray();
        }
        Arrays.sort(keys, Arrays::compareUnsigned);
        int n = 1;
        for (int i = 1; i < keys.length; i++) {
            if (!Arrays.equals(keys[i], keys[n - 1])) {
                keys[n++] = keys[i];
            }
        }
        return n == keys.length ? keys : Arrays.copyOf(keys, n);
    }

    /**
     * The values behind one of an object's keys in an index, for messages: the value of its property, or the
     * list of the values of a composite index's properties; for a multi-entry index, the element (with the
     * other properties' values, if composite) whose key it is.
     *
     * @param object    the object
     * @param indexName the index name
     * @param key       one of the keys {@link #indexKeys(Object)} gives the object in that index
     * @return the value or values
     * @throws IllegalArgumentException if the index is unknown, or key is not a key of the object in it
     * @throws NullPointerException     if object or key is null
     */
    public Object indexValue(T object, String indexName, byte[] key) {
        Objects.requireNonNull(object, "object");
        Objects.requireNonNull(key, "key");
        IndexPlan plan = plan(indexName);
        PropertyNode[] parts = plan.parts();
        try {
            List<Object> values = new ArrayList<>(parts.length);
            for (PropertyNode part : parts) {
                values.add(part.field.get(object));
            }
            if (plan.index().multiEntry()) {
                List<?> list = (List<?>) values.get(0);
                for (Object element : list == null ? List.of() : list) {
                    values.set(0, element);
                    if (Arrays.equals(indexKey(indexName, values.toArray()), key)) {
                        return values.size() == 1 ? element : values;
                    }
                }
            } else if (Arrays.equals(keys(plan, object)[0], key)) {
                return values.size() == 1 ? values.get(0) : values;
            }
            throw new IllegalArgumentException("the object has no such key in index '" + indexName + "'");
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] hashKey(KeyEncoder.KeyBuffer buf) {
        return new KeyEncoder.KeyBuffer(KeyEncoder.HASH_LENGTH).putLong(buf.hash()).toArray();
    }

    /**
     * The key to look up in an index: values in the index's property order, exactly one per property. For a
     * multi-entry index the first value is one element; for a hash index on a list it is the whole list.
     * Integer is accepted for long, short and byte properties and Long for int when the value fits; Float
     * for double.
     *
     * @param indexName the index name
     * @param values    the values
     * @return the key, as {@link #indexKeys(Object)} would produce it
     * @throws IllegalArgumentException if the index is unknown, the count is wrong or a value has the wrong type
     */
    public byte[] indexKey(String indexName, Object... values) {
        IndexPlan plan = plan(indexName);
        Object[] vals = values == null ? new Object[] {null} : values;
        if (vals.length != plan.parts().length) {
            throw new IllegalArgumentException("index '" + indexName + "' of collection '" + schema.name()
                + "' has " + plan.parts().length + " properties " + plan.index().properties() + " but "
                + vals.length + " values were given");
        }
        KeyEncoder.KeyBuffer buf = unhashedKey(plan, vals);
        return plan.index().hash() ? hashKey(buf) : buf.toArray();
    }

    /**
     * The key prefix of the first values of an index's properties, never hashed: the keys of the index's
     * entries whose first properties hold these values start with it (for a hash index, the unhashed keys
     * do). Range queries use it for their bounds, composite lookups for an equal prefix. Values are checked
     * and converted as in {@link #indexKey(String, Object...)}.
     *
     * @param indexName the index name
     * @param values    1 to n values, for the index's first properties in order
     * @return the prefix
     * @throws IllegalArgumentException if the index is unknown, the count is wrong or a value has the wrong type
     */
    public byte[] indexKeyPrefix(String indexName, Object... values) {
        IndexPlan plan = plan(indexName);
        Object[] vals = values == null ? new Object[] {null} : values;
        if (vals.length < 1 || vals.length > plan.parts().length) {
            throw new IllegalArgumentException("index '" + indexName + "' of collection '" + schema.name()
                + "' has " + plan.parts().length + " properties " + plan.index().properties() + " but "
                + vals.length + " values were given");
        }
        return unhashedKey(plan, vals).toArray();
    }

    private IndexPlan plan(String indexName) {
        IndexPlan plan = plansByName.get(indexName);
        if (plan == null) {
            throw new IllegalArgumentException("collection '" + schema.name() + "' has no index '" + indexName
                + "'; its indexes are " + plansByName.keySet().stream().sorted().toList());
        }
        return plan;
    }

    private static KeyEncoder.KeyBuffer unhashedKey(IndexPlan plan, Object[] vals) {
        IndexSchema index = plan.index();
        KeyEncoder.KeyBuffer buf = new KeyEncoder.KeyBuffer(32);
        for (int j = 0; j < vals.length; j++) {
            ValueNode node = plan.parts()[j].value;
            if (j == 0 && index.multiEntry()) {
                node = node.element;
            }
            Object v = coerce(index, plan.parts()[j].name, node, vals[j]);
            KeyEncoder.append(buf, node.schema, index.caseSensitive(), v);
        }
        return buf;
    }

    private static Object coerce(IndexSchema index, String property, ValueNode node, Object v) {
        if (v == null) {
            if (!node.schema.nullable()) {
                throw new IllegalArgumentException("index '" + index.name() + "': property '" + property
                    + "' is not nullable but null was given");
            }
            return null;
        }
        PropertyType t = node.type;
        Object result = switch (t) {
            case BYTE -> v instanceof Byte ? v : fits(v, Byte.MIN_VALUE, Byte.MAX_VALUE) ? (byte) asLong(v) : null;
            case SHORT -> v instanceof Short ? v
                : fits(v, Short.MIN_VALUE, Short.MAX_VALUE) ? (short) asLong(v) : null;
            case INT -> v instanceof Integer ? v
                : fits(v, Integer.MIN_VALUE, Integer.MAX_VALUE) ? (int) asLong(v) : null;
            case LONG -> v instanceof Long ? v : fits(v, Long.MIN_VALUE, Long.MAX_VALUE) ? asLong(v) : null;
            case DOUBLE -> v instanceof Double ? v : v instanceof Float f ? (Object) f.doubleValue() : null;
            case LIST -> {
                if (!(v instanceof List<?> list)) {
                    yield null;
                }
                List<Object> copy = new ArrayList<>(list.size());
                for (Object e : list) {
                    copy.add(coerce(index, property + "[]", node.element, e));
                }
                yield copy;
            }
            default -> node.javaClass.isInstance(v) ? v : null;
        };
        if (result == null) {
            throw new IllegalArgumentException("index '" + index.name() + "': property '" + property
                + "' expects " + expected(node) + " but was given " + v.getClass().getSimpleName() + " " + v);
        }
        return result;
    }

    /** Whether v is a Byte, Short, Integer or Long (an int property also takes a Long) within [min, max]. */
    private static boolean fits(Object v, long min, long max) {
        if (!(v instanceof Byte || v instanceof Short || v instanceof Integer || v instanceof Long)) {
            return false;
        }
        long l = asLong(v);
        return l >= min && l <= max;
    }

    private static long asLong(Object v) {
        return ((Number) v).longValue();
    }

    private static String expected(ValueNode node) {
        return switch (node.type) {
            case ENUM -> "enum " + node.javaClass.getSimpleName();
            case LIST -> "List<" + expected(node.element) + ">";
            default -> node.javaClass.getSimpleName() + " (" + node.type + ")";
        };
    }

    @Override
    public String toString() {
        return "CollectionCodec[" + schema.name() + "]";
    }
}
