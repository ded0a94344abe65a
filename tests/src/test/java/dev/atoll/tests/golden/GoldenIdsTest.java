package dev.atoll.tests.golden;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Files written before the largest id was recorded: auto-increment continues after the largest id they hold. */
class GoldenIdsTest {
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("GoldenIdsTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private long putAuto(int i) {
        Atoll db = Atoll.open(kit.system(), List.of(GoldenItem.class), dir, GoldenFiles.NAME);
        try {
            AtollCollection<GoldenItem> items = db.collection(GoldenItem.class);
            GoldenItem item = GoldenItem.item(i);
            item.id = 0;
            return db.writeTxnSync(() -> items.put(item));
        } finally {
            db.close();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2"})
    void oldFile_autoIncrement_continuesAfterItsLargestId(String format) throws Exception {
        try (InputStream in = GoldenIdsTest.class.getResourceAsStream(format + "/golden.atoll")) {
            Files.copy(in, dir.resolve("golden.atoll"));
        }
        assertEquals(GoldenFiles.ITEMS + 1, putAuto(1000));
        assertEquals(GoldenFiles.ITEMS + 2, putAuto(1001));
    }
}
