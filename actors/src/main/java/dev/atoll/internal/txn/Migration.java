package dev.atoll.internal.txn;

import dev.atoll.internal.store.IndexEntries;

import dev.atoll.UniqueViolationException;

import dev.atoll.schema.CollectionSchema;
import dev.atoll.schema.IndexSchema;
import dev.atoll.internal.codec.CollectionCodec;
import dev.atoll.internal.codec.Codecs;
import dev.atoll.internal.codec.SchemaLayout;
import dev.atoll.internal.store.CollectionDef;
import dev.atoll.internal.store.Records;
import dev.atoll.internal.store.Snapshot;
import dev.atoll.internal.store.StoreCore;
import dev.atoll.internal.store.WriteBatch;
import org.h2.mvstore.Cursor;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Internal: brings the stored collections up to the schemas an instance is opened with, in one commit.
 *
 * <p>New properties get new field ids (stored values are never rewritten for that). A collection whose
 * stored keys no longer mean what its indexes mean ({@link SchemaLayout#keysDifferFrom}: an index added,
 * removed or renamed, or its key definition changed: enum constants, the property's type or nullability,
 * {@code unique}, {@code caseSensitive}, {@code hash}, the key encoding) has every index rebuilt from its
 * objects: each stored value is decoded with the new class and given fresh keys, and stays byte for byte as
 * it was. Collections that are stored but not named are left as they are.
 *
 * <p>Opening never deletes an object: a unique index (with or without {@code replace}) that the stored values
 * would break is refused before anything is written, with a {@link UniqueViolationException} that names the
 * collection, the index, the repeated value and the ids that hold it, and the file keeps its contents.
 */
public final class Migration {
    /** How many ids of a repeated value an error message lists. */
    static final int IDS_SHOWN = 20;

    private Migration() {
    }

    /**
     * Migrates and commits.
     *
     * @return the layout of every given collection
     * @throws UniqueViolationException when a unique index would be built over repeated values; nothing
     *     was written
     * @throws CorruptFileException when a stored layout or value is damaged
     */
    public static Map<String, SchemaLayout> migrate(StoreCore core, List<CollectionSchema> schemas) {
        Map<String, SchemaLayout> stored = new HashMap<>();
        core.layouts().forEach((collection, bytes) -> stored.put(collection, SchemaLayout.fromBytes(bytes)));
        Map<String, SchemaLayout> layouts = new LinkedHashMap<>();
        Map<String, byte[]> changedLayouts = new LinkedHashMap<>();
        List<CollectionDef> defs = new ArrayList<>();
        List<String> rebuild = new ArrayList<>();
        for (CollectionSchema schema : schemas) {
            SchemaLayout old = stored.get(schema.name());
            SchemaLayout layout = old == null ? SchemaLayout.initial(schema) : old.merge(schema);
            layouts.put(schema.name(), layout);
            if (!layout.equals(old)) {
                changedLayouts.put(schema.name(), layout.toBytes());
            }
            if (old != null && old.keysDifferFrom(schema)) {
                rebuild.add(schema.name());
            }
            defs.add(new CollectionDef(schema.name(), schema.indexes().stream()
                    .map(ix -> new CollectionDef.IndexDef(ix.name(), ix.unique(), ix.replace())).toList()));
        }
        try (Snapshot before = core.snapshot()) {
            List<WriteBatch.Op> ops = new ArrayList<>();
            if (!rebuild.isEmpty()) {
                Codecs codecs = Codecs.create(schemas, layouts);
                for (String collection : rebuild) {
                    rebuildOps(codecs.codec(collection), before, ops);
                }
            }
            core.define(defs, changedLayouts);
            if (!ops.isEmpty()) {
                core.applyMigration(new WriteBatch(before.version(), ops, WriteBatch.ReadSet.NONE, true));
            }
        }
        core.commit();
        return layouts;
    }

    /**
     * Adds to ops a clear of the collection and a put of each of its objects with fresh keys and its stored
     * value unchanged.
     *
     * @throws UniqueViolationException when a unique index would hold a value twice
     */
    private static <T> void rebuildOps(CollectionCodec<T> codec, Snapshot before, List<WriteBatch.Op> ops) {
        String collection = codec.schema().name();
        ops.add(new WriteBatch.Clear(collection));
        UniqueCheck<T> unique = new UniqueCheck<>(codec);
        Cursor<Long, byte[]> c = before.records(collection, 1);
        while (c.hasNext()) {
            long id = c.next();
            byte[] record = c.getValue();
            int offset = Records.valueOffset(record);
            T object = codec.decode(id, record, offset, record.length - offset);
            byte[][][] keys = codec.indexKeys(object);
            unique.add(id, object, keys);
            byte[] value = Arrays.copyOfRange(record, offset, record.length);
            ops.add(new WriteBatch.Put(collection, id, Records.encode(keys, value), keys));
        }
        unique.check();
    }

    /**
     * The holders of each key of the unique indexes of one collection, as the store would check them (the
     * key of a null value may repeat), and the first key found twice with every id that holds it.
     */
    private static final class UniqueCheck<T> {
        private final CollectionCodec<T> codec;
        private final List<IndexSchema> indexes;
        private final List<Map<ByteBuffer, Long>> holders = new ArrayList<>();
        private int repeatedSlot = -1;
        private byte[] repeatedKey;
        private Object repeatedValue;
        private final List<Long> repeatedIds = new ArrayList<>();

        UniqueCheck(CollectionCodec<T> codec) {
            this.codec = codec;
            this.indexes = codec.schema().indexes();
            for (IndexSchema ix : indexes) {
                holders.add(ix.unique() ? new HashMap<>() : null);
            }
        }

        public void add(long id, T object, byte[][][] keys) {
            for (int s = 0; s < keys.length; s++) {
                Map<ByteBuffer, Long> seen = holders.get(s);
                if (seen == null) {
                    continue;
                }
                for (byte[] key : keys[s]) {
                    if (IndexEntries.isNullKey(key)) {
                        continue;
                    }
                    if (s == repeatedSlot && Arrays.equals(key, repeatedKey)) {
                        repeatedIds.add(id);
                        continue;
                    }
                    Long first = seen.putIfAbsent(ByteBuffer.wrap(key), id);
                    if (first != null && repeatedSlot < 0) {
                        repeatedSlot = s;
                        repeatedKey = key;
                        repeatedValue = codec.indexValue(object, indexes.get(s).name(), key);
                        repeatedIds.add(first);
                        repeatedIds.add(id);
                    }
                }
            }
        }

        public void check() {
            if (repeatedSlot < 0) {
                return;
            }
            IndexSchema ix = indexes.get(repeatedSlot);
            List<Long> shown = repeatedIds.subList(0, Math.min(IDS_SHOWN, repeatedIds.size()));
            String ids = shown.toString().replace("[", "").replace("]", "")
                    + (shown.size() < repeatedIds.size() ? " and " + (repeatedIds.size() - shown.size()) + " more"
                    : "");
            throw new UniqueViolationException("cannot open collection '" + codec.schema().name()
                    + "': its unique index '" + ix.name() + "' cannot be built, because the value "
                    + show(repeatedValue) + (ix.caseSensitive() ? "" : " (ignoring case)") + " is held by "
                    + repeatedIds.size() + " objects (ids " + ids + "). Opening never deletes objects"
                    + (ix.replace() ? ", not even for a replacing index" : "") + "; the file is left as it was."
                    + " Make the values unique with the previous class, or open without this unique index");
        }
    }

    /** A value as a message shows it: strings quoted, byte arrays and lists by element. */
    public static String show(Object v) {
        if (v instanceof String s) {
            return "'" + s + "'";
        }
        if (v instanceof byte[] b) {
            return Arrays.toString(b);
        }
        if (v instanceof List<?> list) {
            return list.stream().map(Migration::show).toList().toString();
        }
        return String.valueOf(v);
    }
}
