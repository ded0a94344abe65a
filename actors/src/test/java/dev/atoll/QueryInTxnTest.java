package dev.atoll;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.LongStream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * A query inside a write transaction merges the transaction's staged writes into what it reads from the
 * snapshot ({@link QueryRunner}): id ranges, index ranges and unions, after puts, updates that move an
 * object out of a range, deletes and clears; and a union or result of more objects than its first buffer.
 */
class QueryInTxnTest {
    private static ActorTestKit kit;
    private static Atoll db;
    private static AtollCollection<QDoc> docs;

    @BeforeAll
    static void open(@TempDir Path dir) {
        kit = ActorTestKit.create("QueryInTxnTest");
        db = Atoll.open(kit.system(), List.of(QDoc.class), dir, "querytxn");
        docs = db.collection(QDoc.class);
    }

    @AfterAll
    static void close() {
        db.close();
        kit.shutdownTestKit();
    }

    private static QDoc doc(long id, long at, List<String> tags) {
        QDoc d = new QDoc(at, "k" + id, "t" + id, "c" + (id % 2), tags, (int) id);
        d.id = id;
        return d;
    }

    /** Objects 1 to 5, at 10 to 50, tags [a] for odd ids and [b] for even ones. */
    @BeforeEach
    void reset() {
        List<QDoc> base = new ArrayList<>();
        for (long id = 1; id <= 5; id++) {
            base.add(doc(id, id * 10, List.of(id % 2 == 1 ? "a" : "b")));
        }
        db.writeTxnSync(() -> {
            docs.clear();
            docs.putAll(base);
        });
    }

    private static List<Long> ids(Query<QDoc> q) {
        return q.findAll().stream().map(d -> d.id).toList();
    }

    @Test
    void indexRange_mergesStagedPutsUpdatesAndDeletes_inIndexOrder() {
        db.writeTxnSync(() -> {
            docs.put(doc(6, 25, List.of("a")));
            docs.put(doc(2, 99, List.of("b")));
            docs.delete(3);
            Query<QDoc> q = docs.query().where(Where.between("at", 15L, 60L));
            assertEquals(List.of(6L, 4L, 5L), ids(q), "index order: 25, 40, 50; object 2 moved out, 3 deleted");
            assertEquals(3, q.count());
            assertEquals(List.of(1L, 6L, 4L, 5L, 2L), ids(docs.query().where(Where.any("at"))));
            assertEquals(List.of(4L), ids(docs.query().where(Where.between("at", 15L, 60L)).offset(1).limit(1)));
        });
    }

    @Test
    void idRange_mergesStagedWrites_inIdOrder() {
        db.writeTxnSync(() -> {
            docs.put(doc(9, 1, List.of()));
            docs.put(doc(2, 1, List.of()));
            docs.delete(3);
            docs.delete(5);
            assertEquals(List.of(1L, 2L, 4L, 9L), ids(docs.query()));
            assertEquals(List.of(2L, 4L), ids(docs.query().where(Where.between("id", 2L, 5L))));
            assertEquals(List.of(), ids(docs.query().where(Where.equalTo("id", 3L))));
            assertEquals(List.of(1L, 2L), ids(docs.query().where(Where.between("id", -5L, 2L))));
            assertEquals(List.of(), ids(docs.query().where(Where.between("id", -5L, -1L))));
            assertEquals(List.of(9L), ids(docs.query().where(Where.greaterThan("id", 4L))));
            assertEquals(1, docs.query().where(Where.equalTo("id", 9L)).count());
            assertEquals(4, docs.query().count());
        });
    }

    @Test
    void afterAClear_onlyStagedObjectsAreFound() {
        db.writeTxnSync(() -> {
            docs.clear();
            docs.put(doc(7, 30, List.of("a")));
            assertEquals(List.of(7L), ids(docs.query()));
            assertEquals(List.of(7L), ids(docs.query().where(Where.any("at"))));
            assertEquals(List.of(7L), ids(docs.query().where(Where.between("id", 1L, 10L))));
            assertEquals(List.of(7L), ids(docs.query().where(Where.equalTo("tags", "a"))));
            assertEquals(1, docs.query().count());
        });
    }

    @Test
    void multiEntryUnion_findsEachObjectOnce_stagedOrNot() {
        db.writeTxnSync(() -> {
            docs.put(doc(8, 5, List.of("a", "b", "c")));
            assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 8L), ids(docs.query().where(Where.anyOf("tags", "a", "b"))));
            assertEquals(List.of(8L, 1L, 3L, 5L), ids(docs.query().where(Where.notEqualTo("tags", "b"))
                    .where(Where.equalTo("tags", "c")).sortBy("at")), "sorted by at: 5, 10, 30, 50");
            assertEquals(List.of(1L, 3L, 5L, 8L), ids(docs.query().where(Where.startsWith("tags", "a"))));
        });
    }

    @Test
    void multiEntryRange_readsInIdOrder_notInIndexOrder() {
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), ids(docs.query().where(Where.any("tags"))),
                "the index holds a: 1, 3, 5 then b: 2, 4");
        assertEquals(List.of(2L, 4L), ids(docs.query().where(Where.greaterThan("tags", "a"))));
    }

    @Test
    void unionAndIds_ofMoreThanSixteenObjects_keepThemAll() {
        List<QDoc> many = new ArrayList<>();
        for (long id = 10; id < 50; id++) {
            many.add(doc(id, id, List.of("m")));
        }
        db.writeTxnSync(() -> docs.putAll(many));
        Object[] wanted = LongStream.range(10, 50).boxed().toArray();
        assertEquals(LongStream.range(10, 50).boxed().toList(), ids(docs.query().where(Where.anyOf("id", wanted))));
        assertEquals(40, docs.query().where(Where.anyOf("id", wanted)).count());
        int deleted = db.writeTxnSync(() -> docs.query().where(Where.equalTo("tags", "m")).deleteAll());
        assertEquals(40, deleted);
        assertEquals(5, docs.count());
    }

    @Test
    void deleteFirst_deletesTheFirstFoundOnly() {
        boolean one = db.writeTxnSync(() -> docs.query().where(Where.greaterThan("at", 25L)).deleteFirst());
        assertEquals(true, one);
        assertEquals(List.of(1L, 2L, 4L, 5L), ids(docs.query()));
        boolean none = db.writeTxnSync(() -> docs.query().where(Where.greaterThan("at", 500L)).deleteFirst());
        assertEquals(false, none);
        assertEquals(4, docs.count());
    }
}
