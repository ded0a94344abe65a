package dev.atoll.tests.golden;

import com.typesafe.config.ConfigFactory;
import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.feed.ChangeEvent;
import dev.atoll.feed.ChangedIds;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.stream.javadsl.Sink;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

/**
 * The change log on disk. {@code v3/feed.atoll} (written by {@link GoldenFiles#writeFeed}) holds a log of seven
 * commits: replayed from version 0, before and after this version wrote to the file, it must give exactly the
 * change sets below, so a change to how log entries are written or read fails the build. The older golden
 * files (v1 to v3), written before the log existed, open with an empty log that starts at their version: a
 * replay from before it is one {@link ChangeEvent.Kind#HISTORY_LOST} up to that version, then the new commits.
 *
 * <p>The log keeps entries for {@code atoll.change-log.max-age} (24 hours by default), and trims older ones at
 * the next commit; these tests keep them for the longest age allowed, so the file's entries stay.
 */
class GoldenFeedTest {
    private static final String ITEMS = "GoldenItem";
    /** The log of {@code v3/feed.atoll}: versions 1 to 7, one per commit of {@link GoldenFiles#writeFeed}. */
    private static final List<ChangeEvent> EXPECTED = List.of(
            commit(1, ids(false, longs(1, 2, 3, 4, 5, 6), longs(), longs())),
            commit(2, ids(false, longs(7), longs(2), longs())),
            commit(3, ids(false, longs(), longs(), longs(3, 4))),
            new ChangeEvent(GoldenFiles.FEED, 4, Map.of()), // silent
            commit(5, ids(true, longs(), longs(), longs())),
            commit(6, ids(false, longs(9, 10), longs(), longs())),
            commit(7, ids(false, longs(), longs(9), longs(10, 11))));

    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("GoldenFeedTest", ConfigFactory.parseString("atoll.change-log.max-age = 36500d")
                .withFallback(ConfigFactory.load()));
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private static ChangeEvent commit(long version, ChangedIds ids) {
        return new ChangeEvent(GoldenFiles.FEED, version, Map.of(ITEMS, ids));
    }

    private static ChangedIds ids(boolean cleared, long[] inserted, long[] updated, long[] deleted) {
        return ChangedIds.of(cleared, inserted, updated, deleted);
    }

    private static long[] longs(long... ids) {
        return ids;
    }

    private void copy(String resource, String file) throws Exception {
        try (InputStream in = GoldenFeedTest.class.getResourceAsStream(resource)) {
            assertNotNull(in, "the golden file " + resource + " is missing from the test resources");
            Files.copy(in, dir.resolve(file));
        }
    }

    private static List<ChangeEvent> replay(String name, long from, int events) throws Exception {
        return Atoll.changeSource(kit.system(), name, from).take(events).runWith(Sink.seq(), kit.system())
                .toCompletableFuture().get(30, TimeUnit.SECONDS);
    }

    @Test
    void goldenFeedFile_replaysEveryLoggedChangeSetExactly_beforeAndAfterThisVersionWroteIt() throws Exception {
        copy("v3/feed.atoll", "feed.atoll");
        Atoll db = Atoll.open(kit.system(), List.of(GoldenItem.class), dir, GoldenFiles.FEED);
        try {
            assertEquals(7, db.version());
            assertEquals(EXPECTED, replay(GoldenFiles.FEED, 0, EXPECTED.size()), "the log as the file holds it");
            assertEquals(EXPECTED.subList(4, 7), replay(GoldenFiles.FEED, 4, 3), "from a version inside it");
            AtollCollection<GoldenItem> items = db.collection(GoldenItem.class);
            db.writeTxnSync(() -> items.put(GoldenItem.item(12)));
        } finally {
            db.close();
        }
        List<ChangeEvent> afterWrite = new ArrayList<>(EXPECTED);
        afterWrite.add(commit(8, ids(false, longs(12), longs(), longs())));
        Atoll again = Atoll.open(kit.system(), List.of(GoldenItem.class), dir, GoldenFiles.FEED);
        try {
            assertEquals(afterWrite, replay(GoldenFiles.FEED, 0, afterWrite.size()),
                    "the old entries and the one this version wrote, after a reopen");
        } finally {
            again.close();
        }
    }

    /**
     * A file from before the change log (no log map) opens as the same format, with an empty log that starts
     * at the version the file had (2: its two commits). Nothing before it can be replayed: one HISTORY_LOST up
     * to it. Formats 1 and 2 then log the key rebuild of their first open, as a silent commit (3); the commits
     * after that are logged and replayed, also after a reopen.
     */
    @ParameterizedTest
    @ValueSource(strings = {"v1", "v2", "v3"})
    void goldenFileFromBeforeTheLog_opensWithALogThatStartsAtTheVersionItHad(String format) throws Exception {
        copy(format + "/golden.atoll", "golden.atoll");
        long had = 2;
        List<ChangeEvent> log = new ArrayList<>(List.of(ChangeEvent.historyLost(GoldenFiles.NAME, had)));
        if (!format.equals("v3")) {
            log.add(new ChangeEvent(GoldenFiles.NAME, had + 1, Map.of())); // the key rebuild: silent
        }
        long opened = had + log.size() - 1;
        Atoll db = Atoll.open(kit.system(), List.of(GoldenItem.class), dir, GoldenFiles.NAME);
        try {
            assertEquals(opened, db.version());
            assertEquals(log, replay(GoldenFiles.NAME, 0, log.size()), "nothing before the open is logged");
            AtollCollection<GoldenItem> items = db.collection(GoldenItem.class);
            db.writeTxnSync(() -> items.put(GoldenItem.item(7)));
        } finally {
            db.close();
        }
        log.add(new ChangeEvent(GoldenFiles.NAME, opened + 1, Map.of(ITEMS, ids(false, longs(7), longs(), longs()))));
        Atoll again = Atoll.open(kit.system(), List.of(GoldenItem.class), dir, GoldenFiles.NAME);
        try {
            assertEquals(log, replay(GoldenFiles.NAME, 0, log.size()), "after a write and a reopen");
            assertEquals(log.subList(log.size() - 1, log.size()), replay(GoldenFiles.NAME, opened, 1));
        } finally {
            again.close();
        }
    }
}
