package dev.atoll.internal.codec;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;
import dev.atoll.testmodel.Address;
import dev.atoll.testmodel.BoxedIdRec;
import dev.atoll.testmodel.Color;
import dev.atoll.testmodel.Everything;
import dev.atoll.testmodel.Indexed;
import dev.atoll.testmodel.Measured;
import dev.atoll.testmodel.Part;
import dev.atoll.testmodel.Point;
import dev.atoll.testmodel.Rec;
import dev.atoll.testmodel.ReflectiveAccessors;
import dev.atoll.testmodel.Refusing;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterProperty;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Arrays;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The codecs' two ways to reach properties, {@link Accessors} (what generated code would be) and reflection,
 * against each other: the same objects encode to the same bytes and decode equal, whichever wrote them.
 */
class AccessorsTest {
    /** Codecs built with the accessor classes of the test model in use, or without. */
    static Codecs codecs(boolean accessors, Class<?>... types) {
        return withProperty(accessors, () -> TestCodecs.of(types));
    }

    private static <T> T withProperty(boolean on, Supplier<T> body) {
        System.setProperty(Accessors.PROPERTY, Boolean.toString(on));
        try {
            return body.get();
        } finally {
            System.clearProperty(Accessors.PROPERTY);
        }
    }

    @AfterEach
    @AfterProperty
    void reset() {
        ReflectiveAccessors.typed = true;
        ReflectiveAccessors.calls = 0;
        Refusing.refuse = null;
        Part.refuse = null;
    }

    @Property(tries = 200)
    void everything_directAndReflective_sameBytesAndEqualObjects(@ForAll("everything") Everything e,
                                                                 @ForAll boolean typed) {
        ReflectiveAccessors.typed = typed;
        CollectionCodec<Everything> reflective = codecs(false, Everything.class).codec(Everything.class);
        CollectionCodec<Everything> direct = codecs(true, Everything.class).codec(Everything.class);
        ReflectiveAccessors.calls = 0;

        byte[] bytes = reflective.encode(e);
        byte[] directBytes = direct.encode(e);

        assertArrayEquals(bytes, directBytes);
        assertTrue(ReflectiveAccessors.calls > 0, "the direct codec used the accessors");
        assertEquals(e, direct.decode(e.id, bytes, 0, bytes.length));
        assertEquals(e, reflective.decode(e.id, directBytes, 0, directBytes.length));
        assertEquals(e.id, direct.id(e));
    }

    @Property(tries = 100)
    void record_directAndReflective_sameBytesAndEqualRecords(@ForAll("records") Rec r) {
        CollectionCodec<Rec> reflective = codecs(false, Rec.class).codec(Rec.class);
        CollectionCodec<Rec> direct = codecs(true, Rec.class).codec(Rec.class);

        byte[] bytes = reflective.encode(r);

        assertArrayEquals(bytes, direct.encode(r));
        assertEquals(r, direct.decode(r.id(), bytes, 0, bytes.length));
        assertEquals(r.id(), direct.id(r));
    }

    @Test
    void fullObject_directAndReflective_sameBytes() {
        Everything e = CollectionCodecTest.full();
        byte[] bytes = codecs(false, Everything.class).codec(Everything.class).encode(e);
        CollectionCodec<Everything> direct = codecs(true, Everything.class).codec(Everything.class);

        assertArrayEquals(bytes, direct.encode(e));
        assertEquals(e, direct.decode(e.id, bytes, 0, bytes.length));
    }

    @Test
    void decode_direct_propertyMissingFromTheBytesReadsAsZeroOrNull() {
        CollectionCodec<Everything> direct = codecs(true, Everything.class).codec(Everything.class);
        byte[] empty = direct.encode(new Everything(), 4);
        for (boolean typed : new boolean[] {true, false}) {
            ReflectiveAccessors.typed = typed;
            Everything expected = new Everything();
            expected.id = 4;

            assertEquals(expected, direct.decode(4, empty, 0, empty.length), "typed=" + typed);
        }
    }

