package dev.atoll.schema;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The stored shape of one collection, derived from an {@link Entity} class or record: its name, id property,
 * properties (without the id, in name order) and indexes (in name order). Immutable and structural:
 * {@link #fingerprint()}, {@link #equals(Object)} and {@link #differenceFrom(CollectionSchema)} look at the
 * canonical description only, never at Java class names or field order.
 */
public final class CollectionSchema {
    private static final ClassValue<CollectionSchema> CACHE = new ClassValue<>() {
        @Override
        protected CollectionSchema computeValue(Class<?> type) {
            return SchemaDeriver.derive(type);
        }
    };

    private final String name;
    private final Class<?> type;
    private final String idProperty;
    private final List<PropertySchema> properties;
    private final List<IndexSchema> indexes;
    private final String canonical;
    private final long fingerprint;

    CollectionSchema(String name, Class<?> type, String idProperty, List<PropertySchema> properties,
                     List<IndexSchema> indexes) {
        this.name = name;
        this.type = type;
        this.idProperty = idProperty;
        this.properties = List.copyOf(properties);
        this.indexes = List.copyOf(indexes);
        this.canonical = describe();
        this.fingerprint = hash64(canonical.getBytes(StandardCharsets.UTF_8));
    }

    /**
     * Derives the schema of an entity class or record.
     *
     * @param type the class annotated with {@link Entity}
     * @return its schema (cached per class)
     * @throws InvalidSchemaException if the class cannot be stored; the message names the class and property
     * @throws NullPointerException   if type is null
     */
    public static CollectionSchema of(Class<?> type) {
        Objects.requireNonNull(type, "type");
        return CACHE.get(type);
    }

    /** The collection name. */
    public String name() {
        return name;
    }

    /** The Java class this schema was derived from. */
    public Class<?> type() {
        return type;
    }

    /** Whether the class is a record. */
    public boolean isRecord() {
        return type.isRecord();
    }

    /** The name of the id property. */
    public String idProperty() {
        return idProperty;
    }

    /** The stored properties without the id, in name order. */
    public List<PropertySchema> properties() {
        return properties;
    }

    /** The property with this name, if any (the id is not a property). */
    public Optional<PropertySchema> property(String propertyName) {
        for (PropertySchema p : properties) {
            if (p.name().equals(propertyName)) {
                return Optional.of(p);
            }
        }
        return Optional.empty();
    }

    /** The indexes in name order. */
    public List<IndexSchema> indexes() {
        return indexes;
    }

    /** The canonical description that the fingerprint hashes. */
    public String canonicalDescription() {
        return canonical;
    }

    /** A stable 64-bit hash of the canonical description; equal for structurally equal schemas. */
    public long fingerprint() {
        return fingerprint;
    }

    /**
     * Describes the first structural difference between this schema ("here") and other ("the open instance").
     *
     * @param other the schema to compare with
     * @return empty when structurally equal, else a message naming the collection and what differs
     * @throws NullPointerException if other is null
     */
    public Optional<String> differenceFrom(CollectionSchema other) {
        Objects.requireNonNull(other, "other");
        if (canonical.equals(other.canonical)) {
            return Optional.empty();
        }
        String prefix = "collection '" + name + "': ";
        if (!name.equals(other.name)) {
            return Optional.of(prefix + "the name is '" + name + "' here but '" + other.name
                + "' in the open instance");
        }
        if (!idProperty.equals(other.idProperty)) {
            return Optional.of(prefix + "the id property is '" + idProperty + "' here but '" + other.idProperty
                + "' in the open instance");
        }
        String diff = compareProperties("", properties, other.properties);
        if (diff == null) {
            diff = compareIndexes(indexes, other.indexes);
        }
        return Optional.of(prefix + (diff == null ? "the schemas differ" : diff));
    }

    private static String compareProperties(String prefix, List<PropertySchema> here, List<PropertySchema> there) {
        Map<String, PropertySchema> a = new TreeMap<>();
        Map<String, PropertySchema> b = new TreeMap<>();
        here.forEach(p -> a.put(p.name(), p));
        there.forEach(p -> b.put(p.name(), p));
        TreeSet<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        for (String n : names) {
            PropertySchema pa = a.get(n);
            PropertySchema pb = b.get(n);
            String path = prefix + n;
            if (pb == null) {
                return "property '" + path + "' is missing in the open instance";
            }
            if (pa == null) {
                return "property '" + path + "' is missing here but present in the open instance";
            }
            String diff = compareProperty(path, pa, pb);
            if (diff != null) {
                return diff;
            }
        }
        return null;
    }

    private static String compareProperty(String path, PropertySchema a, PropertySchema b) {
        if (a.type() != b.type()) {
            return "property '" + path + "' is " + a.type() + " here but " + b.type() + " in the open instance";
        }
        if (a.nullable() != b.nullable()) {
            return "property '" + path + "' is " + nullability(a) + " here but " + nullability(b)
                + " in the open instance";
        }
        switch (a.type()) {
            case ENUM -> {
                if (!a.enumValues().equals(b.enumValues())) {
                    return "property '" + path + "' has enum values " + a.enumValues() + " here but "
                        + b.enumValues() + " in the open instance";
                }
            }
            case LIST -> {
                return compareProperty(path + "[]", a.element(), b.element());
            }
            case EMBEDDED -> {
                if (a.isRecursive() || b.isRecursive()) {
                    return Objects.equals(a.recursion(), b.recursion()) ? null : "property '" + path + "' is "
                        + tree(a) + " here but " + tree(b) + " in the open instance";
                }
                return compareProperties(path + ".", a.embedded(), b.embedded());
            }
            default -> { }
        }
        return null;
    }

    private static String tree(PropertySchema p) {
        return p.isRecursive() ? "the embedded class " + p.recursion().up() + " level(s) up again (a tree)"
            : "an embedded object of its own";
    }

    private static String nullability(PropertySchema p) {
        return p.nullable() ? "nullable" : "not nullable";
    }

    private static String compareIndexes(List<IndexSchema> here, List<IndexSchema> there) {
        Map<String, IndexSchema> a = new TreeMap<>();
        Map<String, IndexSchema> b = new TreeMap<>();
        here.forEach(i -> a.put(i.name(), i));
        there.forEach(i -> b.put(i.name(), i));
        TreeSet<String> names = new TreeSet<>(a.keySet());
        names.addAll(b.keySet());
        for (String n : names) {
            IndexSchema ia = a.get(n);
            IndexSchema ib = b.get(n);
            if (ib == null) {
                return "index '" + n + "' is missing in the open instance";
            }
            if (ia == null) {
                return "index '" + n + "' is missing here but present in the open instance";
            }
            String what = null;
            if (!ia.properties().equals(ib.properties())) {
                what = "on " + ia.properties() + " here, on " + ib.properties() + " in the open instance";
            } else if (ia.unique() != ib.unique()) {
                what = flag(ia.unique(), "unique");
            } else if (ia.replace() != ib.replace()) {
                what = flag(ia.replace(), "replacing");
            } else if (ia.caseSensitive() != ib.caseSensitive()) {
                what = flag(ia.caseSensitive(), "case-sensitive");
            } else if (ia.hash() != ib.hash()) {
                what = flag(ia.hash(), "hashed");
            } else if (ia.multiEntry() != ib.multiEntry()) {
                what = flag(ia.multiEntry(), "multi-entry");
            }
            if (what != null) {
                return "index '" + n + "' differs (" + what + ")";
            }
        }
        return null;
    }

    private static String flag(boolean here, String word) {
        return here ? word + " here, not " + word + " in the open instance"
            : "not " + word + " here, " + word + " in the open instance";
    }

    private String describe() {
        StringBuilder sb = new StringBuilder("collection=").append(name).append(";id=").append(idProperty);
        for (PropertySchema p : properties) {
            sb.append(";p:").append(p.name()).append(':');
            p.appendSignature(sb);
        }
        for (IndexSchema i : indexes) {
            sb.append(";i:").append(i.canonical());
        }
        return sb.toString();
    }

    /** A 64-bit hash: 8-byte blocks mixed with a multiply-rotate step, finished with the Murmur3 mixer. */
    static long hash64(byte[] data) {
        return hash64(data, 0, data.length);
    }

    /**
     * Internal: the 64-bit hash behind schema fingerprints and hash-index keys. Its values are stored
     * in files, so it must never change.
     */
    public static long hash64(byte[] data, int offset, int length) {
        long h = 0x9E3779B97F4A7C15L ^ (length * 0xC2B2AE3D27D4EB4FL);
        int i = offset;
        int end = offset + length;
        for (; i + 8 <= end; i += 8) {
            long k = 0;
            for (int j = 7; j >= 0; j--) {
                k = (k << 8) | (data[i + j] & 0xFFL);
            }
            h ^= mix(k * 0x87C37B91114253D5L);
            h = Long.rotateLeft(h, 27) * 0x9E3779B97F4A7C15L + 0x52DCE729L;
        }
        long k = 0;
        for (int shift = 0; i < end; i++, shift += 8) {
            k |= (data[i] & 0xFFL) << shift;
        }
        h ^= mix(k * 0x87C37B91114253D5L + length);
        return mix(h);
    }

    private static long mix(long v) {
        v ^= v >>> 33;
        v *= 0xFF51AFD7ED558CCDL;
        v ^= v >>> 33;
        v *= 0xC4CEB9FE1A85EC53L;
        v ^= v >>> 33;
        return v;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof CollectionSchema other && fingerprint == other.fingerprint
            && canonical.equals(other.canonical);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(fingerprint);
    }

    @Override
    public String toString() {
        return canonical;
    }
}
