package dev.atoll.internal.codec;

import dev.atoll.schema.CollectionSchema;
import dev.atoll.testmodel.AddedLaterV1;
import dev.atoll.testmodel.AddedLaterV2;
import dev.atoll.testmodel.Color;
import dev.atoll.testmodel.Initialized;
import dev.atoll.testmodel.InitializedPart;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

/** A property stored as null reads back as null, whatever the class's initializers and constructor say. */
class NullStaysNullTest {

    private static Initialized roundTrip(Initialized o) {
        CollectionCodec<Initialized> codec = TestCodecs.of(Initialized.class).codec(Initialized.class);
        byte[] value = codec.encode(o, 3);
        return codec.decode(3, value, 0, value.length);
    }

    @Test
    void decode_propertiesStoredAsNull_readNullNotTheInitializer() {
        Initialized back = roundTrip(Initialized.allNull());
        assertNull(back.s);
        assertNull(back.tags);
        assertNull(back.boxed);
        assertNull(back.boxedLong);
        assertNull(back.boxedDouble);
        assertNull(back.flag);
        assertNull(back.color);
        assertNull(back.bytes);
        assertNull(back.at);
        assertNull(back.part, "an embedded object the constructor created");
        assertNull(back.parts);
        assertEquals(0, back.primitive);
        assertEquals(3, back.id);
        assertEquals("kept", back.ignored, "a field that is not a property keeps the constructor's value");
    }

    @Test
    void decode_embeddedPropertiesStoredAsNull_readNull() {
        Initialized o = Initialized.allNull();
        o.part = new InitializedPart();
        o.part.name = null;
        o.part.numbers = null;
        o.part.count = 0;
        InitializedPart inList = new InitializedPart();
        inList.name = null;
        o.parts = new ArrayList<>(Arrays.asList(inList, null));
        Initialized back = roundTrip(o);
        assertNull(back.part.name);
        assertNull(back.part.numbers);
        assertEquals(0, back.part.count);
        assertEquals(2, back.parts.size());
        assertNull(back.parts.get(0).name);
        assertEquals(List.of(1), back.parts.get(0).numbers);
        assertNull(back.parts.get(1));
    }

    @Test
    void decode_propertiesAddedAfterTheValueWasWritten_readNullOrZero() {
        CollectionSchema v1 = CollectionSchema.of(AddedLaterV1.class);
        CollectionSchema v2 = CollectionSchema.of(AddedLaterV2.class);
        SchemaLayout l1 = SchemaLayout.initial(v1);
        AddedLaterV1 old = new AddedLaterV1();
        old.kept = null;
        byte[] value = Codecs.create(List.of(v1), Map.of("AddedLater", l1)).codec(AddedLaterV1.class).encode(old, 5);
        AddedLaterV2 back = Codecs.create(List.of(v2), Map.of("AddedLater", l1.merge(v2)))
            .codec(AddedLaterV2.class).decode(5, value, 0, value.length);
        assertNull(back.kept);
        assertNull(back.added);
        assertEquals(0, back.addedNumber);
        assertEquals(false, back.addedFlag);
        assertEquals(0d, back.addedDouble);
        assertEquals(0f, back.addedFloat);
        assertEquals(0L, back.addedLong);
        assertEquals((short) 0, back.addedShort);
        assertEquals((byte) 0, back.addedByte);
        assertEquals(5, back.id);
    }

    @Property(tries = 300)
    void roundTrip_randomNulls_equal(@ForAll("objects") Initialized o) {
        Initialized back = roundTrip(o);
        o.id = 3;
        assertEquals(o, back);
    }

    @Provide
    Arbitrary<Initialized> objects() {
        Arbitrary<String> strings = Arbitraries.strings().ofMaxLength(8).injectNull(0.4);
        Arbitrary<List<String>> tags = Arbitraries.strings().ofMaxLength(4).injectNull(0.2).list().ofMaxSize(3)
            .injectNull(0.4);
        Arbitrary<Integer> ints = Arbitraries.integers().injectNull(0.4);
        Arbitrary<Long> longs = Arbitraries.longs().injectNull(0.4);
        Arbitrary<Double> doubles = Arbitraries.doubles().injectNull(0.4);
        Arbitrary<Boolean> flags = Arbitraries.of(true, false).injectNull(0.4);
        Arbitrary<Color> colors = Arbitraries.of(Color.class).injectNull(0.4);
        Arbitrary<byte[]> bytes = Arbitraries.bytes().array(byte[].class).ofMaxSize(3).injectNull(0.4);
        Arbitrary<Instant> instants = Arbitraries.longs().between(-1_000_000_000L, 1_000_000_000L)
            .map(Instant::ofEpochSecond).injectNull(0.4);
        Arbitrary<InitializedPart> parts = Combinators.combine(strings,
                Arbitraries.integers().injectNull(0.2).list().ofMaxSize(3).injectNull(0.4), Arbitraries.integers())
            .as((name, numbers, count) -> {
                InitializedPart p = new InitializedPart();
                p.name = name;
                p.numbers = numbers;
                p.count = count;
                return p;
            }).injectNull(0.4);
        Arbitrary<List<InitializedPart>> partLists = parts.list().ofMaxSize(3).injectNull(0.4);
        Arbitrary<Initialized> scalars = Combinators.combine(strings, tags, ints, longs, doubles, flags, colors, bytes)
            .as((s, t, i, l, d, f, c, b) -> {
                Initialized o = new Initialized();
                o.s = s;
                o.tags = t;
                o.boxed = i;
                o.boxedLong = l;
                o.boxedDouble = d;
                o.flag = f;
                o.color = c;
                o.bytes = b;
                return o;
            });
        return Combinators.combine(scalars, instants, parts, partLists, Arbitraries.integers())
            .as((o, at, part, list, primitive) -> {
                o.at = at;
                o.part = part;
                o.parts = list;
                o.primitive = primitive;
                return o;
            });
    }
}
