package dev.atoll.tests.golden;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.Filter;
import dev.atoll.Where;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

/**
 * Reads the golden files that earlier versions of Atoll wrote (see {@link GoldenFiles}): a version
 * that cannot read them, objects and indexes alike, fails the build.
 */
class GoldenFileTest {
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("GoldenFileTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    /** How many of the golden file's objects (all but 7 and 8, which it deleted) match. */
    private static long expected(java.util.function.Predicate<GoldenItem> matches) {
        return java.util.stream.IntStream.rangeClosed(1, GoldenFiles.ITEMS).filter(i -> i != 7 && i != 8)
                .mapToObj(GoldenItem::item).filter(matches).count();
    }

    /**
     * Every golden file, from format 1 (no page checksums; upgraded on its first open) to the current
     * one. Each is read twice: as found, and after this version wrote to it and closed it.
     */
    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2", "v3"})
    void goldenFile_readsEveryObjectAndEveryIndex_beforeAndAfterThisVersionWroteIt(String format)
            throws Exception {
        String resource = format + "/golden.atoll";
        try (InputStream in = GoldenFileTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, "the golden file " + resource + " is missing from the test resources");
            Files.copy(in, dir.resolve("golden.atoll"));
        }
        readEverything();
        Atoll db = Atoll.open(kit.system(), List.of(GoldenItem.class), dir, GoldenFiles.NAME);
        try {
            AtollCollection<GoldenItem> items = db.collection(GoldenItem.class);
            db.writeTxnSync(() -> items.put(GoldenItem.item(7)));
            db.writeTxnSync(() -> items.delete(7));
        } finally {
            db.close();
        }
        readEverything();
    }

