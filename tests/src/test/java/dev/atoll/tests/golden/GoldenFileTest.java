package dev.atoll.tests.golden;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
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
    @ValueSource(strings = {"v1", "v2"})
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
