package dev.atoll.internal.codec;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;
import dev.atoll.schema.CollectionSchema;
import dev.atoll.schema.IndexSchema;
import dev.atoll.schema.PropertySchema;
import dev.atoll.schema.PropertyType;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.CRC32C;

/**
 * The persisted assignment of stable field ids (1, 2, 3, ...) to the property paths of one collection, so
 * that stored values stay readable after properties are added or removed. A key is a path with its type,
 * e.g. {@code content:STRING}, {@code author.name:STRING}, {@code authors[].name:STRING},
 * {@code tags:LIST<STRING>}; a property whose type changed gets a new key and so a new id, and its old
 * values are skipped on decode. Ids are never reused, not even those of removed paths. Nullability is not
 * part of the key: {@code int} and {@code Integer} share values.
 *
 * <p>It also records, per index, the {@link KeyEncoder#keyDefinition key definition} its stored keys were
 * built with. Layouts of version 1 (files of formats 1 and 2) have none: their keys are of key encoding 1, and
 * every index of theirs must be rebuilt. Immutable.
 */
public final class SchemaLayout {
    private static final int MAGIC = 0x41544C59;
    private static final byte VERSION = 2;
    /** The layout version before key definitions: read, never written. */
    private static final byte VERSION_1 = 1;

    private final String collection;
    private final long fingerprint;
    private final int nextId;
    private final Map<String, Integer> ids;
    private final List<IndexSchema> indexes;
    private final Map<String, String> keyDefinitions;

    private SchemaLayout(String collection, long fingerprint, int nextId, Map<String, Integer> ids,
                         List<IndexSchema> indexes, Map<String, String> keyDefinitions) {
        this.collection = collection;
        this.fingerprint = fingerprint;
        this.nextId = nextId;
        this.ids = Collections.unmodifiableMap(new TreeMap<>(ids));
        this.indexes = List.copyOf(indexes);
        this.keyDefinitions = Collections.unmodifiableMap(new TreeMap<>(keyDefinitions));
    }

    /** The key definition of every index of a schema, by index name. */
    private static Map<String, String> keyDefinitionsOf(CollectionSchema schema) {
        Map<String, String> defs = new TreeMap<>();
        for (IndexSchema index : schema.indexes()) {
            defs.put(index.name(), KeyEncoder.keyDefinition(schema, index));
        }
        return defs;
    }

    /**
     * The first layout of a collection: ids 1, 2, 3, ... in path order.
     *
     * @param schema the collection schema
     * @return a new layout covering schema
     * @throws NullPointerException if schema is null
     */
    public static SchemaLayout initial(CollectionSchema schema) {
        Objects.requireNonNull(schema, "schema");
        Map<String, Integer> ids = new TreeMap<>();
        int next = 1;
        for (String key : keysOf(schema)) {
            ids.put(key, next++);
        }
        return new SchemaLayout(schema.name(), schema.fingerprint(), next, ids, schema.indexes(),
            keyDefinitionsOf(schema));
    }

    /**
     * This layout adapted to a (possibly changed) schema of the same collection: paths that still exist keep
     * their ids, new paths get ids never used before, removed paths are dropped; the indexes and their key
     * definitions become the schema's.
     *
     * @param schema the new schema of this collection
     * @return this when nothing changed, else a new layout
     * @throws IllegalArgumentException if schema belongs to another collection
     * @throws NullPointerException     if schema is null
     */
    public SchemaLayout merge(CollectionSchema schema) {
        Objects.requireNonNull(schema, "schema");
        if (!schema.name().equals(collection)) {
            throw new IllegalArgumentException("layout of collection '" + collection
                + "' cannot be merged with the schema of collection '" + schema.name() + "'");
        }
        List<String> keys = keysOf(schema);
        Map<String, String> defs = keyDefinitionsOf(schema);
        if (schema.fingerprint() == fingerprint && schema.indexes().equals(indexes) && keys.size() == ids.size()
            && ids.keySet().containsAll(keys) && defs.equals(keyDefinitions)) {
            return this;
        }
        Map<String, Integer> merged = new TreeMap<>();
        int next = nextId;
        for (String key : keys) {
            Integer old = ids.get(key);
            merged.put(key, old != null ? old : next++);
        }
        return new SchemaLayout(collection, schema.fingerprint(), next, merged, schema.indexes(), defs);
    }

    /** Whether this layout has an id for every path of schema and was last merged with it. */
    public boolean covers(CollectionSchema schema) {
        return schema.name().equals(collection) && schema.fingerprint() == fingerprint
            && ids.keySet().containsAll(keysOf(schema));
    }