    @Test
    void propertyOff_accessorClassPresent_reflectionIsUsed() {
        CollectionCodec<Everything> codec = codecs(false, Everything.class).codec(Everything.class);
        ReflectiveAccessors.calls = 0;

        byte[] bytes = codec.encode(CollectionCodecTest.full());
        codec.decode(99, bytes, 0, bytes.length);

        assertEquals(0, ReflectiveAccessors.calls);
    }

    @Test
    void assignId_direct_setsTheIdThroughTheAccessors() {
        CollectionCodec<Everything> direct = codecs(true, Everything.class).codec(Everything.class);
        Everything e = new Everything();
        ReflectiveAccessors.calls = 0;

        direct.assignId(e, 42);

        assertEquals(42, e.id);
        assertEquals(1, ReflectiveAccessors.calls);
        assertThrows(IllegalArgumentException.class, () -> direct.assignId(e, -1));
    }

    @Test
    void assignId_directRecord_doesNothing() {
        CollectionCodec<Rec> direct = codecs(true, Rec.class).codec(Rec.class);
        Rec r = new Rec(3, "n", 1, true, null, null, null, Color.RED, null, null);
        ReflectiveAccessors.calls = 0;

        direct.assignId(r, 42);

        assertEquals(3, r.id());
        assertEquals(0, ReflectiveAccessors.calls);
    }

    @Test
    void boxedIdRecord_direct_nullIdIsZeroAndDecodedIdIsSet() {
        CollectionCodec<BoxedIdRec> direct = codecs(true, BoxedIdRec.class).codec(BoxedIdRec.class);

        assertEquals(0, direct.id(new BoxedIdRec(null, "a")));
        byte[] bytes = direct.encode(new BoxedIdRec(null, "a"), 5);
        assertEquals(new BoxedIdRec(5L, "a"), direct.decode(5, bytes, 0, bytes.length));
    }

    @Test
    void accessorClassNotImplementingAccessors_isIgnored() {
        assertNull(withProperty(true, () -> Binder.accessorsOf(Indexed.class)));
        CollectionCodec<Indexed> codec = codecs(true, Indexed.class).codec(Indexed.class);
        Indexed i = new Indexed();
        i.name = "x";

        byte[] bytes = codec.encode(i, 1);

        assertEquals("x", codec.decode(1, bytes, 0, bytes.length).name);
    }

    @Test
    void noAccessorClass_reflectionIsUsed() {
        assertNull(withProperty(true, () -> Binder.accessorsOf(Color.class)));
        assertSame(null, withProperty(false, () -> Binder.accessorsOf(Everything.class)));
        assertTrue(withProperty(true, () -> Binder.accessorsOf(Everything.class)) instanceof ReflectiveAccessors);
    }

    @Test
    void accessorClassWithoutNoArgConstructor_invalidSchemaNamingIt() {
        RuntimeException e = Faults.requireAny(assertThrows(RuntimeException.class,
            () -> codecs(true, Measured.class)));

        assertEquals(Fault.INVALID_SCHEMA, Faults.faultOf(e));
        assertTrue(e.getMessage().startsWith("class " + Measured.class.getName() + "_Accessors cannot be created: "
            + NoSuchMethodException.class.getName()), e.getMessage());
    }

    @Test
    void decode_directRecordConstructorThrows_userCodeWithTheCause() {
        CollectionCodec<Refusing> direct = codecs(true, Refusing.class).codec(Refusing.class);
        byte[] value = direct.encode(new Refusing(0, 3, null), 7);
        IllegalArgumentException refusal = new IllegalArgumentException("no");
        Refusing.refuse = refusal;

        RuntimeException e = Faults.requireAny(assertThrows(RuntimeException.class,
            () -> direct.decode(7, value, 0, value.length)));

        assertEquals(Fault.USER_CODE, Faults.faultOf(e));
        assertSame(refusal, e.getCause());
    }

