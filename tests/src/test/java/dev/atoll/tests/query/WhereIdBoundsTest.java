package dev.atoll.tests.query;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.Where;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.LongPredicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Where clauses on the id: each bound, included or excluded, at the ids next to it and at the extremes of
 * a long, against brute force over the stored ids.
 */
class WhereIdBoundsTest {
    /** Stored ids: neighbours of each probe, byte boundaries, and the largest ids a put may give. */
    private static final long[] IDS = {1, 2, 3, 255, 256, 257, 1L << 32, (1L << 32) + 1,
        AtollCollection.MAX_ID - 1, AtollCollection.MAX_ID};
    /** Bounds: every stored id, the gaps between them, and the ends of a long. */
    private static final long[] PROBES = {Long.MIN_VALUE, -1, 0, 1, 2, 3, 4, 255, 256, 257, 258, 1L << 32,
        (1L << 32) + 1, AtollCollection.MAX_ID - 2, AtollCollection.MAX_ID - 1, AtollCollection.MAX_ID,
        AtollCollection.MAX_ID + 1, Long.MAX_VALUE - 1, Long.MAX_VALUE};
    private static ActorTestKit kit;

    @TempDir
    Path dir;
    private Atoll db;
    private AtollCollection<Item> items;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("WhereIdBoundsTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @BeforeEach
    void open() {
        db = Atoll.open(kit.system(), List.of(Item.class), dir, "ids");
        items = db.collection(Item.class);
        List<Item> batch = new ArrayList<>();
        for (long id : IDS) {
            Item item = new Item();
            item.id = id;
            item.name = "item " + id;
            batch.add(item);
        }
        db.writeTxnSync(() -> items.putAll(batch));
    }

    @AfterEach
    void close() {
        db.close();
    }

    private void check(Where where, LongPredicate matches) {
        List<Long> expected = Arrays.stream(IDS).filter(matches).boxed().toList();
        assertEquals(expected, items.query().where(where).findAll().stream().map(i -> i.id).toList(),
                where.toString());
        assertEquals(expected.size(), items.query().where(where).count(), where + " (count)");
    }

    /** Regression (a PIT survivor): an exclusive bound on the id was ignored, so greaterThan("id", x) found x. */
    @Test
    void whereOnId_exclusiveBounds_leaveTheBoundOut() {
        for (long x : PROBES) {
            check(Where.greaterThan("id", x), id -> id > x);
            check(Where.greaterThan("id", x, false), id -> id > x);
            check(Where.greaterThan("id", x, true), id -> id >= x);
            check(Where.lessThan("id", x), id -> id < x);
            check(Where.lessThan("id", x, false), id -> id < x);
            check(Where.lessThan("id", x, true), id -> id <= x);
        }
    }

    @Test
    void whereOnId_betweenWithEachPairOfFlags_matchesBruteForce() {
        for (long lo : PROBES) {
            for (long hi : PROBES) {
                check(Where.between("id", lo, hi), id -> id >= lo && id <= hi);
                check(Where.between("id", lo, true, hi, false), id -> id >= lo && id < hi);
                check(Where.between("id", lo, false, hi, true), id -> id > lo && id <= hi);
                check(Where.between("id", lo, false, hi, false), id -> id > lo && id < hi);
            }
        }
    }

    @Test
    void whereOnId_smallerIntegerTypes_readAsLongs() {
        check(Where.greaterThan("id", 255), id -> id > 255);
        check(Where.lessThan("id", (short) 3), id -> id < 3);
        check(Where.between("id", (byte) 1, false, 256, false), id -> id > 1 && id < 256);
        check(Where.equalTo("id", 257), id -> id == 257);
        check(Where.anyOf("id", 2, 1L << 32, 4L), id -> id == 2 || id == 1L << 32);
    }

    @Test
    void whereOnId_notALong_illegalArgumentNamingTheClause() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> items.query().where(Where.greaterThan("id", "7")));
        assertTrue(e.getMessage().contains("id > \"7\"") && e.getMessage().contains("an id is a long, not String"),
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> items.query().where(Where.lessThan("id", 2.0)));
        assertTrue(e.getMessage().contains("not Double 2.0"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> items.query().where(Where.equalTo("id", 1L, 2L)));
        assertTrue(e.getMessage().contains("takes one value, not 2"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> items.query().where(Where.startsWith("id", "1")));
        assertTrue(e.getMessage().contains("the id serves"), e.getMessage());
    }
}