    /** The collection name. */
    public String collection() {
        return collection;
    }

    /** The indexes of the schema this layout was created from or last merged with. */
    public List<IndexSchema> indexes() {
        return indexes;
    }

    /**
     * The key definitions ({@link KeyEncoder#keyDefinition}) of the indexes, by index name, that the stored
     * keys were built with; empty for a layout read from version 1 (key encoding 1).
     */
    public Map<String, String> keyDefinitions() {
        return keyDefinitions;
    }

    /**
     * Whether the stored keys of this collection must be rebuilt to serve the given schema: an index was
     * added, removed or renamed (every record holds one key slot per index, in index order), or the key
     * definition of one changed (or was never recorded). A change of {@code replace} alone needs no rebuild.
     *
     * @param schema the new schema of this collection
     * @return true when some index of schema, or of this layout, has keys that differ from a fresh build
     * @throws NullPointerException if schema is null
     */
    public boolean keysDifferFrom(CollectionSchema schema) {
        List<String> names = schema.indexes().stream().map(IndexSchema::name).toList();
        return !indexes.stream().map(IndexSchema::name).toList().equals(names)
            || !keyDefinitions.equals(keyDefinitionsOf(schema));
    }

    /** The fingerprint of the schema this layout was created from or last merged with. */
    public long fingerprint() {
        return fingerprint;
    }

    /** The field ids by key ("path:TYPE"), sorted by key. */
    public Map<String, Integer> fieldIds() {
        return ids;
    }

    /** The id the next new path will get; every id ever given is smaller. */
    public int nextId() {
        return nextId;
    }

    /** The id of a key, or 0 when the layout has none. */
    int idOf(String key) {
        Integer id = ids.get(key);
        return id == null ? 0 : id;
    }

    /** The key of a property at a path: "path:TYPE". */
    static String key(String path, PropertySchema property) {
        return path + ":" + property.typeDescription();
    }

    /** The path prefix of the properties inside an embedded (or list of embedded) property at path. */
    static String childPrefix(String path, PropertySchema property) {
        return property.type() == PropertyType.LIST ? path + "[]." : path + ".";
    }

    /** Every key of a schema, depth first in name order. */
    static List<String> keysOf(CollectionSchema schema) {
        List<String> out = new ArrayList<>();
        collect("", schema.properties(), out);
        return out;
    }

    private static void collect(String prefix, List<PropertySchema> properties, List<String> out) {
        for (PropertySchema p : properties) {
            String path = prefix + p.name();
            out.add(key(path, p));
            // where an embedded class contains itself, its properties keep the enclosing occurrence's ids
            if (p.type() == PropertyType.EMBEDDED && !p.isRecursive()) {
                collect(childPrefix(path, p), p.embedded(), out);
            } else if (p.type() == PropertyType.LIST && p.element().type() == PropertyType.EMBEDDED
                && !p.element().isRecursive()) {
                collect(childPrefix(path, p), p.element().embedded(), out);
            }
        }
    }

