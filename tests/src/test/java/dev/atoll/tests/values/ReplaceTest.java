package dev.atoll.tests.values;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.feed.ChangeEvent;
import dev.atoll.TransactionConflictException;
import dev.atoll.UniqueViolationException;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.testkit.typed.javadsl.TestProbe;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** A put that replaces an object through a unique replace index: ids as in Isar. */
class ReplaceTest {
    private static ActorTestKit kit;

    @TempDir
    Path dir;
    private Atoll db;
    private AtollCollection<Badge> badges;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("ReplaceTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @BeforeEach
    void open() {
        db = Atoll.open(kit.system(), List.of(Badge.class, Ticket.class), dir, "replace");
        badges = db.collection(Badge.class);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<Long> ids() {
        return badges.query().findAll().stream().map(b -> b.id).toList();
    }

    @Test
    void putWithoutId_replacesThroughIndex_takesTheReplacedId() {
        long first = db.writeTxnSync(() -> badges.put(new Badge(0, "c1", "s1", 1)));
        db.writeTxnSync(() -> badges.put(new Badge(0, "other", "s9", 9)));
        Badge replacing = new Badge(0, "c1", "s2", 2);
        long second = db.writeTxnSync(() -> badges.put(replacing));
        assertEquals(first, second);
        assertEquals(first, replacing.id, "the id is written back");
        assertEquals(2, badges.get(first).level);
        assertEquals("s2", badges.get(first).serial);
        assertNull(badges.getByIndex("serial", "s1"), "the old values left the indexes");
        assertEquals(List.of(first, first + 1), ids());
        assertEquals(first + 2, (long) db.writeTxnSync(() -> badges.put(new Badge(0, "new", "s3", 3))),
                "no id was used up by the replace");
    }

    @Test
    void putWithOwnId_replacesThroughIndex_oldDeletedNewUnderItsId() {
        long first = db.writeTxnSync(() -> badges.put(new Badge(0, "c1", "s1", 1)));
        long mine = db.writeTxnSync(() -> badges.put(new Badge(50, "c1", "s2", 2)));
        assertEquals(50, mine);
        assertNull(badges.get(first));
        assertEquals(List.of(50L), ids());
        assertEquals(50, badges.getByIndex("code", "c1").id);
        long same = db.writeTxnSync(() -> badges.put(new Badge(50, "c1", "s3", 3)));
        assertEquals(50, same);
        assertEquals(3, badges.get(50).level);
    }

    @Test
    void putWithoutId_twoReplaceIndexesTwoOwners_takesTheFirstIndexOwnerAndDeletesTheOther() {
        long a = db.writeTxnSync(() -> badges.put(new Badge(0, "c1", "sA", 1)));
        long b = db.writeTxnSync(() -> badges.put(new Badge(0, "cB", "s1", 2)));
        long put = db.writeTxnSync(() -> badges.put(new Badge(0, "c1", "s1", 3)));
        assertEquals(a, put, "the owner through 'code', the first replace index");
        assertNull(badges.get(b));
        assertEquals(List.of(a), ids());
    }

    @Test
    void putWithoutId_nullValue_replacesNothing() {
        long a = db.writeTxnSync(() -> badges.put(new Badge(0, null, null, 1)));
        long b = db.writeTxnSync(() -> badges.put(new Badge(0, null, null, 2)));
        assertEquals(a + 1, b);
        assertEquals(List.of(a, b), ids());
    }

    @Test
    void putWithoutId_replaceAndPlainUniqueTaken_violationAndNothingWritten() {
        Badge holder = new Badge(0, "c1", "s1", 1);
        holder.owner = "ann";
        long a = db.writeTxnSync(() -> badges.put(holder));
        Badge other = new Badge(0, "c2", "s2", 2);
        other.owner = "bob";
        db.writeTxnSync(() -> badges.put(other));
        Badge clash = new Badge(0, "c1", "s9", 3);
        clash.owner = "bob";
        assertThrows(UniqueViolationException.class, () -> db.writeTxnSync(() -> badges.put(clash)));
        assertEquals(1, badges.get(a).level);
        assertEquals(2, badges.count());
    }

    @Test
    void putWithoutId_inTheSameTransaction_takesTheStagedId() {
        List<Long> ids = db.writeTxnSync(() -> badges.putAll(List.of(new Badge(0, "c1", "s1", 1),
                new Badge(0, "c1", "s2", 2))));
        assertEquals(ids.get(0), ids.get(1));
        assertEquals(2, badges.get(ids.get(0)).level);
        assertEquals(1, badges.count());
    }

    @Test
    void putWithoutId_replace_watchersSeeAnUpdateOfThatId() {
        long first = db.writeTxnSync(() -> badges.put(new Badge(0, "c1", "s1", 1)));
        TestProbe<ChangeEvent> probe = kit.createTestProbe();
        Atoll.changes(kit.system(), "replace", probe.getRef());
        TestProbe<Badge> objects = kit.createTestProbe();
        badges.watchObject(first, objects.getRef()::tell);
        db.writeTxnSync(() -> badges.put(new Badge(0, "c1", "s2", 2)));
        ChangeEvent event = probe.receiveMessage();
        assertArrayEquals(new long[] {first}, event.changes().get("Badge").toArray());
        assertEquals(2, objects.receiveMessage().level, "an update of the object, not a delete");
    }

    @Test
    void record_putWithoutId_replace_reportsTheTakenId() {
        AtollCollection<Ticket> tickets = db.collection(Ticket.class);
        long first = db.writeTxnSync(() -> tickets.put(new Ticket(0, "A1", 10)));
        long second = db.writeTxnSync(() -> tickets.put(new Ticket(0, "A1", 12)));
        assertEquals(first, second);
        assertEquals(new Ticket(first, "A1", 12), tickets.get(first));
        assertEquals(1, tickets.count());
    }

    @Test
    void putWithoutId_replacedObjectChangedByAnotherCommit_conflict() {
        long first = db.writeTxnSync(() -> badges.put(new Badge(0, "c1", "s1", 1)));
        Atoll other = Atoll.open(kit.system(), List.of(Badge.class, Ticket.class), dir, "replace");
        try {
            AtollCollection<Badge> theirs = other.collection(Badge.class);
            CompletionException e = assertThrows(CompletionException.class, () -> db.writeTxn(() -> {
                long id = badges.put(new Badge(0, "c1", "s2", 2));
                other.writeTxnSync(() -> theirs.put(new Badge(first, "c7", "s7", 7)));
                return id;
            }).toCompletableFuture().join());
            assertInstanceOf(TransactionConflictException.class, e.getCause());
            assertEquals(7, badges.get(first).level, "the other commit stands");
            assertEquals(1, badges.count());
        } finally {
            other.close();
        }
    }
}