    @Test
    void decode_directEmbeddedConstructorThrowsAnError_userCodeWithTheCause() {
        CollectionCodec<Refusing> direct = codecs(true, Refusing.class).codec(Refusing.class);
        byte[] value = direct.encode(new Refusing(0, -1, new Part("wheel")), 8);
        AssertionError refusal = new AssertionError("no parts today");
        Part.refuse = refusal;

        RuntimeException e = Faults.requireAny(assertThrows(RuntimeException.class,
            () -> direct.decode(8, value, 0, value.length)));

        assertEquals(Fault.USER_CODE, Faults.faultOf(e));
        assertSame(refusal, e.getCause());
        assertTrue(e.getMessage().contains("the constructor of " + Part.class.getName() + " threw"), e.getMessage());
    }

    @Provide
    Arbitrary<Everything> everything() {
        Arbitrary<String> strings = Arbitraries.strings().ofMaxLength(8).injectNull(0.2);
        Arbitrary<Address> addresses = Combinators.combine(strings, Arbitraries.integers(),
                Arbitraries.of(Color.class).injectNull(0.3), strings.list().ofMaxSize(3).injectNull(0.3))
            .as(Address::new).injectNull(0.3);
        Arbitrary<Point> points = Combinators.combine(Arbitraries.doubles(), Arbitraries.doubles(),
            Arbitraries.integers().injectNull(0.5)).as(Point::new).injectNull(0.3);
        Arbitrary<Everything> primitives = Combinators.combine(Arbitraries.longs().greaterOrEqual(0),
                Arbitraries.of(true, false), Arbitraries.bytes(), Arbitraries.shorts(), Arbitraries.integers(),
                Arbitraries.longs(), Arbitraries.floats(), Arbitraries.doubles())
            .as((id, bool, b, s, i, l, f, d) -> {
                Everything e = new Everything();
                e.id = id;
                e.bool = bool;
                e.b = b;
                e.s = s;
                e.i = i;
                e.l = l;
                e.f = f;
                e.d = d;
                return e;
            });
        return Combinators.combine(primitives, strings, addresses, points, addresses.list().ofMaxSize(3).injectNull(0.3),
                Arbitraries.integers().injectNull(0.3).list().ofMaxSize(4).injectNull(0.3),
                Arbitraries.longs().injectNull(0.5), Arbitraries.of(Color.class).injectNull(0.3))
            .as((e, str, address, point, list, ints, lBox, color) -> {
                e.str = str;
                e.address = address;
                e.point = point;
                e.addresses = list;
                e.ints = ints;
                e.lBox = lBox;
                e.color = color;
                e.instant = lBox == null ? null : Instant.ofEpochMilli(lBox % 1_000_000_000_000L);
                e.bytes = str == null ? null : str.getBytes(java.nio.charset.StandardCharsets.UTF_8);
                e.points = point == null ? null : Arrays.asList(point, null);
                return e;
            });
    }

    @Provide
    Arbitrary<Rec> records() {
        Arbitrary<String> strings = Arbitraries.strings().ofMaxLength(8).injectNull(0.2);
        Arbitrary<Point> points = Combinators.combine(Arbitraries.doubles(), Arbitraries.doubles(),
            Arbitraries.integers().injectNull(0.5)).as(Point::new).injectNull(0.3);
        return Combinators.combine(Arbitraries.longs().greaterOrEqual(0), strings, Arbitraries.integers(),
                Arbitraries.of(true, false), strings.list().ofMaxSize(3).injectNull(0.3), points,
                points.list().ofMaxSize(3).injectNull(0.3), Arbitraries.of(Color.class).injectNull(0.3))
            .as((id, name, count, flag, tags, point, list, color) ->
                new Rec(id, name, count, flag, tags, point, list, color, null, null));
    }
}