    /**
     * The persisted form (version 2): magic, version, collection, fingerprint, next id, the ids, the indexes
     * (each followed by its key definition) and a trailing CRC32C of everything before it. Version 1 was the
     * same without the key definitions.
     *
     * @return a new array
     */
    public byte[] toBytes() {
        try {
            ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + ids.size() * 24);
            DataOutputStream out = new DataOutputStream(bytes);
            out.writeInt(MAGIC);
            out.writeByte(VERSION);
            out.writeUTF(collection);
            out.writeLong(fingerprint);
            out.writeInt(nextId);
            out.writeInt(ids.size());
            for (Map.Entry<String, Integer> e : ids.entrySet()) {
                out.writeUTF(e.getKey());
                out.writeInt(e.getValue());
            }
            out.writeInt(indexes.size());
            for (IndexSchema index : indexes) {
                out.writeUTF(index.name());
                out.writeInt(index.properties().size());
                for (String p : index.properties()) {
                    out.writeUTF(p);
                }
                int flags = (index.unique() ? 1 : 0) | (index.replace() ? 2 : 0) | (index.caseSensitive() ? 4 : 0)
                    | (index.hash() ? 8 : 0) | (index.multiEntry() ? 16 : 0);
                out.writeByte(flags);
                out.writeUTF(keyDefinitions.getOrDefault(index.name(), "")); // "": never recorded (version 1)
            }
            CRC32C crc = new CRC32C();
            crc.update(bytes.toByteArray());
            out.writeInt((int) crc.getValue());
            return bytes.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads the persisted form written by {@link #toBytes()}.
     *
     * @param bytes the persisted form
     * @return the layout
     * @throws CorruptFileException if the bytes are damaged
     * @throws NullPointerException if bytes is null
     */
    public static SchemaLayout fromBytes(byte[] bytes) {
        Objects.requireNonNull(bytes, "bytes");
        if (bytes.length < 9) {
            throw Faults.of(Fault.CORRUPT_FILE, "schema layout is damaged: only " + bytes.length + " bytes");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ((bytes[bytes.length - 4] & 0xFF) << 24) | ((bytes[bytes.length - 3] & 0xFF) << 16)
            | ((bytes[bytes.length - 2] & 0xFF) << 8) | (bytes[bytes.length - 1] & 0xFF);
        if ((int) crc.getValue() != stored) {
            throw Faults.of(Fault.CORRUPT_FILE, "schema layout is damaged: checksum mismatch");
        }
        try {
            ByteArrayInputStream raw = new ByteArrayInputStream(bytes, 0, bytes.length - 4);
            DataInputStream in = new DataInputStream(raw);
            int magic = in.readInt();
            byte version = in.readByte();
            if (magic != MAGIC || version != VERSION && version != VERSION_1) {
                throw Faults.of(Fault.CORRUPT_FILE, "schema layout is damaged: bad magic or version");
            }
            String collection = in.readUTF();
            long fingerprint = in.readLong();
            int nextId = in.readInt();
            int count = count(in, raw);
            Map<String, Integer> ids = new TreeMap<>();
            Set<Integer> used = new HashSet<>();
            for (int i = 0; i < count; i++) {
                String key = in.readUTF();
                int id = in.readInt();
                if (id <= 0 || id >= nextId || !used.add(id) || ids.put(key, id) != null) {
                    throw Faults.of(Fault.CORRUPT_FILE, "schema layout of '" + collection + "' is damaged: field id "
                        + id + " of '" + key + "' is invalid");
                }
            }
            int indexCount = count(in, raw);
            List<IndexSchema> indexes = new ArrayList<>(indexCount);
            Map<String, String> defs = new TreeMap<>();
            for (int i = 0; i < indexCount; i++) {
                String name = in.readUTF();
                int n = count(in, raw);
                List<String> props = new ArrayList<>(n);
                for (int j = 0; j < n; j++) {
                    props.add(in.readUTF());
                }
                int flags = in.readUnsignedByte();
                if (flags > 31 || props.isEmpty()) {
                    throw Faults.of(Fault.CORRUPT_FILE, "schema layout is damaged: bad index '" + name + "'");
                }
                indexes.add(new IndexSchema(name, props, (flags & 1) != 0, (flags & 2) != 0, (flags & 4) != 0,
                    (flags & 8) != 0, (flags & 16) != 0));
                if (version == VERSION && defs.put(name, in.readUTF()) != null) {
                    throw Faults.of(Fault.CORRUPT_FILE, "schema layout is damaged: index '" + name + "' twice");
                }
            }
            if (raw.available() != 0) {
                throw Faults.of(Fault.CORRUPT_FILE, "schema layout is damaged: trailing bytes");
            }
            return new SchemaLayout(collection, fingerprint, nextId, ids, indexes, defs);
        } catch (IOException | RuntimeException e) {
            if (Faults.is(e, Fault.CORRUPT_FILE)) {
                throw (RuntimeException) e;
            }
            throw Faults.of(Fault.CORRUPT_FILE, "schema layout is damaged: " + e, e);
        }
    }

    private static int count(DataInputStream in, ByteArrayInputStream raw) throws IOException {
        int n = in.readInt();
        if (n < 0 || n > raw.available()) {
            throw Faults.of(Fault.CORRUPT_FILE, "schema layout is damaged: count " + n + " exceeds the data");
        }
        return n;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SchemaLayout other && fingerprint == other.fingerprint && nextId == other.nextId
            && collection.equals(other.collection) && ids.equals(other.ids) && indexes.equals(other.indexes)
            && keyDefinitions.equals(other.keyDefinitions);
    }

    @Override
    public int hashCode() {
        return Objects.hash(collection, fingerprint, nextId, ids, indexes, keyDefinitions);
    }

    @Override
    public String toString() {
        return "SchemaLayout[" + collection + ", next " + nextId + ", " + ids + "]";
    }
}
