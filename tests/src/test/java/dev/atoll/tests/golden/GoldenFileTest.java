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
