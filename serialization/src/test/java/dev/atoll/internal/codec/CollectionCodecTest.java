package dev.atoll.internal.codec;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import dev.atoll.schema.CollectionSchema;
import dev.atoll.testmodel.Address;
import dev.atoll.testmodel.BoxedIdRec;
import dev.atoll.testmodel.Color;
import dev.atoll.testmodel.ColorV2;
import dev.atoll.testmodel.Everything;
import dev.atoll.testmodel.EvolvingV1;
import dev.atoll.testmodel.EvolvingV2;
import dev.atoll.testmodel.Indexed;
import dev.atoll.testmodel.Point;
import dev.atoll.testmodel.Rec;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32C;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tests encoding, decoding, ids, evolution and index keys. */
class CollectionCodecTest {

    static Everything full() {
        Everything e = new Everything();
        e.id = 99;
        e.bool = true;
        e.b = -128;
        e.s = Short.MIN_VALUE;
        e.i = Integer.MIN_VALUE;
        e.l = Long.MIN_VALUE;
        e.f = -1.5f;
        e.d = Double.MAX_VALUE;
        e.boolBox = false;
        e.bBox = 127;
        e.sBox = Short.MAX_VALUE;
        e.iBox = Integer.MAX_VALUE;
        e.lBox = Long.MAX_VALUE;
        e.fBox = Float.NaN;
        e.dBox = Double.NEGATIVE_INFINITY;
        e.str = "héllo wörld \u0000 \uD83D\uDE00 ok";
        e.color = Color.BLUE;
        e.bytes = new byte[] {0, 1, -1, 127, -128};
        e.instant = Instant.ofEpochSecond(-12345678901L, 999_999_999);
        e.address = new Address("Main St", 5, Color.GREEN, Arrays.asList("a", null, ""));
        e.point = new Point(1.5, -2.5, null);
        e.addresses = Arrays.asList(new Address(), null, new Address("x", -1, null, List.of()));
        e.points = Arrays.asList(new Point(0, 0, 7), null);
        e.bools = Arrays.asList(true, null, false);
        e.bytesList = Arrays.asList((byte) 1, null, (byte) -1);
        e.shorts = Arrays.asList((short) -300, null);
        e.ints = Arrays.asList(1, null, -1, Integer.MIN_VALUE);
        e.longs = Arrays.asList(Long.MIN_VALUE, null, 0L);
        e.floats = Arrays.asList(0.25f, null, Float.NEGATIVE_INFINITY);
        e.doubles = Arrays.asList(-0.0, null, Double.NaN);
        e.strings = Arrays.asList("", null, "x".repeat(300));
        e.colors = Arrays.asList(Color.RED, null);
        e.blobs = Arrays.asList(new byte[0], null, new byte[200]);
        e.instants = Arrays.asList(Instant.EPOCH, null, Instant.MAX, Instant.MIN);
        return e;
    }

    private static <T> T roundTrip(CollectionCodec<T> codec, T object, long id) {
        byte[] value = codec.encode(object, id);
        return codec.decode(id, value, 0, value.length);
    }