    /**
     * The large-ids golden file (format 2): objects under ids next to 2^8, 2^16, 2^32 and the largest long,
     * each read under its own id, through the unique index and through id ranges. A value checksum that
     * sealed only the id's lowest byte, or an id key written in fewer bytes, fails here.
     */
    @org.junit.jupiter.api.Test
    void goldenFileWithLargeIds_readsEveryObjectUnderItsId_beforeAndAfterThisVersionWroteIt() throws Exception {
        String resource = "v2-large-ids/golden.atoll";
        try (InputStream in = GoldenFileTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, "the golden file " + resource + " is missing from the test resources");
            Files.copy(in, dir.resolve("golden.atoll"));
        }
        readLargeIds();
        Atoll db = Atoll.open(kit.system(), List.of(GoldenItem.class), dir, GoldenFiles.NAME);
        try {
            AtollCollection<GoldenItem> items = db.collection(GoldenItem.class);
            db.writeTxnSync(() -> items.put(GoldenItem.item(GoldenFiles.LARGE_DELETED, 65_536)));
            db.writeTxnSync(() -> items.delete(65_536));
        } finally {
            db.close();
        }
        readLargeIds();
    }

    private void readLargeIds() {
        Atoll db = Atoll.open(kit.system(), List.of(GoldenItem.class), dir, GoldenFiles.NAME);
        try {
            AtollCollection<GoldenItem> items = db.collection(GoldenItem.class);
            long[] ids = GoldenFiles.LARGE_IDS;
            List<Long> stored = new java.util.ArrayList<>();
            for (int i = 1; i <= ids.length; i++) {
                GoldenItem got = items.get(ids[i - 1]);
                if (i == GoldenFiles.LARGE_DELETED) {
                    assertNull(got, "id " + ids[i - 1] + " was deleted");
                    continue;
                }
                stored.add(ids[i - 1]);
                GoldenItem expected = GoldenItem.item(i, ids[i - 1]);
                assertNotNull(got, "id " + ids[i - 1]);
                assertEquals(ids[i - 1], got.id);
                assertEquals(expected.code, got.code, "id " + ids[i - 1]);
                assertEquals(expected.name, got.name);
                assertEquals(expected.tags, got.tags);
                assertEquals(expected.at, got.at);
                assertArrayEquals(expected.data, got.data);
                assertEquals(expected.maybe, got.maybe);
                assertEquals(ids[i - 1], items.getByIndex("code", expected.code).id, "unique index");
            }
            assertEquals(stored.size(), items.count());
            assertEquals(stored, items.query().findAll().stream().map(g -> g.id).toList(), "id order");
            assertEquals(stored.stream().filter(id -> id > 256).toList(), items.query()
                    .where(Where.greaterThan("id", 256)).findAll().stream().map(g -> g.id).toList(), "id > 256");
            assertEquals(stored.stream().filter(id -> id >= 65_535 && id < 1L << 32).toList(), items.query()
                    .where(Where.between("id", 65_535, true, 1L << 32, false)).findAll().stream().map(g -> g.id)
                    .toList(), "65535 <= id < 2^32");
        } finally {
            db.close();
        }
    }

    /**
     * The words file of each format from 2 on: format 2 wrote its string keys with key encoding 1 (lower-cased
     * as whole strings, lone surrogates as '?'); opening rebuilds them, so that where clauses answer what the
     * filters answer: "οδοσ" finds the capital "ΟΔΟΣ", whose old key ended in a final sigma, and "ı" finds "İ".
     */
    @ParameterizedTest
    @ValueSource(strings = {"v2", "v3"})
    void goldenWordsFile_stringKeysOfEveryEncoding_answerLikeTheFilters(String format) throws Exception {
        String resource = format + "/words.atoll";
        try (InputStream in = GoldenFileTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, "the golden file " + resource + " is missing from the test resources");
            Files.copy(in, dir.resolve("words.atoll"));
        }
        for (int round = 0; round < 2; round++) {
            Atoll db = Atoll.open(kit.system(), List.of(GoldenWord.class), dir, GoldenFiles.WORDS);
            try {
                AtollCollection<GoldenWord> words = db.collection(GoldenWord.class);
                assertEquals(GoldenWord.WORDS.size(), words.count());
                assertEquals(List.of(1L, 2L), ids(words.query().where(Where.equalTo("folded", "\u03BF\u03B4\u03BF\u03C3"))
                        .findAll()), "sigmas");
                assertEquals(List.of(3L, 4L, 5L), ids(words.query().where(Where.startsWith("folded", "\u0131"))
                        .findAll()), "dotted and dotless I");
                assertEquals(List.of(6L, 7L), ids(words.query().where(Where.equalTo("folded", "strasse"
                        .replace("ss", "\u00DF"))).findAll()), "sharp s");
                assertEquals(List.of(), ids(words.query().where(Where.equalTo("exact", "\uD800")).findAll()),
                        "a lone surrogate is not '?'");
                assertEquals(List.of(8L), ids(words.query().where(Where.equalTo("exact", "?")).findAll()));
                for (String w : GoldenWord.WORDS) {
                    assertEquals(ids(words.query().filter(Filter.equalTo("folded", w, false)).findAll()),
                            ids(words.query().where(Where.equalTo("folded", w)).findAll()), w);
                    assertEquals(ids(words.query().filter(Filter.equalTo("exact", w)).findAll()),
                            ids(words.query().where(Where.equalTo("exact", w)).findAll()), w);
                }
            } finally {
                db.close();
            }
        }
    }

    private static List<Long> ids(List<GoldenWord> words) {
        return words.stream().map(w -> w.id).sorted().toList();
    }

    private void readEverything() {
        Atoll db = Atoll.open(kit.system(), List.of(GoldenItem.class), dir, GoldenFiles.NAME);
        try {
            AtollCollection<GoldenItem> items = db.collection(GoldenItem.class);
            assertEquals(expected(g -> true), items.count());
            assertNull(items.get(7));
            for (int i = 1; i <= GoldenFiles.ITEMS; i++) {
                if (i == 7 || i == 8) {
                    continue;
                }
                GoldenItem expected = GoldenItem.item(i);
                GoldenItem got = items.get(i);
                assertEquals(expected.name, got.name, "item " + i);
                assertEquals(expected.code, got.code);
                assertEquals(expected.hashed, got.hashed);
                assertEquals(expected.tags, got.tags);
                assertEquals(expected.level, got.level);
                assertEquals(expected.score, got.score);
                assertEquals(expected.at, got.at);
                assertArrayEquals(expected.data, got.data);
                assertEquals(expected.maybe, got.maybe);
                assertEquals(i, items.getByIndex("code", "code-" + i).id, "unique index");
            }
            assertEquals(expected(g -> g.name.equals("name 0")),
                    items.query().where(Where.equalTo("name", "name 0")).count(), "value index");
            assertEquals(expected(g -> g.hashed.equals("hashed 1")),
                    items.query().where(Where.equalTo("hashed", "hashed 1")).count(), "hash index");
            assertEquals(expected(g -> g.tags.contains("t1")),
                    items.query().where(Where.equalTo("tags", "t1")).count(), "multi-entry index");
            assertEquals(List.of(3L, 6L, 9L), items.query().where(Where.equalTo("level_score",
                    GoldenItem.Level.LOW)).limit(3).findAll().stream().map(g -> g.id).toList(), "composite index");
        } finally {
            db.close();
        }
    }
}
