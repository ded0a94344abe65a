package dev.atoll.tests.json;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.AtollOptions;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Any objects, with values of every property kind (any float and double bit pattern, longs of the whole
 * range, any UTF-16 string, lone surrogates included, any Instant, byte arrays, embedded trees, Lists
 * with nulls), survive exportJson and importJson in each form: the String, the Writer and the byte
 * stream. Each form's import reads back the objects that were put, under their ids; the Writer writes
 * the String form's text. jqwik prints its seed; a failure shrinks to a small example.
 */
class JsonRoundTripPropertyTest {
    /** Commits reach the file without an fsync each: what is tested is the JSON, not durability. */
    private static final AtollOptions NO_FSYNC = AtollOptions.builder().durability(AtollOptions.Durability.WRITE)
            .build();
    private static ActorTestKit kit;
    private static Path dir;
    private static Atoll db;
    private static AtollCollection<JsonThing> things;
    private static Atoll copy;
    private static AtollCollection<JsonThing> copies;

    @BeforeContainer
    static void open() throws IOException {
        kit = ActorTestKit.create("JsonRoundTripPropertyTest");
        dir = Files.createTempDirectory("atoll-json-roundtrip");
        db = Atoll.open(kit.system(), List.of(JsonThing.class), dir.resolve("a"), "json-a", NO_FSYNC);
        things = db.collection(JsonThing.class);
        copy = Atoll.open(kit.system(), List.of(JsonThing.class), dir.resolve("b"), "json-b", NO_FSYNC);
        copies = copy.collection(JsonThing.class);
    }

