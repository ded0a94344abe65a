package dev.atoll;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * How a query runs over stored objects ({@link QueryRunner}): what it decodes (only what a filter, a
 * sort, a distinct, a hash recheck or the result needs), distinct, offset and limit with and without a
 * sort, and the order of ties.
 */
class QueryRunTest {
    private static ActorTestKit kit;
    private static Atoll db;
    private static AtollCollection<QDoc> docs;

    /**
     * Objects 1 to 6: at 60, 50, ..., 10 (reverse id order), code c1 for odd ids and c0 for even ones,
     * size 1, 1, 2, 2, 3, 3.
     */
    @BeforeAll
    static void open(@TempDir Path dir) {
        kit = ActorTestKit.create("QueryRunTest");
        db = Atoll.open(kit.system(), List.of(QDoc.class), dir, "run");
        docs = db.collection(QDoc.class);
        List<QDoc> all = new ArrayList<>();
        for (long id = 1; id <= 6; id++) {
            QDoc d = new QDoc(70 - id * 10, "k" + id, "t" + id, "c" + (id % 2), List.of("x"), (int) (id + 1) / 2);
            d.id = id;
            all.add(d);
        }
        db.writeTxnSync(() -> docs.putAll(all));
    }

    @AfterAll
    static void close() {
        db.close();
        kit.shutdownTestKit();
    }

    private static List<Long> ids(Query<QDoc> q) {
        return q.findAll().stream().map(d -> d.id).toList();
    }

    /** Runs count() and returns {count, candidates, decoded}. */
    private static List<Long> counted(Query<QDoc> q) {
        long n = q.count();
        return List.of(n, q.spec.lastCandidates, q.spec.lastDecoded);
    }

    @Test
    void count_plain_readsTheCollectionCountOnly() {
        assertEquals(List.of(6L, 0L, 0L), counted(docs.query()));
    }

    @Test
    void count_sorted_readsTheCollectionCountOnly() {
        assertEquals(List.of(6L, 0L, 0L), counted(docs.query().sortBy("size")), "a sort does not change a count");
        assertEquals(List.of(6L, 6L, 6L), counted(docs.query().sortBy("size").offset(0).limit(100)));
    }

    @Test
    void count_withOffsetLimitOrWhere_countsCandidatesWithoutDecoding() {
        assertEquals(List.of(5L, 6L, 0L), counted(docs.query().offset(1)));
        assertEquals(List.of(2L, 2L, 0L), counted(docs.query().limit(2)));
        assertEquals(List.of(0L, 0L, 0L), counted(docs.query().limit(0)));
        assertEquals(List.of(3L, 3L, 0L), counted(docs.query().where(Where.between("at", 20L, 40L))));
        assertEquals(List.of(2L, 2L, 0L), counted(docs.query().where(Where.between("id", 2L, 3L))));
    }

    @Test
    void count_withFilterDistinctSortOrHash_decodesEachCandidate() {
        assertEquals(List.of(2L, 6L, 6L), counted(docs.query().filter(Filter.equalTo("size", 2))));
        assertEquals(List.of(2L, 6L, 6L), counted(docs.query().distinctBy("code")));
        assertEquals(List.of(3L, 3L, 3L), counted(docs.query().where(Where.equalTo("code", "c1"))),
                "a hash index's hits are checked against the value");
    }

    @Test
    void findAll_decodesEveryResult() {
        Query<QDoc> q = docs.query().where(Where.between("id", 2L, 4L));
        assertEquals(List.of(2L, 3L, 4L), ids(q));
        assertEquals(3, q.spec.lastDecoded);
        assertEquals(3, q.spec.lastCandidates);
    }

    @Test
    void distinct_withoutSort_keepsTheFirstOfEachInSourceOrder() {
        assertEquals(List.of(1L, 2L), ids(docs.query().distinctBy("code")));
        assertEquals(List.of(1L, 3L, 5L), ids(docs.query().distinctBy("size")));
        assertEquals(List.of(6L, 4L, 2L), ids(docs.query().where(Where.any("at")).distinctBy("size")),
                "index order: at 10 (id 6) first");
        assertEquals(List.of(3L, 5L), ids(docs.query().distinctBy("size").offset(1)));
        assertEquals(List.of(1L), ids(docs.query().distinctBy("size").limit(1)));
    }

