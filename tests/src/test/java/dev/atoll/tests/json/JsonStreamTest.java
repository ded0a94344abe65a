package dev.atoll.tests.json;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.Sort;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The streaming forms of exportJson and importJson, and the errors of the JSON reader. */
class JsonStreamTest {
    private static ActorTestKit kit;

    @TempDir
    Path dir;
    private Atoll db;
    private AtollCollection<JsonThing> things;
    private Atoll other;
    private AtollCollection<JsonThing> copies;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("JsonStreamTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @BeforeEach
    void open() {
        db = Atoll.open(kit.system(), List.of(JsonThing.class), dir.resolve("a"), "streams");
        things = db.collection(JsonThing.class);
        other = Atoll.open(kit.system(), List.of(JsonThing.class), dir.resolve("b"), "copies");
        copies = other.collection(JsonThing.class);
    }

    @AfterEach
    void close() {
        db.close();
        other.close();
    }

    private static JsonThing named(String text, int i) {
        JsonThing t = new JsonThing();
        t.text = text;
        t.i = i;
        return t;
    }

    private List<Long> putEveryKindAndEmpty() {
        return db.writeTxnSync(() -> things.putAll(List.of(JsonFormatTest.everyKind(), new JsonThing())));
    }

    private static byte[] bytes(AtollCollection<JsonThing> c) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        c.query().exportJson(out);
        return out.toByteArray();
    }

    @Test
    void exportJsonWriter_everyKind_theTextOfTheStringFormAndTheCount() {
        putEveryKindAndEmpty();
        StringWriter out = new StringWriter();
        assertEquals(2, things.query().exportJson(out));
        assertEquals(JsonFormatTest.EXPECTED, out.toString());
    }

    @Test
    void exportJsonOutputStream_everyKind_utf8WithSurrogatesEscaped() {
        putEveryKindAndEmpty();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(2, things.query().exportJson(out));
        assertEquals(JsonFormatTest.EXPECTED.replace("\ud83d\ude00", "\\ud83d\\ude00"),
                new String(out.toByteArray(), StandardCharsets.UTF_8));
    }

