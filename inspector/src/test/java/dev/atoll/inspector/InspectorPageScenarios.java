package dev.atoll.inspector;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.Filter;
import dev.atoll.Sort;
import dev.atoll.Where;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The inspector page's scenarios, written once against a {@link BrowserPage} and run in every browser the page
 * promises to work in: {@link InspectorBrowserTest} (Chromium through Selenium) and {@link InspectorFirefoxTest}
 * (Firefox through WebDriver BiDi). Each test gets two fresh open instances ({@code shop} with four items, one
 * of them holding HTML, {@code archive} with one) and an inspector over them.
 */
abstract class InspectorPageScenarios {
    ActorTestKit kit;
    Atoll db;
    Atoll other;
    AtollCollection<Item> items;
    AtollInspector inspector;

    /** The browser tab the scenarios act on (shared by the subclass's tests). */
    abstract BrowserPage page();

    @BeforeEach
    void start() throws IOException {
        kit = ActorTestKit.create(getClass().getSimpleName());
        Path dir = Files.createTempDirectory("atoll-inspector-browser");
        db = Atoll.open(kit.system(), List.of(Item.class), dir, "shop");
        other = Atoll.open(kit.system(), List.of(Item.class), dir, "archive");
        items = db.collection(Item.class);
        db.writeTxnSync(() -> {
            items.put(new Item("apple", 3, Item.Status.NEW, List.of("fruit", "red"), new Item.Owner("ann", 30),
                    "a note long enough to be cut in the table: " + "lorem ipsum ".repeat(12)));
            items.put(new Item("banana", 1, Item.Status.OPEN, List.of("fruit"), new Item.Owner("bob", 41), null));
            items.put(new Item("carrot", 2, Item.Status.DONE, List.of(), null, "orange"));
            items.put(new Item("<script>window.pwned=1</script><b>bold</b>", 5, Item.Status.NEW, List.of("<i>x</i>"),
                    new Item.Owner("<img src=x onerror=window.pwned=2>", 1), "<a href=x>link</a>"));
        });
        AtollCollection<Item> archived = other.collection(Item.class);
        other.writeTxnSync(() -> archived.put(new Item("old", 0, null, null, null, null)));
        inspector = AtollInspector.start(kit.system(), InspectorOptions.defaults());
    }

    @AfterEach
    void stop() {
        inspector.close();
        db.close();
        other.close();
        kit.shutdownTestKit();
    }

    /** Opens the inspector's URL and waits until its event stream is live. */
    void openPage() {
        page().open(inspector.url());
        page().waitUntil(Duration.ofSeconds(10), "the page's event stream is live", p -> "live".equals(p.text("#live")));
    }

    static String collectionLink(String instance, String name) {
        return ".collection-link[data-instance='" + instance + "'][data-collection='" + name + "']";
    }

    /** Clicks a collection in the side bar and waits for its table. */
    void openCollection(String instance, String name) {
        page().click(collectionLink(instance, name));
        page().waitUntil(Duration.ofSeconds(10), "the table of " + instance + "." + name + " shows",
                p -> p.count("#table tbody tr.row") > 0);
    }

    /** The ids of the table's rows, top to bottom. */
    List<String> ids() {
        return page().attributes("#table tbody tr.row", "data-id");
    }

    void waitForText(Duration timeout, String css, String expected) {
        page().waitUntil(timeout, css + " reads '" + expected + "'", p -> expected.equals(p.text(css)));
    }

    void waitForTextContaining(Duration timeout, String css, String part) {
        page().waitUntil(timeout, css + " contains '" + part + "'", p -> {
            String text = p.text(css);
            return text != null && text.contains(part);
        });
    }

    @Test
    void page_withToken_loads() {
        openPage();
        assertEquals("Atoll inspector", page().title());
        assertEquals("read-only", page().text("#mode"));
    }

    @Test
    void page_withoutToken_refused() {
        page().open("http://127.0.0.1:" + inspector.port() + "/");
        String body = page().text("body");
        assertTrue(body.contains("This inspector needs its token"), body);
        assertEquals(0, page().count("#instances"));
        page().open("http://127.0.0.1:" + inspector.port() + "/?token=wrong-wrong-wrong-wrong");
        assertTrue(page().text("body").contains("Wrong token"), page().text("body"));
        assertEquals(0, page().count("#instances"));
    }