    @Test
    void distinct_withSort_keepsTheFirstOfEachInSortOrder() {
        assertEquals(List.of(1L, 3L, 5L), ids(docs.query().sortBy("at", Sort.DESC).distinctBy("size")));
        assertEquals(List.of(6L, 5L), ids(docs.query().sortBy("code").thenBy("id", Sort.DESC).distinctBy("code")),
                "c0 first; of each code the largest id");
        assertEquals(List.of(3L), ids(docs.query().sortBy("at", Sort.DESC).distinctBy("size").offset(1).limit(1)));
    }

    @Test
    void sortedOffsetAndLimit_applyAfterTheSort() {
        assertEquals(List.of(5L, 4L), ids(docs.query().sortBy("size", Sort.DESC).thenBy("at").offset(1).limit(2)),
                "sorted: 6, 5, 4, 3, 2, 1; offset 1, limit 2");
        assertEquals(List.of(), ids(docs.query().sortBy("size").limit(0)));
        assertEquals(List.of(), ids(docs.query().sortBy("size").offset(6)));
        assertEquals(List.of(6L), ids(docs.query().sortBy("size").offset(5)));
    }

    @Test
    void sortTies_areBrokenByIdAscending_inBothDirections() {
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), ids(docs.query().sortBy("size")));
        assertEquals(List.of(5L, 6L, 3L, 4L, 1L, 2L), ids(docs.query().sortBy("size", Sort.DESC)));
        assertEquals(List.of(2L, 4L, 6L, 1L, 3L, 5L), ids(docs.query().sortBy("code")));
        assertEquals(List.of(6L, 5L, 4L, 3L, 2L, 1L), ids(docs.query().sortBy("id", Sort.DESC)));
        assertEquals(List.of(6L, 5L), ids(docs.query().where(Where.between("id", 2L, 6L)).sortBy("at").limit(2)));
    }

    @Test
    void sortOverAUnion_isDoneAfterReading_evenWhenItsFirstClauseGivesTheOrder() {
        Query<QDoc> q = docs.query().where(Where.between("at", 20L, 40L)).where(Where.equalTo("id", 6L)).sortBy("at");
        assertEquals(List.of(6L, 5L, 4L, 3L), ids(q), "at 10, 20, 30, 40: the union reads in id order");
        assertEquals(List.of(3L, 4L, 5L, 6L), ids(docs.query().where(Where.between("at", 20L, 40L))
                .where(Where.equalTo("id", 6L))), "no sort: id order");
    }

    @Test
    void sortTies_overAnIndexOrderedSource_areStillBrokenById() {
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L, 6L), ids(docs.query().where(Where.any("at")).sortBy("size")),
                "the index reads 6, 5, ... 1; ties of size are ordered by id");
    }

    @Test
    void filterWithWhere_bothMustHold() {
        assertEquals(List.of(3L), ids(docs.query().where(Where.equalTo("code", "c1")).filter(Filter.equalTo("size", 2))));
        assertEquals(List.of(), ids(docs.query().where(Where.equalTo("code", "c1")).filter(Filter.equalTo("size", 9))));
        assertEquals(List.of(3L, 5L), ids(docs.query().where(Where.equalTo("code", "c1")).filter(Filter.greaterThan("size", 1))));
    }

    @Test
    void unionOfIdAndIndexClauses_findsEachOnceInIdOrder() {
        assertEquals(List.of(1L, 2L, 6L), ids(docs.query().where(Where.equalTo("id", 2L)).where(Where.equalTo("at", 10L))
                .where(Where.anyOf("id", 1L, 2L))));
        assertEquals(List.of(2L, 3L), ids(docs.query().where(Where.between("id", 2L, 3L)).where(Where.between("at", 40L, 50L))));
    }
}
