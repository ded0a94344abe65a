package dev.atoll.inspector;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.Filter;
import dev.atoll.Sort;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The inspector's page in a real browser (headless Chromium through Selenium). */
class InspectorBrowserTest {
    private static ChromeDriver browser;
    private ActorTestKit kit;
    private Atoll db;
    private Atoll other;
    private AtollCollection<Item> items;
    private AtollInspector inspector;

    @BeforeAll
    static void browser() {
        browser = Browser.start();
    }

    @AfterAll
    static void quit() {
        if (browser != null) {
            browser.quit();
        }
    }

    @BeforeEach
    void start() throws IOException {
        kit = ActorTestKit.create("InspectorBrowserTest");
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

    private WebDriverWait waitUpTo(long seconds) {
        WebDriverWait wait = new WebDriverWait(browser, Duration.ofSeconds(seconds));
        wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class); // the table is redrawn meanwhile
        return wait;
    }

    private void openPage() {
        browser.get(inspector.url());
        waitUpTo(10).until(ExpectedConditions.textToBe(By.id("live"), "live"));
    }

    private WebElement collection(String instance, String name) {
        return browser.findElement(By.cssSelector(".collection-link[data-instance='" + instance + "'][data-collection='"
                + name + "']"));
    }

    private void openCollection(String instance, String name) {
        collection(instance, name).click();
        waitUpTo(10).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#table tbody tr.row")));
    }

    private List<String> column(int index) {
        return browser.findElements(By.cssSelector("#table tbody tr.row")).stream()
                .map(tr -> tr.findElements(By.tagName("td")).get(index).getText()).toList();
    }

    private List<String> ids() {
        return browser.findElements(By.cssSelector("#table tbody tr.row")).stream()
                .map(tr -> tr.getAttribute("data-id")).toList();
    }

    @Test
    void page_withToken_loads() {
        openPage();
        assertEquals("Atoll inspector", browser.getTitle());
        assertEquals("read-only", browser.findElement(By.id("mode")).getText());
    }

    @Test
    void page_withoutToken_refused() {
        browser.get("http://127.0.0.1:" + inspector.port() + "/");
        String body = browser.findElement(By.tagName("body")).getText();
        assertTrue(body.contains("This inspector needs its token"), body);
        assertTrue(browser.findElements(By.id("instances")).isEmpty());
        browser.get("http://127.0.0.1:" + inspector.port() + "/?token=wrong-wrong-wrong-wrong");
        assertTrue(browser.findElement(By.tagName("body")).getText().contains("Wrong token"));
    }

    @Test
    void instancesAndCollections_listedWithTheirCounts() {
        openPage();
        assertEquals(List.of("archive", "shop"), browser.findElements(By.cssSelector(".instance-name")).stream()
                .map(WebElement::getText).toList());
        assertEquals("4", collection("shop", "Item").findElement(By.className("count")).getText());
        assertEquals("1", collection("archive", "Item").findElement(By.className("count")).getText());
        String meta = browser.findElement(By.cssSelector(".instance[data-instance='shop'] .instance-meta")).getText();
        assertTrue(meta.matches("version \\d+ · [0-9.]+ (B|KB|MB)"), meta);
        openCollection("shop", "Item");
        browser.findElement(By.cssSelector("#schema-box summary")).click();
        String schema = browser.findElement(By.id("schema-box")).getText();
        assertTrue(schema.contains("status ENUM Status {NEW, OPEN, DONE}"), schema);
        assertTrue(schema.contains("tags LIST<STRING>"), schema);
        assertTrue(schema.contains("owner EMBEDDED Owner"), schema);
        assertTrue(schema.contains("name value"), schema);
        Browser.screenshot(browser, "inspector");
    }

