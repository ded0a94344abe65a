package dev.atoll.tests.query;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.Filter;
import dev.atoll.Where;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** An index added on open answers queries at once; a removed one can no longer be queried. */
class IndexMigrationTest {
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("IndexMigrationTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void reopenWithIndexAddedAndRemoved_newIndexAnswersQueries_oldOneIsGone() {
        Atoll v1 = Atoll.open(kit.system(), List.of(DocV1.class), dir, "docs");
        AtollCollection<DocV1> docs1 = v1.collection(DocV1.class);
        List<DocV1> batch = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            batch.add(new DocV1("title " + (i % 10), i));
        }
        v1.writeTxnSync(() -> docs1.putAll(batch));
        assertEquals(10, docs1.query().where(Where.between("rank", 10, 19)).count());
        assertThrows(IllegalArgumentException.class, () -> docs1.query().where(Where.equalTo("title", "title 3")));
        v1.close();

        Atoll v2 = Atoll.open(kit.system(), List.of(DocV2.class), dir, "docs");
        try {
            AtollCollection<DocV2> docs2 = v2.collection(DocV2.class);
            List<DocV2> threes = docs2.query().where(Where.equalTo("title", "title 3")).findAll();
            assertEquals(10, threes.size());
            assertTrue(threes.stream().allMatch(d -> d.rank % 10 == 3));
            assertEquals(10, docs2.query().where(Where.startsWith("title", "title 3")).count());
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> docs2.query().where(Where.between("rank", 10, 19)));
            assertTrue(e.getMessage().contains("'rank' has no index"), e.getMessage());
            assertEquals(10, docs2.query().filter(Filter.between("rank", 10, 19)).count(), "objects intact");
            assertEquals(100, docs2.count());
        } finally {
            v2.close();
        }
    }
}