    @Test
    void roundTrip_everyTypeWithNulls_equal() {
        CollectionCodec<Everything> codec = TestCodecs.of(Everything.class).codec(Everything.class);
        Everything e = full();
        Everything back = roundTrip(codec, e, 99);
        assertNotSame(e, back);
        assertEquals(e, back);
        assertEquals(99, back.id);
        assertEquals(e.str, back.str);
        assertTrue(Float.isNaN(back.fBox));
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(back.doubles.get(0)));
        assertEquals(Arrays.asList("a", null, ""), back.address.lines);
    }

    @Test
    void roundTrip_allDefaults_nullsAndZeros() {
        CollectionCodec<Everything> codec = TestCodecs.of(Everything.class).codec(Everything.class);
        Everything e = new Everything();
        e.ignored = "not stored";
        e.transientField = 5;
        Everything back = roundTrip(codec, e, 3);
        Everything expected = new Everything();
        expected.id = 3;
        assertEquals(expected, back);
        assertNull(back.ignored);
        assertEquals(0, back.transientField);
    }

    @Test
    void roundTrip_emptyLists_stayEmpty() {
        CollectionCodec<Everything> codec = TestCodecs.of(Everything.class).codec(Everything.class);
        Everything e = new Everything();
        e.strings = new ArrayList<>();
        e.addresses = List.of();
        e.ints = List.of();
        Everything back = roundTrip(codec, e, 1);
        assertEquals(List.of(), back.strings);
        assertEquals(List.of(), back.addresses);
        assertEquals(List.of(), back.ints);
        assertNull(back.longs);
    }

    @Test
    void roundTrip_records_equal() {
        Codecs codecs = TestCodecs.of(Rec.class, BoxedIdRec.class, Everything.class);
        CollectionCodec<Rec> codec = codecs.codec(Rec.class);
        Rec r = new Rec(0, "name", 42, true, Arrays.asList("a", null), new Point(1, 2, 3),
            List.of(new Point(4, 5, null)), Color.RED, Instant.parse("2024-01-02T03:04:05.123Z"), "skipped");
        Rec back = roundTrip(codec, r, 77);
        assertEquals(new Rec(77, "name", 42, true, Arrays.asList("a", null), new Point(1, 2, 3),
            List.of(new Point(4, 5, null)), Color.RED, Instant.parse("2024-01-02T03:04:05.123Z"), null), back);
        Rec empty = roundTrip(codec, new Rec(5, null, 0, false, null, null, null, null, null, null), 6);
        assertEquals(new Rec(6, null, 0, false, null, null, null, null, null, null), empty);
        CollectionCodec<BoxedIdRec> boxed = codecs.codec(BoxedIdRec.class);
        assertEquals(new BoxedIdRec(8L, "b"), roundTrip(boxed, new BoxedIdRec(null, "b"), 8));
        assertEquals(0, boxed.id(new BoxedIdRec(null, "b")));
        assertEquals(12, boxed.id(new BoxedIdRec(12L, "b")));
        assertEquals(12, codec.id(new Rec(12, null, 0, false, null, null, null, null, null, null)));
        BoxedIdRec unchanged = new BoxedIdRec(null, "c");
        boxed.assignId(unchanged, 5);
        assertNull(unchanged.id());
    }

    @Test
    void encode_header_versionLengthAndCrc() {
        CollectionCodec<Everything> codec = TestCodecs.of(Everything.class).codec(Everything.class);
        byte[] value = codec.encode(full());
        assertEquals(1, value[0]);
        int len = 0;
        int p = 1;
        for (int shift = 0; ; shift += 7) {
            int b = value[p++];
            len |= (b & 0x7F) << shift;
            if (b >= 0) {
                break;
            }
        }
        assertEquals(value.length - p - 4, len);
        CRC32C crc = new CRC32C();
        crc.update(java.nio.ByteBuffer.allocate(Long.BYTES).putLong(codec.id(full())).array());
        crc.update(value, p + 4, len);
        int stored = (value[p] & 0xFF) << 24 | (value[p + 1] & 0xFF) << 16 | (value[p + 2] & 0xFF) << 8
            | (value[p + 3] & 0xFF);
        assertEquals((int) crc.getValue(), stored);
    }

    @Test
    void decode_atOffset_readsOnlyTheSlice() {
        CollectionCodec<Everything> codec = TestCodecs.of(Everything.class).codec(Everything.class);
        byte[] value = codec.encode(full(), 99);
        byte[] framed = new byte[value.length + 20];
        Arrays.fill(framed, (byte) 0x55);
        System.arraycopy(value, 0, framed, 7, value.length);
        Everything expected = full();
        assertEquals(expected, codec.decode(99, framed, 7, value.length));
        assertThrows(IndexOutOfBoundsException.class, () -> codec.decode(1, value, 5, value.length));
    }

    @Test
    void encode_idNotInPayload_butSealedInTheChecksum() {
        CollectionCodec<Everything> codec = TestCodecs.of(Everything.class).codec(Everything.class);
        byte[] a = codec.encode(full(), 7);
        byte[] b = codec.encode(full(), 12345);
        int header = 1 + varintBytes(a) + 4; // version, payload length, checksum
        assertArrayEquals(Arrays.copyOfRange(a, header, a.length), Arrays.copyOfRange(b, header, b.length),
            "the payload is the same for every id");
        Everything back = codec.decode(7, a, 0, a.length);
        assertEquals(7, back.id);
        assertEquals(full().str, back.str);
        assertEquals(full().address, back.address);
        // Regression: a value that damage moved under another id decoded there as a wrong object.
        RuntimeException e = Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> codec.decode(8, a, 0, a.length)));
        assertTrue(e.getMessage().contains("another id"), e.getMessage());
    }

    /**
     * Regression (a PIT survivor): the checksum sealed only the id's lowest byte ({@code id >>> shift} mutated
     * to {@code id << shift}), so a value moved between ids that differ only above the lowest byte (1 and 257)
     * decoded there silently. Every byte of the id counts, and the sealed id is the id's 8 big-endian bytes.
     */
    @Test
    void decode_valueMovedToAnIdThatDiffersAboveTheLowestByte_corruptFileException() {
        CollectionCodec<Everything> codec = TestCodecs.of(Everything.class).codec(Everything.class);
        long[] ids = {1, 257, (1L << 16) + 1, (1L << 24) + 1, (1L << 32) + 1, (1L << 40) + 1, (1L << 48) + 1,
            (1L << 56) + 1, Long.MIN_VALUE + 1, -1, Long.MAX_VALUE};
        for (long from : ids) {
            byte[] value = codec.encode(full(), from);
            assertEquals(from, codec.decode(from, value, 0, value.length).id, "stored under " + from);
            for (long to : ids) {
                if (to != from) {
                    RuntimeException e = Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> codec.decode(to, value, 0, value.length), "stored under " + from + ", read as " + to));
                    assertTrue(e.getMessage().contains("another id"), e.getMessage());
                }
            }
        }
        long id = 0x0102030405060708L;
        byte[] value = codec.encode(full(), id);
        int header = 1 + varintBytes(value);
        CRC32C crc = new CRC32C();
        crc.update(new byte[] {1, 2, 3, 4, 5, 6, 7, 8});
        crc.update(value, header + 4, value.length - header - 4);
        int stored = (value[header] & 0xFF) << 24 | (value[header + 1] & 0xFF) << 16
            | (value[header + 2] & 0xFF) << 8 | (value[header + 3] & 0xFF);
        assertEquals((int) crc.getValue(), stored, "CRC32C of the id's 8 big-endian bytes, then the payload");
    }

    /** The number of bytes of the length varint that starts at index 1. */
    private static int varintBytes(byte[] value) {
        int n = 1;
        while (value[n] < 0) {
            n++;
        }
        return n;
    }

    @Test
    void idAndAssignId_classes() {
        Codecs codecs = TestCodecs.of(Everything.class, Indexed.class);
        CollectionCodec<Everything> codec = codecs.codec(Everything.class);
        Everything e = new Everything();
        assertEquals(0, codec.id(e));
        codec.assignId(e, 41);
        assertEquals(41, e.id);
        assertEquals(41, codec.id(e));
        CollectionCodec<Indexed> indexed = codecs.codec(Indexed.class);
        Indexed x = new Indexed();
        assertEquals(0, indexed.id(x));
        indexed.assignId(x, 9);
        assertEquals(9L, x.id);
        assertThrows(IllegalArgumentException.class, () -> indexed.assignId(x, -1));
    }

    @Test
    void codecs_unknownClassOrName_rejected() {
        Codecs codecs = TestCodecs.of(Everything.class);
        RuntimeException e = Faults.requireAny(assertThrows(RuntimeException.class, () -> codecs.codec(Rec.class)));
        assertEquals("class " + Rec.class.getName() + " is not a collection of this instance", e.getMessage());
        Faults.requireAny(assertThrows(RuntimeException.class, () -> codecs.codec("Nope")));
        assertEquals("Everything", codecs.codec("Everything").schema().name());
        assertEquals(List.of(CollectionSchema.of(Everything.class)), codecs.schemas());
    }

    @Test
    void codecs_badLayouts_rejected() {
        CollectionSchema v1 = CollectionSchema.of(EvolvingV1.class);
        CollectionSchema v2 = CollectionSchema.of(EvolvingV2.class);
        SchemaLayout l1 = SchemaLayout.initial(v1);
        assertThrows(IllegalArgumentException.class, () -> Codecs.create(List.of(v2), Map.of("Evolving", l1)));
        assertThrows(IllegalArgumentException.class, () -> Codecs.create(List.of(v1), Map.of()));
        assertThrows(IllegalArgumentException.class,
            () -> Codecs.create(List.of(v1, v1), Map.of("Evolving", l1)));
        Codecs.create(List.of(v2), Map.of("Evolving", l1.merge(v2)));
    }

    @Test
    void encode_subclass_rejected() {
        CollectionCodec<Everything> codec = TestCodecs.of(Everything.class).codec(Everything.class);
        Everything sub = new Everything() {
        };
        assertThrows(IllegalArgumentException.class, () -> codec.encode(sub));
        Everything holder = new Everything();
        holder.address = new Address() {
        };
        assertThrows(IllegalArgumentException.class, () -> codec.encode(holder));
        assertThrows(NullPointerException.class, () -> codec.encode(null));
    }

    @Test
    void encode_reusedBuffers_independentResults() {
        Codecs codecs = TestCodecs.of(Everything.class, Rec.class);
        CollectionCodec<Everything> codec = codecs.codec(Everything.class);
        Everything big = new Everything();
        big.str = "y".repeat(3_000_000);
        byte[] bigValue = codec.encode(big, 1);
        byte[] small = codec.encode(full(), 99);
        assertEquals(big.str, codec.decode(1, bigValue, 0, bigValue.length).str);
        assertEquals(full(), codec.decode(99, small, 0, small.length));
    }

    @Test
    void codecs_kryoRegistrations_deterministicFromOneHundred() {
        Codecs codecs = TestCodecs.of(Rec.class, Everything.class, EvolvingV1.class);
        assertTrue(codecs.kryo.isRegistrationRequired());
        assertFalse(codecs.kryo.getReferences());
        // entities sort by collection name, embedded and enum classes by class name, all in one order
        Map<String, Class<?>> byName = new TreeMap<>(Map.of("Everything", Everything.class,
            "Evolving", EvolvingV1.class, "Rec", Rec.class, Address.class.getName(), Address.class,
            Point.class.getName(), Point.class, Color.class.getName(), Color.class));
        int id = Codecs.FIRST_REGISTRATION_ID;
        for (Map.Entry<String, Class<?>> e : byName.entrySet()) {
            assertEquals(id++, codecs.kryo.getRegistration(e.getValue()).getId(), e.getKey());
        }
        Codecs again = TestCodecs.of(EvolvingV1.class, Everything.class, Rec.class);
        for (Class<?> c : byName.values()) {
            assertEquals(codecs.kryo.getRegistration(c).getId(), again.kryo.getRegistration(c).getId());
        }
    }

    @Test
    void codecs_embeddedSharedByCollections_eachUsesItsOwnFieldIds() {
        Codecs codecs = TestCodecs.of(Everything.class, EvolvingV1.class);
        CollectionCodec<EvolvingV1> evolving = codecs.codec(EvolvingV1.class);
        CollectionCodec<Everything> everything = codecs.codec(Everything.class);
        EvolvingV1 v1 = v1Sample();
        byte[] a = evolving.encode(v1, 2);
        byte[] b = everything.encode(full(), 99);
        EvolvingV1 back = evolving.decode(2, a, 0, a.length);
        assertEquals(v1.address, back.address);
        assertEquals(v1.addresses, back.addresses);
        assertEquals(full(), everything.decode(99, b, 0, b.length));
    }

    // A non-entity superclass whose fields are stored too.
    static class Base {
        protected String inherited;
    }

    @dev.atoll.schema.Entity(name = "Child")
    static final class Child extends Base {
        @dev.atoll.schema.Id
        private final Long key;
        private final int fixed;

        private Child() {
            this(null, 0);
        }

        Child(Long key, int fixed) {
            this.key = key;
            this.fixed = fixed;
        }
    }

    @Test
    void roundTrip_privateConstructorFinalAndInheritedFields() {
        CollectionCodec<Child> codec = TestCodecs.of(Child.class).codec(Child.class);
        assertEquals(List.of("fixed", "inherited"),
            codec.schema().properties().stream().map(p -> p.name()).toList());
        Child c = new Child(null, 17);
        c.inherited = "from base";
        assertEquals(0, codec.id(c));
        codec.assignId(c, 3);
        assertEquals(3L, c.key);
        Child back = roundTrip(codec, c, 4);
        assertEquals(4L, back.key);
        assertEquals(17, back.fixed);
        assertEquals("from base", back.inherited);
    }

    // ---- evolution ----

    private static EvolvingV1 v1Sample() {
        EvolvingV1 v1 = new EvolvingV1();
        v1.kept = "kept";
        v1.removed = 17;
        v1.changed = 23;
        v1.address = new Address("s", 1, Color.RED, List.of("l"));
        v1.addresses = List.of(new Address("t", 2, Color.GREEN, null));
        v1.color = Color.GREEN;
        return v1;
    }

    @Test
    void evolution_v1BytesReadAsV2_keptKeptRemovedIgnoredAddedDefault() {
        CollectionSchema s1 = CollectionSchema.of(EvolvingV1.class);
        CollectionSchema s2 = CollectionSchema.of(EvolvingV2.class);
        SchemaLayout l1 = SchemaLayout.initial(s1);
        SchemaLayout l2 = l1.merge(s2);
        byte[] stored = Codecs.create(List.of(s1), Map.of("Evolving", l1)).codec(EvolvingV1.class)
            .encode(v1Sample(), 4);
        EvolvingV2 v2 = Codecs.create(List.of(s2), Map.of("Evolving", l2)).codec(EvolvingV2.class)
            .decode(4, stored, 0, stored.length);
        assertEquals(4, v2.id);
        assertEquals("kept", v2.kept);
        assertNull(v2.changed, "a value of the old type is skipped");
        assertNull(v2.added);
        assertEquals(0, v2.count);
        assertEquals(new Address("s", 1, Color.RED, List.of("l")), v2.address);
        assertEquals(List.of(new Address("t", 2, Color.GREEN, null)), v2.addresses);
        assertNull(v2.color, "GREEN no longer exists in ColorV2");
    }

    @Test
    void evolution_v2BytesReadAsV1_andBackAgain() {
        CollectionSchema s1 = CollectionSchema.of(EvolvingV1.class);
        CollectionSchema s2 = CollectionSchema.of(EvolvingV2.class);
        SchemaLayout l2 = SchemaLayout.initial(s1).merge(s2);
        SchemaLayout l3 = l2.merge(s1);
        EvolvingV2 v2 = new EvolvingV2();
        v2.kept = "k2";
        v2.changed = "now a string";
        v2.added = List.of("x", "y");
        v2.count = 3;
        v2.color = ColorV2.RED;
        byte[] stored = Codecs.create(List.of(s2), Map.of("Evolving", l2)).codec(EvolvingV2.class).encode(v2, 5);
        CollectionCodec<EvolvingV1> c1 = Codecs.create(List.of(s1), Map.of("Evolving", l3)).codec(EvolvingV1.class);
        EvolvingV1 v1 = c1.decode(5, stored, 0, stored.length);
        assertEquals("k2", v1.kept);
        assertEquals(0, v1.changed);
        assertEquals(0, v1.removed);
        assertEquals(Color.RED, v1.color, "enums are stored by name");
        assertNull(v1.address);
        // values written with the first V1 layout: 'removed' got a new id in l3, so its old value is skipped
        byte[] old = Codecs.create(List.of(s1), Map.of("Evolving", SchemaLayout.initial(s1)))
            .codec(EvolvingV1.class).encode(v1Sample(), 6);
        EvolvingV1 reread = c1.decode(6, old, 0, old.length);
        assertEquals("kept", reread.kept);
        assertEquals(0, reread.removed);
        assertEquals(0, reread.changed);
        assertEquals(Color.GREEN, reread.color);
    }

    // ---- index keys ----

    private static Indexed indexedSample() {
        Indexed x = new Indexed();
        x.uuid = "u-1";
        x.name = "Alice";
        x.age = 30;
        x.tags = Arrays.asList("b", "a", "b", null);
        x.words = List.of("Hello", "World");
        x.email = "Alice@Example.com";
        x.score = -5;
        x.color = Color.GREEN;
        x.codes = List.of(3, 1);
        x.level = 7;
        x.tiny = -2;
        return x;
    }

    private static int indexOf(CollectionCodec<?> codec, String name) {
        for (int i = 0; i < codec.schema().indexes().size(); i++) {
            if (codec.schema().indexes().get(i).name().equals(name)) {
                return i;
            }
        }
        throw new AssertionError(name);
    }

    @Test
    void indexKeys_everyKind_matchesKeyEncoder() {
        CollectionCodec<Indexed> codec = TestCodecs.of(Indexed.class).codec(Indexed.class);
        Indexed x = indexedSample();
        byte[][][] keys = codec.indexKeys(x);
        assertEquals(codec.schema().indexes().size(), keys.length);
        assertArrayEquals(new byte[][] {KeyEncoder.ofString("u-1", true)}, keys[indexOf(codec, "uuid")]);
        assertArrayEquals(new byte[][] {KeyEncoder.concat(KeyEncoder.ofString("alice", true), KeyEncoder.ofInt(30))},
            keys[indexOf(codec, "name_age")]);
        assertArrayEquals(new byte[][] {KeyEncoder.ofNull(), KeyEncoder.ofString("a", true),
            KeyEncoder.ofString("b", true)}, keys[indexOf(codec, "tags")], "distinct, sorted, null first");
        byte[] words = KeyEncoder.encode(codec.schema().property("words").orElseThrow(), true, x.words);
        assertArrayEquals(new byte[][] {KeyEncoder.hash(words)}, keys[indexOf(codec, "hashedWords")]);
        assertEquals(8, keys[indexOf(codec, "hashedWords")][0].length);
        assertArrayEquals(new byte[][] {KeyEncoder.hash(KeyEncoder.ofString("alice@example.com", true))},
            keys[indexOf(codec, "email")]);
        assertArrayEquals(new byte[][] {KeyEncoder.ofLong(-5)}, keys[indexOf(codec, "score")]);
        assertArrayEquals(new byte[][] {KeyEncoder.ofEnum(Color.GREEN)}, keys[indexOf(codec, "color")]);
        assertArrayEquals(new byte[][] {KeyEncoder.ofShort((short) 7)}, keys[indexOf(codec, "level")]);
        assertArrayEquals(new byte[][] {KeyEncoder.ofByte((byte) -2)}, keys[indexOf(codec, "tiny")]);
        byte[] rest = KeyEncoder.concat(KeyEncoder.ofLong(-5), KeyEncoder.ofString("Alice", true));
        assertArrayEquals(new byte[][] {KeyEncoder.concat(KeyEncoder.ofInt(1), rest),
            KeyEncoder.concat(KeyEncoder.ofInt(3), rest)}, keys[indexOf(codec, "codes_score_name")]);
    }

    @Test
    void indexKeys_nullAndEmptyLists_noMultiEntryKeys() {
        CollectionCodec<Indexed> codec = TestCodecs.of(Indexed.class).codec(Indexed.class);
        Indexed x = new Indexed();
        byte[][][] keys = codec.indexKeys(x);
        assertEquals(0, keys[indexOf(codec, "tags")].length);
        assertEquals(0, keys[indexOf(codec, "codes_score_name")].length);
        assertArrayEquals(new byte[][] {KeyEncoder.ofNull()}, keys[indexOf(codec, "uuid")]);
        assertEquals(1, keys[indexOf(codec, "hashedWords")].length);
        x.tags = List.of();
        assertEquals(0, codec.indexKeys(x)[indexOf(codec, "tags")].length);
    }

    @Test
    void indexKey_lookupValues_equalStoredKeys() {
        CollectionCodec<Indexed> codec = TestCodecs.of(Indexed.class).codec(Indexed.class);
        byte[][][] keys = codec.indexKeys(indexedSample());
        assertArrayEquals(keys[indexOf(codec, "uuid")][0], codec.indexKey("uuid", "u-1"));
        assertArrayEquals(keys[indexOf(codec, "name_age")][0], codec.indexKey("name_age", "ALICE", 30));
        assertArrayEquals(keys[indexOf(codec, "name_age")][0], codec.indexKey("name_age", "alice", 30L));
        assertArrayEquals(keys[indexOf(codec, "tags")][1], codec.indexKey("tags", "a"));
        assertArrayEquals(keys[indexOf(codec, "hashedWords")][0],
            codec.indexKey("hashedWords", List.of("Hello", "World")));
        assertArrayEquals(keys[indexOf(codec, "email")][0], codec.indexKey("email", "alice@EXAMPLE.com"));
        assertArrayEquals(keys[indexOf(codec, "score")][0], codec.indexKey("score", -5));
        assertArrayEquals(keys[indexOf(codec, "score")][0], codec.indexKey("score", -5L));
        assertArrayEquals(keys[indexOf(codec, "color")][0], codec.indexKey("color", Color.GREEN));
        assertArrayEquals(keys[indexOf(codec, "level")][0], codec.indexKey("level", 7));
        assertArrayEquals(keys[indexOf(codec, "tiny")][0], codec.indexKey("tiny", -2));
        assertArrayEquals(keys[indexOf(codec, "codes_score_name")][0],
            codec.indexKey("codes_score_name", 1, -5L, "Alice"));
        assertArrayEquals(KeyEncoder.ofNull(), codec.indexKey("uuid", (Object) null));
    }

    @Test
    void indexKey_wrongTypes_illegalArgumentNamingIndexAndProperty() {
        CollectionCodec<Indexed> codec = TestCodecs.of(Indexed.class).codec(Indexed.class);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> codec.indexKey("name_age", "x", "thirty"));
        assertTrue(e.getMessage().contains("index 'name_age'"), e.getMessage());
        assertTrue(e.getMessage().contains("property 'age'"), e.getMessage());
        assertTrue(e.getMessage().contains("Integer"), e.getMessage());
        assertTrue(e.getMessage().contains("String"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> codec.indexKey("nope", 1));
        assertTrue(e.getMessage().contains("'nope'") && e.getMessage().contains("uuid"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> codec.indexKey("name_age", "x"));
        assertTrue(e.getMessage().contains("2 properties"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> codec.indexKey("level", 70_000));
        assertThrows(IllegalArgumentException.class, () -> codec.indexKey("tiny", 200));
        assertThrows(IllegalArgumentException.class, () -> codec.indexKey("name_age", "x", 1L << 40));
        assertThrows(IllegalArgumentException.class, () -> codec.indexKey("color", ColorV2.RED));
        assertThrows(IllegalArgumentException.class, () -> codec.indexKey("color", "GREEN"));
        assertThrows(IllegalArgumentException.class, () -> codec.indexKey("score", (Object) null));
        assertThrows(IllegalArgumentException.class, () -> codec.indexKey("score", 1.5));
        assertThrows(IllegalArgumentException.class, () -> codec.indexKey("tags", List.of("a")));
        assertThrows(IllegalArgumentException.class, () -> codec.indexKey("hashedWords", List.of(1)));
    }
}