    @Test
    void instancesAndCollections_listedWithTheirCounts() {
        openPage();
        assertEquals(List.of("archive", "shop"), page().texts(".instance-name"));
        assertEquals("4", page().text(collectionLink("shop", "Item") + " .count"));
        assertEquals("1", page().text(collectionLink("archive", "Item") + " .count"));
        String meta = page().text(".instance[data-instance='shop'] .instance-meta");
        assertTrue(meta.matches("version \\d+ · [0-9.]+ (B|KB|MB)"), meta);
        openCollection("shop", "Item");
        page().click("#schema-box summary");
        String schema = page().text("#schema-box");
        assertTrue(schema.contains("status ENUM Status {NEW, OPEN, DONE}"), schema);
        assertTrue(schema.contains("tags LIST<STRING>"), schema);
        assertTrue(schema.contains("owner EMBEDDED Owner"), schema);
        assertTrue(schema.contains("name value"), schema);
        page().screenshot("inspector");
    }

    @Test
    void commitFromAnotherActor_countAndRowAppear_withoutReload() throws Exception {
        openPage();
        openCollection("shop", "Item");
        page().script("window.sameDocument = 'yes';");
        Atoll.compute(kit.system(), system -> {
            Atoll handle = Atoll.getInstance(system, "shop").orElseThrow();
            try {
                AtollCollection<Item> c = handle.collection(Item.class);
                return handle.writeTxnSync(() -> c.put(new Item("durian", 4, null, null, null, "from another actor")));
            } finally {
                handle.close();
            }
        }, kit.system()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        waitForText(Duration.ofSeconds(2), collectionLink("shop", "Item") + " .count", "5");
        page().waitUntil(Duration.ofSeconds(2), "the row of id 5 shows", p -> p.count("#table tr[data-id='5']") == 1);
        assertEquals("yes", page().script("return window.sameDocument;"), "no reload");
        assertEquals("durian", page().text("#table tr[data-id='5'] td:nth-child(2)"));
        page().screenshot("live-update");
    }

    @Test
    void openObject_updatedLive() {
        openPage();
        openCollection("shop", "Item");
        page().click("#table tr[data-id='2']");
        waitForTextContaining(Duration.ofSeconds(5), "#detail-json", "\"banana\"");
        db.writeTxnSync(() -> {
            Item b = items.get(2);
            b.name = "ripe banana";
            items.put(b);
        });
        waitForTextContaining(Duration.ofSeconds(2), "#detail-json", "\"ripe banana\"");
        db.writeTxnSync(() -> items.delete(2));
        waitForTextContaining(Duration.ofSeconds(2), "#detail-title", "(deleted)");
    }

    @Test
    void queryBuilder_filterAndSort_sameObjectsAsTheApi() {
        openPage();
        openCollection("shop", "Item");
        page().click("#add-filter");
        page().select("#filters .filter:nth-child(1) .filter-prop", "tags");
        page().select("#filters .filter:nth-child(1) .filter-op", "eq");
        page().type("#filters .filter:nth-child(1) .filter-value", "fruit");
        page().click("#add-filter");
        page().select("#filters .filter:nth-child(2) .filter-prop", "priority");
        page().select("#filters .filter:nth-child(2) .filter-op", "ge");
        page().type("#filters .filter:nth-child(2) .filter-value", "1");
        page().select("#sort-prop", "owner.age");
        page().select("#sort-dir", "desc");
        page().click("#run");
        List<String> expected = items.query().filter(Filter.equalTo("tags", "fruit"))
                .filter(Filter.greaterThan("priority", 1L, true)).sortBy("owner.age", Sort.DESC).findAll()
                .stream().map(i -> String.valueOf(i.id)).toList();
        assertEquals(List.of("2", "1"), expected);
        page().waitUntil(Duration.ofSeconds(5), "the table shows ids " + expected, p -> ids().equals(expected));
        assertEquals(items.query().filter(Filter.equalTo("tags", "fruit"))
                .filter(Filter.greaterThan("priority", 1L, true)).sortBy("owner.age", Sort.DESC).offset(0).limit(50)
                .explain(), page().text("#explain"));
        page().screenshot("query-builder");
    }

    @Test
    void queryBuilder_whereClause_sameObjectsAsTheApi() {
        openPage();
        openCollection("shop", "Item");
        page().select("#where-prop", "priority");
        page().select("#where-op", "between");
        page().type("#where-value", "2");
        page().type("#where-value2", "4");
        page().click("#run");
        List<String> expected = items.query().where(Where.between("priority", 2L, 4L)).findAll().stream()
                .map(i -> String.valueOf(i.id)).toList();
        assertEquals(List.of("3", "1"), expected);
        page().waitUntil(Duration.ofSeconds(5), "the table shows ids " + expected, p -> ids().equals(expected));
        assertTrue(page().text("#explain").contains("priority"), page().text("#explain"));
    }

    @Test
    void queryBuilder_badValue_errorShownAsText() {
        openPage();
        openCollection("shop", "Item");
        page().click("#add-filter");
        page().select("#filters .filter:nth-child(1) .filter-prop", "priority");
        page().type("#filters .filter:nth-child(1) .filter-value", "<b>seven</b>");
        page().click("#run");
        waitForTextContaining(Duration.ofSeconds(5), "#query-error", "<b>seven</b>");
        assertEquals(0, page().count("#query-error b"));
    }

    @Test
    void storedHtml_shownAsText() {
        openPage();
        openCollection("shop", "Item");
        List<String> cells = page().texts("#table tr[data-id='4'] td");
        assertEquals("<script>window.pwned=1</script><b>bold</b>", cells.get(1));
        assertEquals("<a href=x>link</a>", cells.get(2));
        assertEquals("{age: 1, name: \"<img src=x onerror=window.pwned=2>\"}", cells.get(3));
        assertEquals("[\"<i>x</i>\"]", cells.get(6));
        page().click("#table tr[data-id='4']");
        waitForTextContaining(Duration.ofSeconds(5), "#detail-json", "window.pwned=1");
        assertEquals(0, page().count("#main b, #main img, #main a[href='x'], #main i, #main script"),
                "no stored markup became an element");
        assertNull(page().script("return window.pwned;"), "no stored script ran");
        page().screenshot("escaping");
    }

    @Test
    void export_queryResults_theApisJson() throws Exception {
        openPage();
        openCollection("shop", "Item");
        page().click("#add-filter");
        page().select("#filters .filter:nth-child(1) .filter-prop", "name");
        page().select("#filters .filter:nth-child(1) .filter-op", "startsWith");
        page().type("#filters .filter:nth-child(1) .filter-value", "ba");
        page().click("#run");
        page().waitUntil(Duration.ofSeconds(5), "the table shows id 2 alone", p -> ids().equals(List.of("2")));
        String href = page().attributes("#export", "href").get(0);
        HttpResponse<String> r = HttpClient.newHttpClient().send(
                HttpRequest.newBuilder(URI.create(inspector.url()).resolve(href)).build(), // href may be relative
                HttpResponse.BodyHandlers.ofString());
        assertEquals(items.query().filter(Filter.startsWith("name", "ba")).exportJson(), r.body());
        assertFalse(r.body().contains("apple"));
    }

    @Test
    void table_embeddedObjectsListsAndLongValues_readable() {
        openPage();
        openCollection("shop", "Item");
        assertEquals(List.of("id", "name", "note", "owner", "priority", "status", "tags"), page().texts("#table thead th"));
        List<String> cells = page().texts("#table tr[data-id='1'] td");
        assertEquals("{age: 30, name: \"ann\"}", cells.get(3));
        assertEquals("[\"fruit\", \"red\"]", cells.get(6));
        String note = cells.get(2);
        assertTrue(note.startsWith("a note long enough to be cut in the table: lorem"), note);
        assertTrue(note.contains("…"), note);
        page().click("#table tr[data-id='1'] td:nth-child(3) .more");
        assertEquals(items.get(1).note,
                page().script("return document.querySelector(\"#table tr[data-id='1'] td:nth-child(3) .whole\").textContent;"));
    }

    @Test
    void atRest_closedInstance_showsItsDataAndWritesNothing() throws Exception {
        Path dir = Files.createTempDirectory("atoll-inspector-at-rest");
        Atoll cellar = Atoll.open(kit.system(), List.of(Item.class), dir, "cellar");
        AtollCollection<Item> wines = cellar.collection(Item.class);
        cellar.writeTxnSync(() -> {
            wines.put(new Item("riesling", 2, Item.Status.OPEN, List.of("white"), null, null));
            wines.put(new Item("barolo", 9, Item.Status.NEW, List.of("red"), new Item.Owner("cy", 50), null));
        });
        cellar.close();
        Path file = dir.resolve("cellar.atoll");
        byte[] before = Files.readAllBytes(file);
        FileTime modified = Files.getLastModifiedTime(file);
        try (AtRest atRest = AtRest.open(dir, List.of(), List.of(Item.class), InspectorOptions.defaults())) {
            page().open(atRest.inspector().url());
            waitForText(Duration.ofSeconds(10), "#live", "live");
            assertEquals("at rest, read-only", page().text("#mode"));
            assertEquals(List.of("cellar"), page().texts(".instance-name"));
            assertEquals("2", page().text(collectionLink("cellar", "Item") + " .count"));
            String meta = ".instance[data-instance='cellar'] .instance-meta";
            assertEquals(List.of(dir.toAbsolutePath().normalize().toString()), page().attributes(meta, "title"),
                    "the original's place");
            assertTrue(page().text(meta).endsWith(" · " + (before.length / 1024) + ".0 KB"),
                    "the original's size: " + page().text(meta));
            openCollection("cellar", "Item");
            assertEquals(List.of("riesling", "barolo"), page().texts("#table tbody tr.row td:nth-child(2)"));
            page().click("#table tr[data-id='2']");
            waitForTextContaining(Duration.ofSeconds(5), "#detail-json", "barolo");
            assertFalse(page().displayed("#editor"), "no editing at rest");
            page().screenshot("at-rest");
        }
        assertTrue(Arrays.equals(before, Files.readAllBytes(file)), "the file's bytes are unchanged");
        assertEquals(modified, Files.getLastModifiedTime(file));
        try (var list = Files.list(dir)) {
            assertEquals(List.of(file), list.toList(), "nothing added to the directory");
        }
    }

    @Test
    void editing_turnedOn_saveAndDeleteEachOneWriteTransaction() {
        inspector.close();
        inspector = AtollInspector.start(kit.system(), InspectorOptions.defaults().withEditing(true));
        openPage();
        assertEquals("editing on", page().text("#mode"));
        openCollection("shop", "Item");
        page().click("#table tr[data-id='3']");
        page().waitUntil(Duration.ofSeconds(5), "the editor shows", p -> p.displayed("#edit-json"));
        long version = db.version();
        page().script("const e = document.getElementById('edit-json');"
                + " e.value = e.value.replace('\"carrot\"', '\"<u>beet</u>\"');");
        page().click("#save");
        waitForText(Duration.ofSeconds(5), "#edit-status", "saved: id 3");
        assertEquals(version + 1, db.version(), "one write transaction");
        assertEquals("<u>beet</u>", items.get(3).name);
        waitForText(Duration.ofSeconds(2), "#table tr[data-id='3'] td:nth-child(2)", "<u>beet</u>");
        page().click("#delete");
        // the page hides the editor once the object is gone (a hidden element has no rendered text): its content
        page().waitUntil(Duration.ofSeconds(5), "#edit-status says deleted",
                p -> "deleted".equals(p.script("return document.getElementById('edit-status').textContent;")));
        waitForTextContaining(Duration.ofSeconds(2), "#detail-title", "(deleted)");
        assertEquals(version + 2, db.version());
        assertNull(items.get(3));
        waitForText(Duration.ofSeconds(2), collectionLink("shop", "Item") + " .count", "3");
    }

    @Test
    void editing_off_noEditorShown() {
        openPage();
        openCollection("shop", "Item");
        page().click("#table tr[data-id='1']");
        waitForTextContaining(Duration.ofSeconds(5), "#detail-json", "apple");
        assertFalse(page().displayed("#editor"));
    }
}
