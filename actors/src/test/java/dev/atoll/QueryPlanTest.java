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

/** What a query reads: only its index range, and no further than its limit when the index gives the order. */
class QueryPlanTest {
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("QueryPlanTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private static List<QDoc> docs(int n) {
        List<QDoc> docs = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            docs.add(new QDoc(i, "k" + i, "t" + (i % 10), "c" + (i % 7), List.of("a" + (i % 3)), i % 5));
        }
        return docs;
    }

    @Test
    void filterOverIndexRange_decodesOnlyTheObjectsInTheRange() {
        Atoll db = Atoll.open(kit.system(), List.of(QDoc.class), dir, "plan");
        try {
            AtollCollection<QDoc> docs = db.collection(QDoc.class);
            db.writeTxnSync(() -> docs.putAll(docs(5000)));
            Query<QDoc> q = docs.query().where(Where.between("at", 1000L, 1099L)).filter(Filter.equalTo("size", 3));
            assertEquals(20, q.findAll().size());
            assertEquals(100, q.spec.lastCandidates, "ids read from the index range");
            assertEquals(100, q.spec.lastDecoded, "objects decoded: only the range");

            Query<QDoc> full = docs.query().filter(Filter.between("at", 1000L, 1099L))
                    .filter(Filter.equalTo("size", 3));
            assertEquals(20, full.findAll().size());
            assertEquals(5000, full.spec.lastDecoded, "without a where clause every object is decoded");

            Query<QDoc> counted = docs.query().where(Where.between("at", 10L, 19L));
            assertEquals(10, counted.count());
            assertEquals(0, counted.spec.lastDecoded, "a count without filter decodes nothing");
        } finally {
            db.close();
        }
    }

    @Test
    void limitOnIndexOrderedQuery_stopsReadingEarly() {
        Atoll db = Atoll.open(kit.system(), List.of(QDoc.class), dir, "early");
        try {
            AtollCollection<QDoc> docs = db.collection(QDoc.class);
            db.writeTxnSync(() -> docs.putAll(docs(2000)));
            Query<QDoc> q = docs.query().where(Where.greaterThan("at", 100L)).sortBy("at").limit(5);
            List<QDoc> found = q.findAll();
            assertEquals(List.of(101L, 102L, 103L, 104L, 105L), found.stream().map(d -> d.at).toList());
            assertEquals(5, q.spec.lastCandidates);
            Query<QDoc> whereless = docs.query().sortBy("at").offset(10).limit(3);
            assertEquals(List.of(10L, 11L, 12L), whereless.findAll().stream().map(d -> d.at).toList());
            assertEquals(13, whereless.spec.lastCandidates);
            Query<QDoc> sorted = docs.query().where(Where.greaterThan("at", 100L)).sortBy("at", Sort.DESC).limit(5);
            assertEquals(List.of(1999L, 1998L, 1997L, 1996L, 1995L),
                    sorted.findAll().stream().map(d -> d.at).toList());
            assertEquals(1899, sorted.spec.lastCandidates, "a descending sort reads the range, then sorts");
        } finally {
            db.close();
        }
    }

    @Test
    void queryInWriteTxn_recordsACollectionRead_soAConcurrentCommitIsAConflict() throws Exception {
        Atoll db = Atoll.open(kit.system(), List.of(QDoc.class), dir, "conflict");
        Atoll other = Atoll.open(kit.system(), List.of(QDoc.class), dir, "conflict");
        try {
            AtollCollection<QDoc> docs = db.collection(QDoc.class);
            db.writeTxnSync(() -> docs.putAll(docs(10)));
            int[] runs = {0};
            java.util.concurrent.CompletableFuture<Void> otherCommit = new java.util.concurrent.CompletableFuture<>();
            long written = db.writeTxnSync(() -> {
                runs[0]++;
                long n = docs.query().where(Where.greaterThan("at", 5L)).count();
                if (runs[0] == 1) {
                    Thread t = new Thread(() -> {
                        AtollCollection<QDoc> theirs = other.collection(QDoc.class);
                        other.writeTxnSync(() -> theirs.put(new QDoc(50, "k50", "t", "c", List.of(), 1)));
                        otherCommit.complete(null);
                    });
                    t.start();
                    otherCommit.join();
                }
                QDoc summary = new QDoc(1000 + n, null, "sum", null, null, 0);
                docs.put(summary);
                return n;
            });
            assertEquals(2, runs[0], "the body ran again after the conflicting commit");
            assertEquals(5, written);
        } finally {
            other.close();
            db.close();
        }
    }
}