    @Test
    void table_embeddedObjectsListsAndLongValues_readable() {
        openPage();
        openCollection("shop", "Item");
        List<String> headers = browser.findElements(By.cssSelector("#table thead th")).stream().map(WebElement::getText)
                .toList();
        assertEquals(List.of("id", "name", "note", "owner", "priority", "status", "tags"), headers);
        WebElement apple = browser.findElement(By.cssSelector("#table tr[data-id='1']"));
        List<WebElement> cells = apple.findElements(By.tagName("td"));
        assertEquals("{age: 30, name: \"ann\"}", cells.get(3).getText());
        assertEquals("[\"fruit\", \"red\"]", cells.get(6).getText());
        WebElement note = cells.get(2);
        assertTrue(note.getText().startsWith("a note long enough to be cut in the table: lorem"), note.getText());
        assertTrue(note.getText().contains("…"), note.getText());
        note.findElement(By.className("more")).click();
        assertEquals(items.get(1).note, note.findElement(By.className("whole")).getDomProperty("textContent"));
    }

    @Test
    void commitFromAnotherActor_countAndRowAppear_withoutReload() throws Exception {
        openPage();
        openCollection("shop", "Item");
        ((JavascriptExecutor) browser).executeScript("window.sameDocument = 'yes';");
        Atoll.compute(kit.system(), system -> {
            Atoll handle = Atoll.getInstance(system, "shop").orElseThrow();
            try {
                AtollCollection<Item> c = handle.collection(Item.class);
                return handle.writeTxnSync(() -> c.put(new Item("durian", 4, null, null, null, "from another actor")));
            } finally {
                handle.close();
            }
        }, kit.system()).toCompletableFuture().get(10, TimeUnit.SECONDS);
        waitUpTo(2).until(ExpectedConditions.textToBe(By.cssSelector(
                ".collection-link[data-instance='shop'][data-collection='Item'] .count"), "5"));
        waitUpTo(2).until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#table tr[data-id='5']")));
        assertEquals("yes", ((JavascriptExecutor) browser).executeScript("return window.sameDocument;"), "no reload");
        assertEquals("durian", browser.findElement(By.cssSelector("#table tr[data-id='5'] td:nth-child(2)")).getText());
        Browser.screenshot(browser, "live-update");
    }

