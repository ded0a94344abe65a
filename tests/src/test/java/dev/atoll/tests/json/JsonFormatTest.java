package dev.atoll.tests.json;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The JSON format, character for character, as the hand-written writer before Jackson wrote it (the
 * expected text was taken from that writer): the order of members, number forms, escapes, -0.0, NaN and
 * infinities, longs beyond 2^53, Base64, ISO-8601 instants, embedded objects, Lists and nulls.
 */
class JsonFormatTest {
    private static ActorTestKit kit;

    @TempDir
    Path dir;
    private Atoll db;
    private AtollCollection<JsonThing> things;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("JsonFormatTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @BeforeEach
    void open() {
        db = Atoll.open(kit.system(), List.of(JsonThing.class), dir, "format");
        things = db.collection(JsonThing.class);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** An object with a value of every kind, most of them an edge of their kind. */
    static JsonThing everyKind() {
        JsonThing t = new JsonThing();
        t.flag = true;
        t.b = -3;
        t.s = 300;
        t.i = -70000;
        t.l = (1L << 53) + 1;
        t.f = -0.0f;
        t.d = 1.0E-7;
        t.boxedByte = 127;
        t.boxedLong = Long.MIN_VALUE;
        t.boxedFloat = Float.NaN;
        t.boxedDouble = Double.NEGATIVE_INFINITY;
        t.text = "q\"\\\n\r\t\b\f\u0001\u001f/\u007f\u00e9\u2028\ud83d\ude00";
        t.mood = JsonThing.Mood.LOUD;
        t.blob = new byte[] {0, -1, 2, 3};
        t.when = Instant.ofEpochSecond(1_700_000_000L, 5);
        t.part = new JsonPart("root", 0.1f, List.of(new JsonPart("leaf", null, null), new JsonPart(null, 3e10f, List.of())));
        t.texts = Arrays.asList("a", "", null);
        t.doubles = Arrays.asList(Double.NaN, Double.POSITIVE_INFINITY, -0.0, 0.1, 1e300, Double.MIN_VALUE, null);
        t.moods = List.of(JsonThing.Mood.CALM);
        t.instants = List.of(Instant.EPOCH, Instant.parse("-1000-01-01T00:00:00Z"));
        return t;
    }

    @Test
    void exportJson_everyKindOfValue_writesTheDocumentedFormat() {
        db.writeTxnSync(() -> things.putAll(List.of(everyKind(), new JsonThing())));
        assertEquals(EXPECTED, things.query().exportJson());
    }

    static final String EXPECTED = "[{\"id\":1,\"b\":-3,\"blob\":\"AP8CAw==\",\"boxedByte\":127,\"boxedDouble\":\"-Infinity\",\"boxedFlag\":null,\"boxedFloat\":\"NaN\",\"boxedInt\":null,\"boxedLong\":-9223372036854775808,\"boxedShort\":null,\"d\":1.0E-7,\"doubles\":[\"NaN\",\"Infinity\",-0.0,0.1,1.0E300,4.9E-324,null],\"f\":-0.0,\"flag\":true,\"i\":-70000,\"instants\":[\"1970-01-01T00:00:00Z\",\"-1000-01-01T00:00:00Z\"],\"l\":9007199254740993,\"longs\":null,\"mood\":\"LOUD\",\"moods\":[\"CALM\"],\"part\":{\"name\":\"root\",\"parts\":[{\"name\":\"leaf\",\"parts\":null,\"weight\":null},{\"name\":null,\"parts\":[],\"weight\":3.0000001E10}],\"weight\":0.1},\"parts\":null,\"s\":300,\"text\":\"q\\\"\\\\\\n\\r\\t\\u0008\\u000c\\u0001\\u001f/\u007f\u00e9\u2028\ud83d\ude00\",\"texts\":[\"a\",\"\",null],\"when\":\"2023-11-14T22:13:20.000000005Z\"},\n"
            + "{\"id\":2,\"b\":0,\"blob\":null,\"boxedByte\":null,\"boxedDouble\":null,\"boxedFlag\":null,\"boxedFloat\":null,\"boxedInt\":null,\"boxedLong\":null,\"boxedShort\":null,\"d\":0.0,\"doubles\":null,\"f\":0.0,\"flag\":false,\"i\":0,\"instants\":null,\"l\":0,\"longs\":null,\"mood\":null,\"moods\":null,\"part\":null,\"parts\":null,\"s\":0,\"text\":null,\"texts\":null,\"when\":null}]";
}
