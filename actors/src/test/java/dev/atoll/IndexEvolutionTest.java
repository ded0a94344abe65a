package dev.atoll;

import dev.atoll.internal.store.IndexEntries;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;
import dev.atoll.schema.IndexSchema;
import dev.atoll.internal.codec.CollectionCodec;
import dev.atoll.internal.store.Records;
import dev.atoll.internal.store.Snapshot;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.h2.mvstore.Cursor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Reopening with a changed class leaves every index exactly equal to a fresh build over the stored objects:
 * the raw index maps and the key section of every record, and every where clause answers what the
 * equivalent filter answers. Each variant of {@link Base} changes one thing that changes what keys mean.
 */
class IndexEvolutionTest {
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("IndexEvolutionTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    public enum Level2 { LOW, HIGH }

    public enum Level3 { LOW, MEDIUM, HIGH }

    public enum Level1 { LOW }

    public enum LevelReversed { HIGH, LOW }

    /** The stored version. */
    @Entity(name = "Evo")
    public static class Base {
        @Id
        public long id;
        @Index
        public Level2 level;
        @Index
        public String name;
        @Index
        public int rank;
        @Index
        public String code;
        @Index
        public List<Level2> levels;

        public Base() {
        }
    }

    /** An enum constant added in the middle: HIGH's ordinal moves from 1 to 2. */
    @Entity(name = "Evo")
    public static class MiddleAdded {
        @Id
        public long id;
        @Index
        public Level3 level;
        @Index
        public String name;
        @Index
        public int rank;
        @Index
        public String code;
        @Index
        public List<Level3> levels;

        public MiddleAdded() {
        }
    }

    /** An enum constant removed: stored HIGHs decode as null. */
    @Entity(name = "Evo")
    public static class ConstantRemoved {
        @Id
        public long id;
        @Index
        public Level1 level;
        @Index
        public String name;
        @Index
        public int rank;
        @Index
        public String code;
        @Index
        public List<Level1> levels;

        public ConstantRemoved() {
        }
    }

    /** The enum constants reordered. */
    @Entity(name = "Evo")
    public static class Reordered {
        @Id
        public long id;
        @Index
        public LevelReversed level;
        @Index
        public String name;
        @Index
        public int rank;
        @Index
        public String code;
        @Index
        public List<LevelReversed> levels;

        public Reordered() {
        }
    }

    /** caseSensitive turned off. */
    @Entity(name = "Evo")
    public static class CaseInsensitive {
        @Id
        public long id;
        @Index
        public Level2 level;
        @Index(caseSensitive = false)
        public String name;
        @Index
        public int rank;
        @Index
        public String code;
        @Index
        public List<Level2> levels;

        public CaseInsensitive() {
        }
    }

    /** hash turned on. */
    @Entity(name = "Evo")
    public static class Hashed {
        @Id
        public long id;
        @Index
        public Level2 level;
        @Index(hash = true)
        public String name;
        @Index
        public int rank;
        @Index
        public String code;
        @Index
        public List<Level2> levels;

        public Hashed() {
        }
    }

    /** unique turned on over values that do not repeat. */
    @Entity(name = "Evo")
    public static class Unique {
        @Id
        public long id;
        @Index
        public Level2 level;
        @Index
        public String name;
        @Index
        public int rank;
        @Index(unique = true)
        public String code;
        @Index
        public List<Level2> levels;

        public Unique() {
        }
    }

    /** The property's type changed from int to long: the stored ints no longer decode (0). */
    @Entity(name = "Evo")
    public static class RankIsLong {
        @Id
        public long id;
        @Index
        public Level2 level;
        @Index
        public String name;
        @Index
        public long rank;
        @Index
        public String code;
        @Index
        public List<Level2> levels;

        public RankIsLong() {
        }
    }

    /** The property's type changed from int to String: the stored ints no longer decode (null). */
    @Entity(name = "Evo")
    public static class RankIsString {
        @Id
        public long id;
        @Index
        public Level2 level;
        @Index
        public String name;
        @Index
        public String rank;
        @Index
        public String code;
        @Index
        public List<Level2> levels;

        public RankIsString() {
        }
    }

    private static final String[] NAMES = {"\u03A3\u03AF\u03C3\u03C5\u03C6\u03BF\u03C2", "\u03C3\u03AF\u03C3\u03C5\u03C6\u03BF\u03C3",
        "\u0130stanbul", "istanbul", "ISTANBUL", "\u0131stanbul", "Stra\u00DFe", "STRASSE", "STRA\u1E9EE", "a\uD800",
        "a\uDC00", "a?", "plain", null};

    private static List<Base> stored() {
        List<Base> out = new ArrayList<>();
        for (int i = 1; i <= 60; i++) {
            Base b = new Base();
            b.level = i % 5 == 0 ? null : Level2.values()[i % 2];
            b.name = NAMES[i % NAMES.length];
            b.rank = i % 7;
            b.code = "c" + i;
            b.levels = i % 4 == 0 ? null : List.of(Level2.values()[i % 2], Level2.values()[(i / 2) % 2]);
            out.add(b);
        }
        return out;
    }

    private void writeBase() {
        Atoll db = Atoll.open(kit.system(), List.of(Base.class), dir, "evo");
        try {
            AtollCollection<Base> c = db.collection(Base.class);
            db.writeTxnSync(() -> c.putAll(stored()));
        } finally {
            db.close();
        }
    }

    @ParameterizedTest
    @ValueSource(classes = {MiddleAdded.class, ConstantRemoved.class, Reordered.class, CaseInsensitive.class,
        Hashed.class, Unique.class, RankIsLong.class, RankIsString.class})
    void reopenWithChangedKeyMeaning_everyIndexEqualsAFreshBuild_andBackAgain(Class<?> changed) throws Exception {
        writeBase();
        checkReopened(changed);
        checkReopened(Base.class);
    }

    @Test
    void reopenWithEnumConstantAddedInTheMiddle_whereEqualToMediumFindsNoHighObject() throws Exception {
        writeBase();
        Atoll db = Atoll.open(kit.system(), List.of(MiddleAdded.class), dir, "evo");
        try {
            AtollCollection<MiddleAdded> c = db.collection(MiddleAdded.class);
            assertEquals(0, c.query().where(Where.equalTo("level", Level3.MEDIUM)).count());
            assertEquals(c.query().filter(Filter.equalTo("level", Level3.HIGH)).count(),
                    c.query().where(Where.equalTo("level", Level3.HIGH)).count());
            assertEquals(0, c.query().where(Where.equalTo("levels", Level3.MEDIUM)).count());
        } finally {
            db.close();
        }
    }

    private <T> void checkReopened(Class<T> type) throws Exception {
        Atoll db = Atoll.open(kit.system(), List.of(type), dir, "evo");
        try {
            AtollCollection<T> c = db.collection(type);
            assertEquals(60, c.count(), "opening deletes nothing");
            CollectionCodec<T> codec = db.instance().newCodecs().codec(type);
            assertIndexesAreAFreshBuild(db, codec);
            List<T> all = c.query().findAll();
            for (IndexSchema ix : codec.schema().indexes()) {
                String p = ix.properties().get(0);
                Set<Object> values = new LinkedHashSet<>();
                values.add(null);
                java.lang.reflect.Field f = type.getField(p);
                for (T o : all) {
                    Object v = f.get(o);
                    if (v instanceof List<?> list) {
                        values.addAll(list);
                    } else {
                        values.add(v);
                    }
                }
                Class<?> valueType = f.getType() == List.class
                        ? (Class<?>) ((java.lang.reflect.ParameterizedType) f.getGenericType())
                        .getActualTypeArguments()[0] : f.getType();
                if (valueType.isEnum()) {
                    values.addAll(Arrays.asList(valueType.getEnumConstants()));
                }
                if (valueType.isPrimitive()) {
                    values.remove(null);
                }
                for (Object v : values) {
                    if (v == null && f.getType() == List.class) {
                        continue;
                    }
                    Filter filter = !ix.caseSensitive() && v instanceof String s ? Filter.equalTo(p, s, false)
                            : Filter.equalTo(p, v);
                    assertEquals(ids(c.query().filter(filter).findAll()),
                            ids(c.query().where(Where.equalTo(ix.name(), v)).findAll()),
                            type.getSimpleName() + ": index " + ix.name() + " = " + v);
                    if (v instanceof String s && !ix.hash() && !s.isEmpty()) {
                        String prefix = s.substring(0, 1);
                        assertEquals(ids(c.query().filter(Filter.startsWith(p, prefix, ix.caseSensitive())).findAll()),
                                ids(c.query().where(Where.startsWith(ix.name(), prefix)).findAll()),
                                type.getSimpleName() + ": index " + ix.name() + " starts with " + prefix);
                    }
                }
            }
        } finally {
            db.close();
        }
    }

    private static Set<Long> ids(List<?> objects) throws Exception {
        Set<Long> out = new TreeSet<>();
        for (Object o : objects) {
            out.add(o.getClass().getField("id").getLong(o));
        }
        return out;
    }

    /** Every index map and every record's key section hold exactly what a fresh build gives the objects. */
    static <T> void assertIndexesAreAFreshBuild(Atoll db, CollectionCodec<T> codec) {
        String collection = codec.schema().name();
        List<IndexSchema> indexes = codec.schema().indexes();
        try (Snapshot s = db.instance().snapshot()) {
            List<Set<ByteBuffer>> expected = new ArrayList<>();
            indexes.forEach(ix -> expected.add(new HashSet<>()));
            Cursor<Long, byte[]> records = s.records(collection, 0);
            while (records.hasNext()) {
                long id = records.next();
                byte[] record = records.getValue();
                int offset = Records.valueOffset(record);
                T o = codec.decode(id, record, offset, record.length - offset);
                byte[][][] keys = codec.indexKeys(o);
                byte[][][] stored = Records.keys(record);
                assertEquals(keys.length, stored.length, "key slots of record " + id);
                for (int i = 0; i < keys.length; i++) {
                    assertEquals(keys[i].length, stored[i].length, "record " + id + ", index " + indexes.get(i).name());
                    for (int k = 0; k < keys[i].length; k++) {
                        assertArrayEquals(keys[i][k], stored[i][k], "record " + id + ", " + indexes.get(i).name());
                        assertTrue(expected.get(i).add(ByteBuffer.wrap(IndexEntries.entry(keys[i][k], id))));
                    }
                }
            }
            for (int i = 0; i < indexes.size(); i++) {
                Set<ByteBuffer> actual = new HashSet<>();
                Cursor<byte[], Boolean> entries = s.indexEntries(collection, indexes.get(i).name(), null);
                while (entries.hasNext()) {
                    actual.add(ByteBuffer.wrap(entries.next()));
                }
                assertEquals(expected.get(i), actual, "index " + indexes.get(i).name());
            }
        }
    }
}