    @AfterContainer
    static void close() throws IOException {
        db.close(true);
        copy.close(true);
        kit.shutdownTestKit();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    @Property(tries = 60)
    void exportImport_anyObjects_everyFormReadsBackWhatWasPut(@ForAll("things") List<JsonThing> written,
                                                              @ForAll("chunks") int objectsPerTransaction) {
        List<Long> ids = db.writeTxnSync(() -> {
            things.clear();
            return things.putAll(written);
        });
        String text = things.query().exportJson();
        StringWriter writer = new StringWriter();
        assertEquals(written.size(), things.query().exportJson(writer));
        assertEquals(text, writer.toString(), "the Writer form writes the String form's text");
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        assertEquals(written.size(), things.query().exportJson(bytes));

        assertReadBack(written, ids, () -> copy.writeTxnSync(() -> {
            copies.clear();
            return copies.importJson(text);
        }).size());
        assertReadBack(written, ids, () -> (int) copies.importJson(new StringReader(text), objectsPerTransaction));
        assertReadBack(written, ids, () -> (int) copies.importJson(new ByteArrayInputStream(bytes.toByteArray()),
                objectsPerTransaction));
    }

    private static void assertReadBack(List<JsonThing> written, List<Long> ids, Supplier<Integer> importer) {
        if (copies.count() > 0) {
            copy.writeTxnSync(() -> copies.clear());
        }
        assertEquals(written.size(), importer.get());
        List<JsonThing> back = new ArrayList<>();
        for (long id : ids) {
            back.add(copies.get(id));
        }
        assertEquals(written, back);
        assertEquals(written.size(), copies.count());
    }

    @Provide
    Arbitrary<Integer> chunks() {
        return Arbitraries.integers().between(2, 7);
    }

    private static Arbitrary<String> strings() {
        return Arbitraries.oneOf(Arbitraries.strings().all().ofMaxLength(8),
                Arbitraries.strings().withChars("\"\\/\b\f\n\r\t\u0000\u001f\u007f\u00e9\u2028\ud800\udc00")
                        .ofMaxLength(6)).injectNull(0.15);
    }

    private static Arbitrary<Float> floats() {
        return Arbitraries.oneOf(Arbitraries.integers().map(Float::intBitsToFloat),
                Arbitraries.of(Float.NaN, -0.0f, 0.0f, Float.POSITIVE_INFINITY, Float.NEGATIVE_INFINITY,
                        Float.MIN_VALUE, Float.MAX_VALUE, 0.1f));
    }

    private static Arbitrary<Double> doubles() {
        return Arbitraries.oneOf(Arbitraries.longs().map(Double::longBitsToDouble),
                Arbitraries.of(Double.NaN, -0.0, 0.0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                        Double.MIN_VALUE, Double.MAX_VALUE, 0.1));
    }

    private static Arbitrary<Long> longs() {
        return Arbitraries.oneOf(Arbitraries.longs(), Arbitraries.of(Long.MIN_VALUE, Long.MAX_VALUE,
                (1L << 53) + 1, -(1L << 53) - 1));
    }

    private static Arbitrary<Instant> instants() {
        return Combinators.combine(
                Arbitraries.longs().between(Instant.MIN.getEpochSecond(), Instant.MAX.getEpochSecond()),
                Arbitraries.integers().between(0, 999_999_999)).as(Instant::ofEpochSecond).injectNull(0.15);
    }

    private static Arbitrary<JsonPart> parts(int depth) {
        Arbitrary<List<JsonPart>> children = depth == 0 ? Arbitraries.just(null)
                : parts(depth - 1).list().ofMaxSize(2).injectNull(0.3);
        return Combinators.combine(strings(), floats().injectNull(0.2), children).as(JsonPart::new).injectNull(0.2);
    }

    @Provide
    Arbitrary<List<JsonThing>> things() {
        Arbitrary<Object[]> primitives = Combinators.combine(Arbitraries.of(true, false), Arbitraries.bytes(),
                Arbitraries.shorts(), Arbitraries.integers(), longs(), floats(), doubles())
                .as((flag, b, s, i, l, f, d) -> new Object[] {flag, b, s, i, l, f, d});
        Arbitrary<Object[]> boxes = Combinators.combine(Arbitraries.of(true, false).injectNull(0.2),
                Arbitraries.bytes().injectNull(0.2), Arbitraries.shorts().injectNull(0.2),
                Arbitraries.integers().injectNull(0.2), longs().injectNull(0.2), floats().injectNull(0.2),
                doubles().injectNull(0.2))
                .as((flag, b, s, i, l, f, d) -> new Object[] {flag, b, s, i, l, f, d});
        Arbitrary<Object[]> objects = Combinators.combine(strings(), Arbitraries.of(JsonThing.Mood.class).injectNull(0.2),
                Arbitraries.bytes().array(byte[].class).ofMaxSize(9).injectNull(0.2), instants(), parts(2))
                .as((text, mood, blob, when, part) -> new Object[] {text, mood, blob, when, part});
        Arbitrary<Object[]> lists = Combinators.combine(strings().list().ofMaxSize(4).injectNull(0.2),
                longs().injectNull(0.1).list().ofMaxSize(4).injectNull(0.2),
                doubles().injectNull(0.1).list().ofMaxSize(4).injectNull(0.2),
                Arbitraries.of(JsonThing.Mood.class).list().ofMaxSize(3).injectNull(0.2),
                instants().list().ofMaxSize(3).injectNull(0.2), parts(1).list().ofMaxSize(3).injectNull(0.2))
                .as((texts, ls, ds, moods, instants, parts) -> new Object[] {texts, ls, ds, moods, instants, parts});
        return Combinators.combine(primitives, boxes, objects, lists).as(JsonRoundTripPropertyTest::thing)
                .list().ofMaxSize(6);
    }

    @SuppressWarnings("unchecked")
    private static JsonThing thing(Object[] p, Object[] x, Object[] o, Object[] l) {
        JsonThing t = new JsonThing();
        t.flag = (Boolean) p[0];
        t.b = (Byte) p[1];
        t.s = (Short) p[2];
        t.i = (Integer) p[3];
        t.l = (Long) p[4];
        t.f = (Float) p[5];
        t.d = (Double) p[6];
        t.boxedFlag = (Boolean) x[0];
        t.boxedByte = (Byte) x[1];
        t.boxedShort = (Short) x[2];
        t.boxedInt = (Integer) x[3];
        t.boxedLong = (Long) x[4];
        t.boxedFloat = (Float) x[5];
        t.boxedDouble = (Double) x[6];
        t.text = (String) o[0];
        t.mood = (JsonThing.Mood) o[1];
        t.blob = (byte[]) o[2];
        t.when = (Instant) o[3];
        t.part = (JsonPart) o[4];
        t.texts = (List<String>) l[0];
        t.longs = (List<Long>) l[1];
        t.doubles = (List<Double>) l[2];
        t.moods = (List<JsonThing.Mood>) l[3];
        t.instants = (List<Instant>) l[4];
        t.parts = (List<JsonPart>) l[5];
        return t;
    }
}