    @Test
    void openObject_updatedLive() throws Exception {
        openPage();
        openCollection("shop", "Item");
        browser.findElement(By.cssSelector("#table tr[data-id='2']")).click();
        waitUpTo(5).until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-json"), "\"banana\""));
        db.writeTxnSync(() -> {
            Item b = items.get(2);
            b.name = "ripe banana";
            items.put(b);
        });
        waitUpTo(2).until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-json"), "\"ripe banana\""));
        db.writeTxnSync(() -> items.delete(2));
        waitUpTo(2).until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-title"), "(deleted)"));
    }

    @Test
    void queryBuilder_filterAndSort_sameObjectsAsTheApi() {
        openPage();
        openCollection("shop", "Item");
        browser.findElement(By.id("add-filter")).click();
        WebElement filter = browser.findElement(By.cssSelector("#filters .filter"));
        new Select(filter.findElement(By.className("filter-prop"))).selectByValue("tags");
        new Select(filter.findElement(By.className("filter-op"))).selectByValue("eq");
        filter.findElement(By.className("filter-value")).sendKeys("fruit");
        browser.findElement(By.id("add-filter")).click();
        WebElement second = browser.findElements(By.cssSelector("#filters .filter")).get(1);
        new Select(second.findElement(By.className("filter-prop"))).selectByValue("priority");
        new Select(second.findElement(By.className("filter-op"))).selectByValue("ge");
        second.findElement(By.className("filter-value")).sendKeys("1");
        new Select(browser.findElement(By.id("sort-prop"))).selectByValue("owner.age");
        new Select(browser.findElement(By.id("sort-dir"))).selectByValue("desc");
        browser.findElement(By.id("run")).click();
        List<String> expected = items.query().filter(Filter.equalTo("tags", "fruit"))
                .filter(Filter.greaterThan("priority", 1L, true)).sortBy("owner.age", Sort.DESC).findAll()
                .stream().map(i -> String.valueOf(i.id)).toList();
        assertEquals(List.of("2", "1"), expected);
        waitUpTo(5).until(d -> ids().equals(expected));
        String explain = browser.findElement(By.id("explain")).getText();
        assertEquals(items.query().filter(Filter.equalTo("tags", "fruit"))
                .filter(Filter.greaterThan("priority", 1L, true)).sortBy("owner.age", Sort.DESC).offset(0).limit(50)
                .explain(), explain);
        Browser.screenshot(browser, "query-builder");
    }

    @Test
    void queryBuilder_whereClause_sameObjectsAsTheApi() {
        openPage();
        openCollection("shop", "Item");
        new Select(browser.findElement(By.id("where-prop"))).selectByValue("priority");
        new Select(browser.findElement(By.id("where-op"))).selectByValue("between");
        browser.findElement(By.id("where-value")).sendKeys("2");
        browser.findElement(By.id("where-value2")).sendKeys("4");
        browser.findElement(By.id("run")).click();
        List<String> expected = items.query().where(dev.atoll.Where.between("priority", 2L, 4L)).findAll().stream()
                .map(i -> String.valueOf(i.id)).toList();
        assertEquals(List.of("3", "1"), expected);
        waitUpTo(5).until(d -> ids().equals(expected));
        assertTrue(browser.findElement(By.id("explain")).getText().contains("priority"));
    }

    @Test
    void queryBuilder_badValue_errorShownAsText() {
        openPage();
        openCollection("shop", "Item");
        browser.findElement(By.id("add-filter")).click();
        WebElement filter = browser.findElement(By.cssSelector("#filters .filter"));
        new Select(filter.findElement(By.className("filter-prop"))).selectByValue("priority");
        filter.findElement(By.className("filter-value")).sendKeys("<b>seven</b>");
        browser.findElement(By.id("run")).click();
        waitUpTo(5).until(ExpectedConditions.textToBePresentInElementLocated(By.id("query-error"), "<b>seven</b>"));
        assertTrue(browser.findElements(By.cssSelector("#query-error b")).isEmpty());
    }

    @Test
    void storedHtml_shownAsText() {
        openPage();
        openCollection("shop", "Item");
        WebElement row = browser.findElement(By.cssSelector("#table tr[data-id='4']"));
        List<WebElement> cells = row.findElements(By.tagName("td"));
        assertEquals("<script>window.pwned=1</script><b>bold</b>", cells.get(1).getText());
        assertEquals("<a href=x>link</a>", cells.get(2).getText());
        assertEquals("{age: 1, name: \"<img src=x onerror=window.pwned=2>\"}", cells.get(3).getText());
        assertEquals("[\"<i>x</i>\"]", cells.get(6).getText());
        row.click();
        waitUpTo(5).until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-json"), "window.pwned=1"));
        assertTrue(browser.findElements(By.cssSelector("#main b, #main img, #main a[href='x'], #main i, #main script"))
                .isEmpty(), "no stored markup became an element");
        assertNull(((JavascriptExecutor) browser).executeScript("return window.pwned;"), "no stored script ran");
        Browser.screenshot(browser, "escaping");
    }

    @Test
    void export_queryResults_theApisJson() throws Exception {
        openPage();
        openCollection("shop", "Item");
        browser.findElement(By.id("add-filter")).click();
        WebElement filter = browser.findElement(By.cssSelector("#filters .filter"));
        new Select(filter.findElement(By.className("filter-prop"))).selectByValue("name");
        new Select(filter.findElement(By.className("filter-op"))).selectByValue("startsWith");
        filter.findElement(By.className("filter-value")).sendKeys("ba");
        browser.findElement(By.id("run")).click();
        waitUpTo(5).until(d -> ids().equals(List.of("2")));
        String href = browser.findElement(By.id("export")).getAttribute("href");
        java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(
                java.net.http.HttpRequest.newBuilder(java.net.URI.create(href)).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(items.query().filter(Filter.startsWith("name", "ba")).exportJson(), r.body());
        assertFalse(r.body().contains("apple"));
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
        java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(file);
        try (AtRest atRest = AtRest.open(dir, List.of(), List.of(Item.class), InspectorOptions.defaults())) {
            browser.get(atRest.inspector().url());
            waitUpTo(10).until(ExpectedConditions.textToBe(By.id("live"), "live"));
            assertEquals("at rest, read-only", browser.findElement(By.id("mode")).getText());
            assertEquals(List.of("cellar"), browser.findElements(By.cssSelector(".instance-name")).stream()
                    .map(WebElement::getText).toList());
            assertEquals("2", collection("cellar", "Item").findElement(By.className("count")).getText());
            WebElement meta = browser.findElement(By.cssSelector(".instance[data-instance='cellar'] .instance-meta"));
            assertEquals(dir.toAbsolutePath().normalize().toString(), meta.getAttribute("title"), "the original's place");
            assertTrue(meta.getText().endsWith(" · " + (before.length / 1024) + ".0 KB"), "the original's size: " + meta.getText());
            openCollection("cellar", "Item");
            assertEquals(List.of("riesling", "barolo"), column(1));
            browser.findElement(By.cssSelector("#table tr[data-id='2']")).click();
            waitUpTo(5).until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-json"), "barolo"));
            assertFalse(browser.findElement(By.id("editor")).isDisplayed(), "no editing at rest");
            Browser.screenshot(browser, "at-rest");
        }
        assertTrue(java.util.Arrays.equals(before, Files.readAllBytes(file)), "the file's bytes are unchanged");
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
        assertEquals("editing on", browser.findElement(By.id("mode")).getText());
        openCollection("shop", "Item");
        browser.findElement(By.cssSelector("#table tr[data-id='3']")).click();
        waitUpTo(5).until(ExpectedConditions.visibilityOfElementLocated(By.id("edit-json")));
        long version = db.version();
        WebElement editor = browser.findElement(By.id("edit-json"));
        String edited = editor.getDomProperty("value").replace("\"carrot\"", "\"<u>beet</u>\"");
        ((JavascriptExecutor) browser).executeScript("arguments[0].value = arguments[1];", editor, edited);
        browser.findElement(By.id("save")).click();
        waitUpTo(5).until(ExpectedConditions.textToBe(By.id("edit-status"), "saved: id 3"));
        assertEquals(version + 1, db.version(), "one write transaction");
        assertEquals("<u>beet</u>", items.get(3).name);
        waitUpTo(2).until(ExpectedConditions.textToBe(By.cssSelector("#table tr[data-id='3'] td:nth-child(2)"),
                "<u>beet</u>"));
        browser.findElement(By.id("delete")).click();
        // the page hides the editor once the object is gone (getText of a hidden element is empty): its text
        waitUpTo(5).until(d -> "deleted".equals(d.findElement(By.id("edit-status")).getDomProperty("textContent")));
        waitUpTo(2).until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-title"), "(deleted)"));
        assertEquals(version + 2, db.version());
        assertNull(items.get(3));
        waitUpTo(2).until(ExpectedConditions.textToBe(By.cssSelector(
                ".collection-link[data-instance='shop'][data-collection='Item'] .count"), "3"));
    }

    @Test
    void editing_off_noEditorShown() {
        openPage();
        openCollection("shop", "Item");
        browser.findElement(By.cssSelector("#table tr[data-id='1']")).click();
        waitUpTo(5).until(ExpectedConditions.textToBePresentInElementLocated(By.id("detail-json"), "apple"));
        assertFalse(browser.findElement(By.id("editor")).isDisplayed());
    }
}