    @Test
    void exportJsonOutputStream_empty_emptyArray() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertEquals(0, things.query().exportJson(out));
        assertEquals("[]", out.toString(StandardCharsets.UTF_8));
        assertEquals("[]", things.query().exportJson());
    }

    @Test
    void importJsonInputStream_exportOfEveryKind_readsBackEqualUnderTheSameIds() {
        List<Long> ids = putEveryKindAndEmpty();
        assertEquals(2, copies.importJson(new ByteArrayInputStream(bytes(things))));
        for (long id : ids) {
            assertEquals(things.get(id), copies.get(id));
        }
        assertEquals(things.query().exportJson(), copies.query().exportJson());
    }

    @Test
    void importJsonInputStream_loneSurrogates_keptThroughUtf8() {
        long id = db.writeTxnSync(() -> things.put(named("a\ud800b\udfff", 1)));
        byte[] json = bytes(things);
        assertTrue(new String(json, StandardCharsets.UTF_8).contains("a\\ud800b\\udfff"));
        copies.importJson(new ByteArrayInputStream(json));
        assertEquals("a\ud800b\udfff", copies.get(id).text);
    }

    @Test
    void importJsonReader_exportedText_readsBackAndReturnsTheCount() {
        putEveryKindAndEmpty();
        assertEquals(2, copies.importJson(new StringReader(things.query().exportJson()), 1));
        assertEquals(things.query().exportJson(), copies.query().exportJson());
    }

    @Test
    void exportJsonStreams_sortedFilteredQuery_sameTextAsStringForm() {
        db.writeTxnSync(() -> {
            for (int i = 0; i < 30; i++) {
                things.put(named("n" + (i * 7 % 30), i));
            }
        });
        var q = things.query().sortBy("i", Sort.DESC).offset(3).limit(10);
        StringWriter w = new StringWriter();
        assertEquals(10, q.exportJson(w));
        assertEquals(q.exportJson(), w.toString());
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        assertEquals(10, q.exportJson(b));
        assertEquals(q.exportJson(), b.toString(StandardCharsets.UTF_8));
        assertTrue(w.toString().startsWith("[{\"id\":27,"), w.toString());
    }

    @Test
    void exportJsonOutputStream_insideWriteTransaction_seesItsOwnWrites() {
        db.writeTxnSync(() -> things.put(named("old", 1)));
        String json = db.writeTxnSync(() -> {
            things.put(named("new", 2));
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(2, things.query().exportJson(out));
            return out.toString(StandardCharsets.UTF_8);
        });
        assertEquals(things.query().exportJson(), json);
    }

    /** A writer that takes the first write and fails every later one. */
    private static final class FailingWriter extends Writer {
        final StringBuilder written = new StringBuilder();
        int writes;

        @Override
        public void write(char[] buf, int off, int len) throws IOException {
            if (writes++ > 0) {
                throw new IOException("disk full");
            }
            written.append(buf, off, len);
        }

        @Override
        public void flush() {
        }

        @Override
        public void close() {
        }
    }

    @Test
    void exportJsonWriter_writerFails_namesTheCollectionAndLeavesTheArrayOpen() {
        db.writeTxnSync(() -> {
            for (int i = 0; i < 2000; i++) {
                things.put(named("x".repeat(50), i));
            }
        });
        FailingWriter out = new FailingWriter();
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> things.query().exportJson(out));
        assertTrue(e.getMessage().startsWith("exportJson of collection 'JsonThing' after "), e.getMessage());
        assertTrue(e.getMessage().endsWith(" objects: disk full"), e.getMessage());
        assertTrue(out.written.length() > 0);
        assertTrue(out.written.charAt(0) == '[');
        assertFalse(out.written.toString().endsWith("]"), "a failed export must not look whole");
    }

    @Test
    void exportJson_nullStreams_refusedNamingTheCollection() {
        NullPointerException a = assertThrows(NullPointerException.class,
                () -> things.query().exportJson((OutputStream) null));
        assertEquals("exportJson of a query on 'JsonThing' to a null OutputStream", a.getMessage());
        NullPointerException b = assertThrows(NullPointerException.class,
                () -> things.query().exportJson((Writer) null));
        assertEquals("exportJson of a query on 'JsonThing' to a null Writer", b.getMessage());
    }

    @Test
    void importJson_nullStreams_refusedNamingTheCollection() {
        NullPointerException a = assertThrows(NullPointerException.class, () -> things.importJson((InputStream) null));
        assertEquals("importJson into 'JsonThing' from a null InputStream", a.getMessage());
        NullPointerException b = assertThrows(NullPointerException.class, () -> things.importJson((Reader) null));
        assertEquals("importJson into 'JsonThing' from a null Reader", b.getMessage());
    }

    @Test
    void importJsonStream_objectsPerTransactionBelowOne_refused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> things.importJson(new StringReader("[]"), 0));
        assertEquals("importJson into 'JsonThing': objectsPerTransaction is 0; it must be 1 or more", e.getMessage());
        assertThrows(IllegalArgumentException.class,
                () -> things.importJson(new ByteArrayInputStream("[]".getBytes(StandardCharsets.UTF_8)), -1));
        assertEquals(0, things.importJson(new StringReader("[]"), 1));
    }

    @Test
    void importJsonStream_insideTransaction_refused() {
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> db.writeTxnSync(() -> things.importJson(new StringReader("[{}]"))));
        assertEquals("importJson into 'JsonThing' from a stream inside a transaction: it commits transactions of"
                + " its own, so call it outside writeTxnSync, writeTxn and txnSync", e.getMessage());
        assertThrows(IllegalStateException.class, () -> db.txnSync(() -> things.importJson(new StringReader("[]"))));
        assertEquals(0, things.count());
    }

    private static String objects(int n, int bad, String badMember) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            parts.add(i == bad ? "{" + badMember + "}" : "{\"i\":" + i + "}");
        }
        return "[" + String.join(",\n", parts) + "]";
    }

    @Test
    void importJsonStream_badObjectInThirdChunk_earlierChunksCommittedItsChunkNot() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> things.importJson(new StringReader(objects(7, 5, "\"i\":\"x\"")), 2));
        assertEquals("importJson into 'JsonThing', object 5, property 'i': the string \"x\" does not fit a INT"
                + " (not a number) (the 4 objects before its transaction are committed)", e.getMessage());
        assertEquals(4, things.count());
        assertEquals(List.of(0, 1, 2, 3), things.query().findAll().stream().map(t -> t.i).toList());
    }

    @Test
    void importJsonStream_badObjectInFirstChunk_nothingCommitted() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> things.importJson(new StringReader(objects(3, 1, "\"i\":1,\"i\":2")), 2));
        assertTrue(e.getMessage().startsWith("importJson into 'JsonThing': malformed JSON at line 2, column "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith(": member 'i' appears twice (nothing was committed)"), e.getMessage());
        assertEquals(0, things.count());
    }

    @Test
    void importJsonStream_brokenSyntaxAfterAFullChunk_thatChunkCommitted() {
        String json = objects(4, -1, "") .replace("]", ",{\"i\":}]");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> things.importJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)), 2));
        assertTrue(e.getMessage().startsWith("importJson into 'JsonThing': malformed JSON at line 4, column 14: "),
                e.getMessage());
        assertTrue(e.getMessage().endsWith("(the 4 objects before its transaction are committed)"), e.getMessage());
        assertEquals(4, things.count());
    }

    @Test
    void importJsonString_malformed_namesWhatAndWhere() {
        assertEquals("importJson: the JSON must be an array of objects",
                assertThrows(IllegalArgumentException.class,
                        () -> db.writeTxnSync(() -> things.importJson("{\"i\":1}"))).getMessage());
        assertEquals("importJson: the JSON must be an array of objects",
                assertThrows(IllegalArgumentException.class, () -> db.writeTxnSync(() -> things.importJson("")))
                        .getMessage());
        assertEquals("importJson into 'JsonThing': malformed JSON at line 1, column 9: unexpected text after the"
                + " JSON value", assertThrows(IllegalArgumentException.class,
                        () -> db.writeTxnSync(() -> things.importJson("[{}]    7"))).getMessage());
        String eof = assertThrows(IllegalArgumentException.class,
                () -> db.writeTxnSync(() -> things.importJson("[{\"i\":1"))).getMessage();
        assertTrue(eof.startsWith("importJson into 'JsonThing': malformed JSON at line 1, column 8: "), eof);
        assertEquals("importJson into 'JsonThing', object 1: expected a JSON object, found an array",
                assertThrows(IllegalArgumentException.class,
                        () -> db.writeTxnSync(() -> things.importJson("[{},[]]"))).getMessage());
        assertEquals(0, things.count());
    }

    @Test
    void importJsonString_numbersOfEveryForm_readAsBefore() {
        List<Long> ids = db.writeTxnSync(() -> things.importJson(
                "[{\"l\":-9223372036854775808,\"d\":-0E0,\"boxedDouble\":1e-400,\"f\":3.4028236e38,"
                        + "\"b\":-1.0e0,\"flag\":true,\"boxedFlag\":false,\"text\":\"\\u00e9\\/\"}]"));
        JsonThing t = things.get(ids.get(0));
        assertEquals(Long.MIN_VALUE, t.l);
        assertEquals(Double.doubleToRawLongBits(-0.0), Double.doubleToRawLongBits(t.d));
        assertEquals(0.0, t.boxedDouble);
        assertEquals(Float.POSITIVE_INFINITY, t.f, "a float beyond the largest float rounds to infinity");
        assertEquals(-1, t.b);
        assertTrue(t.flag);
        assertEquals(false, t.boxedFlag);
        assertEquals("\u00e9/", t.text);
    }
    /**
     * The hand-written reader took text that is not JSON: numbers as BigDecimal spells them ("01", "+1",
     * ".5", "1."), raw control characters in strings, and a member given twice when its first value was
     * null (the second silently won). Each is refused now, naming the line and column.
     */
    @Test
    void importJsonString_notJson_refusedWhereTheOldReaderTookIt() {
        for (String bad : List.of("[{\"i\":01}]", "[{\"i\":+1}]", "[{\"d\":.5}]", "[{\"d\":1.}]",
                "[{\"text\":\"a\nb\"}]", "[{\"boxedInt\":null,\"boxedInt\":2}]")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> db.writeTxnSync(() -> things.importJson(bad)), bad);
            assertTrue(e.getMessage().startsWith("importJson into 'JsonThing': malformed JSON at line "),
                    bad + ": " + e.getMessage());
        }
        assertEquals(0, things.count());
    }
    @Test
    void importJsonStream_streamFails_uncheckedNamingTheCollection() {
        InputStream broken = new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("broken pipe");
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                throw new IOException("broken pipe");
            }
        };
        UncheckedIOException e = assertThrows(UncheckedIOException.class, () -> things.importJson(broken));
        assertEquals("importJson into 'JsonThing': broken pipe", e.getMessage());
        assertEquals(0, things.count());
    }
}
