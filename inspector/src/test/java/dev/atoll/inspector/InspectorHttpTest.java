package dev.atoll.inspector;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.InstanceLockedException;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.Attributes;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.SinkQueueWithCancel;
import org.apache.pekko.util.ByteString;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inspector's HTTP endpoints without a browser: the token, escaping, read-only, the event stream. */
class InspectorHttpTest {
    private ActorTestKit kit;
    private Atoll db;
    private AtollCollection<Item> items;
    private AtollInspector inspector;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() throws IOException {
        kit = ActorTestKit.create("InspectorHttpTest");
        Path dir = Files.createTempDirectory("atoll-inspector-http");
        db = Atoll.open(kit.system(), List.of(Item.class), dir, "shop");
        items = db.collection(Item.class);
        db.writeTxnSync(() -> {
            items.put(new Item("apple", 3, Item.Status.NEW, List.of("fruit"), new Item.Owner("ann", 30), "red"));
            items.put(new Item("<script>alert(1)</script>", 1, Item.Status.OPEN, List.of(), null, "\"quoted\" & <b>"));
        });
    }

    @AfterEach
    void stop() {
        if (inspector != null) {
            inspector.close();
        }
        db.close();
        kit.shutdownTestKit();
    }

    private AtollInspector inspector(InspectorOptions options) {
        inspector = AtollInspector.start(kit.system(), options);
        return inspector;
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + inspector.port() + pathAndQuery)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> post(String pathAndQuery, String body) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + inspector.port() + pathAndQuery))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private String t() {
        return "token=" + inspector.token();
    }

    @Test
    void start_defaults_loopbackFreePortAndARandomTokenInTheUrl() {
        AtollInspector one = inspector(InspectorOptions.defaults());
        assertTrue(one.url().startsWith("http://127.0.0.1:" + one.port() + "/?token="), one.url());
        assertTrue(one.port() > 0);
        assertTrue(one.token().matches("[A-Za-z0-9_-]{43}"), one.token());
        AtollInspector two = AtollInspector.start(kit.system(), InspectorOptions.defaults());
        try {
            assertFalse(one.token().equals(two.token()), "each start draws a new token");
        } finally {
            two.close();
        }
    }

    @Test
    void start_portTaken_throwsNamingTheAddress() {
        inspector(InspectorOptions.defaults());
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> AtollInspector.start(kit.system(), InspectorOptions.defaults().withPort(inspector.port())));
        assertTrue(e.getMessage().contains("127.0.0.1:" + inspector.port()), e.getMessage());
    }

    @Test
    void request_withoutToken_refused401OnEveryPath() throws Exception {
        inspector(InspectorOptions.defaults());
        for (String path : List.of("/", "/static/app.js", "/api/instances", "/api/events",
                "/api/objects?instance=shop&collection=Item", "/api/export?instance=shop&collection=Item")) {
            HttpResponse<String> r = get(path);
            assertEquals(401, r.statusCode(), path);
            assertFalse(r.body().contains("apple"), path);
        }
        assertEquals(401, post("/api/delete?instance=shop&collection=Item&id=1", "").statusCode());
    }

    @Test
    void request_wrongToken_refused403() throws Exception {
        inspector(InspectorOptions.defaults());
        String wrong = inspector.token().substring(1) + "x";
        for (String path : List.of("/?token=" + wrong, "/api/instances?token=" + wrong, "/api/instances?token=",
                "/api/objects?instance=shop&collection=Item&token=" + wrong.toUpperCase())) {
            HttpResponse<String> r = get(path);
            assertEquals(403, r.statusCode(), path);
            assertFalse(r.body().contains("apple"), path);
        }
    }

    @Test
    void request_withToken_pageAndData() throws Exception {
        inspector(InspectorOptions.defaults());
        HttpResponse<String> page = get("/?" + t());
        assertEquals(200, page.statusCode());
        assertTrue(page.body().contains("/static/app.js?token=" + inspector.token()));
        assertTrue(page.headers().firstValue("Content-Security-Policy").orElseThrow().contains("script-src 'self'"));
        HttpResponse<String> instances = get("/api/instances?" + t());
        assertEquals(200, instances.statusCode());
        assertTrue(instances.body().contains("{\"name\":\"Item\",\"count\":2}"), instances.body());
        assertTrue(instances.body().contains("\"editing\":false"), instances.body());
    }

    @Test
    void tokenInAHeader_accepted() throws Exception {
        inspector(InspectorOptions.defaults());
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + inspector.port()
                + "/api/instances")).header("X-Atoll-Token", inspector.token()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode());
    }

    @Test
    void objects_storedHtml_escapedJsonServedAsJsonNotSniffed() throws Exception {
        inspector(InspectorOptions.defaults());
        HttpResponse<String> r = get("/api/objects?instance=shop&collection=Item&" + t());
        assertEquals(200, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        assertEquals("nosniff", r.headers().firstValue("X-Content-Type-Options").orElseThrow());
        assertTrue(r.body().contains("\"name\":\"<script>alert(1)</script>\""), r.body());
        assertTrue(r.body().contains("\"note\":\"\\\"quoted\\\" & <b>\""), r.body());
        // the page is static: no stored value ever reaches its HTML
        assertFalse(get("/?" + t()).body().contains("alert(1)"));
    }

    @Test
    void error_messageWithHtml_isJsonText() throws Exception {
        inspector(InspectorOptions.defaults());
        HttpResponse<String> r = get("/api/objects?instance=shop&collection=Item&fp=priority&fo=eq&fv=%3Cimg%3E&" + t());
        assertEquals(400, r.statusCode());
        assertEquals("application/json", r.headers().firstValue("Content-Type").orElseThrow());
        assertTrue(r.body().startsWith("{\"error\":\"property 'priority' is INT: '<img>' does not read as one"), r.body());
    }

    @Test
    void put_readOnly_refused403AndNothingWritten() throws Exception {
        inspector(InspectorOptions.defaults());
        long version = db.version();
        HttpResponse<String> r = post("/api/put?instance=shop&collection=Item&" + t(),
                "{\"id\":1,\"name\":\"changed\",\"priority\":9,\"status\":\"DONE\",\"tags\":[],\"owner\":null,\"note\":null}");
        assertEquals(403, r.statusCode());
        assertTrue(r.body().contains("read-only"), r.body());
        assertEquals(403, post("/api/delete?instance=shop&collection=Item&id=1&" + t(), "").statusCode());
        assertEquals(404, get("/api/put?instance=shop&collection=Item&" + t()).statusCode(), "no GET writes");
        assertEquals(version, db.version(), "no commit");
        assertEquals("apple", items.get(1).name);
    }

    @Test
    void put_editingOn_oneWriteTransaction() throws Exception {
        inspector(InspectorOptions.defaults().withEditing(true));
        long version = db.version();
        HttpResponse<String> r = post("/api/put?instance=shop&collection=Item&" + t(),
                "{\"id\":1,\"name\":\"changed\",\"priority\":9,\"status\":\"DONE\",\"tags\":[\"a\"],\"owner\":null,\"note\":null}");
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("{\"id\":1}", r.body());
        assertEquals(version + 1, db.version());
        assertEquals("changed", items.get(1).name);
        assertEquals(200, post("/api/delete?instance=shop&collection=Item&id=1&" + t(), "").statusCode());
        assertEquals(version + 2, db.version());
        assertNull(items.get(1));
    }

    @Test
    void put_twoObjects_refusedAndNothingWritten() throws Exception {
        inspector(InspectorOptions.defaults().withEditing(true));
        long version = db.version();
        HttpResponse<String> r = post("/api/put?instance=shop&collection=Item&" + t(),
                "{\"id\":1,\"name\":\"x\",\"priority\":1,\"status\":null,\"tags\":null,\"owner\":null,\"note\":null},"
                        + "{\"id\":2,\"name\":\"y\",\"priority\":1,\"status\":null,\"tags\":null,\"owner\":null,\"note\":null}");
        assertEquals(400, r.statusCode(), r.body());
        assertEquals(version, db.version());
        assertEquals("apple", items.get(1).name);
    }

    @Test
    void events_lastEventId_resumesAfterThatVersion() throws Exception {
        inspector(InspectorOptions.defaults());
        long v0 = db.version();
        db.writeTxnSync(() -> items.put(new Item("pear", 2, null, null, null, null)));
        db.writeTxnSync(() -> items.put(new Item("plum", 2, null, null, null, null)));
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + inspector.port() + "/api/events?"
                + t())).header("Last-Event-ID", "shop=" + v0).build();
        HttpResponse<InputStream> r = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        assertEquals("text/event-stream", r.headers().firstValue("Content-Type").orElseThrow());
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            List<String> first = readEvent(in);
            assertEquals(List.of("event: ready", "id: shop=" + v0, "data: {\"shop\":" + v0 + "}"), first);
            List<String> one = readEvent(in);
            assertEquals("event: commit", one.get(0));
            assertEquals("id: shop=" + (v0 + 1), one.get(1));
            assertEquals("data: {\"instance\":\"shop\",\"version\":" + (v0 + 1) + ",\"changes\":{\"Item\":{\"inserted\":[3],"
                    + "\"updated\":[],\"deleted\":[],\"cleared\":false}}}", one.get(2));
            assertEquals("id: shop=" + (v0 + 2), readEvent(in).get(1));
            db.writeTxnSync(() -> items.delete(3));
            List<String> live = readEvent(in);
            assertEquals("id: shop=" + (v0 + 3), live.get(1));
            assertTrue(live.get(2).contains("\"deleted\":[3]"), live.get(2));
        }
    }

    @Test
    void events_versionTheInstanceNeverHad_reset() throws Exception {
        inspector(InspectorOptions.defaults());
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + inspector.port() + "/api/events?"
                + t())).header("Last-Event-ID", "shop=" + (db.version() + 100)).build();
        HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
        assertEquals("event: reset\nid: \ndata: {}\n\n", r.body());
    }

    @Test
    void events_clientThatDoesNotRead_getsAResetNotAGrowingQueue() throws Exception {
        int buffer = 4;
        SinkQueueWithCancel<ByteString> queue = Events.stream(kit.system(), null, buffer)
                .runWith(Sink.<ByteString>queue().withAttributes(Attributes.inputBuffer(1, 1)), kit.system());
        assertTrue(next(queue).orElseThrow().utf8String().startsWith("event: ready"));
        for (int i = 0; i < 40; i++) {
            int n = i;
            db.writeTxnSync(() -> items.put(new Item("bulk " + n, n, null, null, null, null)));
        }
        List<String> events = new ArrayList<>();
        Optional<ByteString> e;
        while ((e = next(queue)).isPresent()) {
            events.add(e.get().utf8String());
        }
        assertEquals(Events.reset().utf8String(), events.get(events.size() - 1), "ends with a reset: " + events);
        // what the buffer held, plus the one element each stage after it may hold (recover, takeWhile, keepAlive, the sink)
        assertTrue(events.size() - 1 <= buffer + 4, (events.size() - 1) + " events before it: " + events);
    }

    private static Optional<ByteString> next(SinkQueueWithCancel<ByteString> queue) throws Exception {
        return queue.pull().toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    private static List<String> readEvent(BufferedReader in) throws IOException {
        List<String> lines = new ArrayList<>();
        String line;
        while ((line = in.readLine()) != null) {
            if (line.isEmpty()) {
                if (!lines.isEmpty()) {
                    return lines;
                }
            } else if (!line.startsWith(":")) {
                lines.add(line);
            }
        }
        return lines;
    }

    @Test
    void atRest_instanceHeldByARunningApplication_refusedWithAClearMessage() {
        InstanceLockedException e = assertThrows(InstanceLockedException.class,
                () -> AtRest.open(db.directory(), List.of("shop"), List.of(Item.class), InspectorOptions.defaults()));
        assertTrue(e.getMessage().contains("instance 'shop'") && e.getMessage().contains("held by a running application"),
                e.getMessage());
        db.writeTxnSync(() -> items.put(new Item("still mine", 1, null, null, null, null)));
        assertEquals(3, items.count(), "the application keeps its instance");
    }

    @Test
    void atRest_editingAsked_stillReadOnly() throws Exception {
        Path dir = Files.createTempDirectory("atoll-inspector-rest-http");
        Atoll closed = Atoll.open(kit.system(), List.of(Item.class), dir, "closed");
        closed.close();
        try (AtRest atRest = AtRest.open(dir, List.of(), List.of(Item.class),
                InspectorOptions.defaults().withEditing(true))) {
            inspector = atRest.inspector();
            HttpResponse<String> r = post("/api/put?instance=closed&collection=Item&" + t(),
                    "{\"id\":0,\"name\":\"x\",\"priority\":1,\"status\":null,\"tags\":null,\"owner\":null,\"note\":null}");
            assertEquals(403, r.statusCode());
            assertTrue(get("/api/instances?" + t()).body().contains("\"editing\":false,\"atRest\":true"));
            inspector = null;
        }
    }

    @Test
    void atRest_noClasses_refusedSayingWhatItNeeds() throws Exception {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> AtRest.open(db.directory(), List.of("shop"), List.of(), InspectorOptions.defaults()));
        assertTrue(e.getMessage().contains("-Dclasses="), e.getMessage());
    }
}
