package dev.atoll;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@link Query#explain()} says about a plan (the source it reads, whether it sorts, where a limit
 * stops), and the plan choices behind it: which index serves a sort.
 */
class QueryExplainTest {
    private static final String RANGE = "\\[[0-9a-f]+, [0-9a-f]+\\)";
    private static ActorTestKit kit;
    private static Atoll db;
    private static AtollCollection<QDoc> docs;

    @BeforeAll
    static void open() throws IOException {
        kit = ActorTestKit.create("QueryExplainTest");
        db = Atoll.open(kit.system(), List.of(QDoc.class), Files.createTempDirectory("atoll-explain"), "explain");
        docs = db.collection(QDoc.class);
    }

    @AfterAll
    static void close() {
        db.close();
        kit.shutdownTestKit();
    }

    private static void explains(String regex, Query<QDoc> q) {
        String text = q.explain();
        assertTrue(text.matches(regex), "explain: " + text + "\n expected: " + regex);
    }

    @Test
    void explain_noWhereNoSort_scansInIdOrder() {
        assertEquals("scan all objects in id order", docs.query().explain());
        assertEquals("Query[QDoc]scan all objects in id order", docs.query().toString());
    }

    @Test
    void explain_sortThatAnIndexGives_scansThatIndex() {
        assertEquals("scan index 'at' in order (it gives the sort); already sorted by [at ASC]",
                docs.query().sortBy("at").explain());
        assertEquals("scan index 'at' in order (it gives the sort); already sorted by [at ASC]; limit 2"
                + " (stops reading early)", docs.query().sortBy("at").limit(2).explain());
    }

    @Test
    void explain_sortNoIndexGives_sortsAfterReading() {
        assertEquals("scan all objects in id order; sort by [at DESC]", docs.query().sortBy("at", Sort.DESC).explain());
        assertEquals("scan all objects in id order; sort by [size ASC]; limit 3",
                docs.query().sortBy("size").limit(3).explain());
        assertEquals("scan all objects in id order; sort by [at ASC, size ASC]",
                docs.query().sortBy("at").thenBy("size").explain());
        assertEquals("scan all objects in id order; sort by [title ASC, at ASC]",
                docs.query().sortBy("title").thenBy("at").explain(),
                "a case-insensitive index (title_at) does not give the order of the strings");
    }

    @Test
    void explain_sortById_needsNoSortWithoutWhere() {
        assertEquals("scan all objects in id order; already sorted by [id ASC]", docs.query().sortBy("id").explain());
        assertEquals("scan all objects in id order; sort by [id DESC]", docs.query().sortBy("id", Sort.DESC).explain());
        assertEquals("scan all objects in id order; sort by [id ASC, at ASC]",
                docs.query().sortBy("id").thenBy("at").explain());
    }

    @Test
    void explain_whereOnTheId_showsTheIdRanges() {
        assertEquals("read ids [3, 7]", docs.query().where(Where.between("id", 3L, 7L)).explain());
        assertEquals("read ids [min, 2] [4, max]", docs.query().where(Where.notEqualTo("id", 3L)).explain());
        assertEquals("read ids [min, max]; already sorted by [id ASC]",
                docs.query().where(Where.any("id")).sortBy("id").explain());
        assertEquals("read ids [1, 1] [2, 2]; sort by [id ASC]",
                docs.query().where(Where.anyOf("id", 1L, 2L)).sortBy("id").explain(), "two id ranges: a union");
        assertEquals("read ids [1, 5]; sort by [id DESC]",
                docs.query().where(Where.between("id", 1L, 5L)).sortBy("id", Sort.DESC).explain());
        assertEquals("read ids [1, 5]; sort by [at ASC]",
                docs.query().where(Where.between("id", 1L, 5L)).sortBy("at").explain());
    }

    @Test
    void explain_whereOnAnIndex_showsItsKeyRanges() {
        explains("read index 'at' \\[\\[[0-9a-f]+, [0-9a-f]+\\)\\]; already sorted by \\[at ASC\\]",
                docs.query().where(Where.greaterThan("at", 5L)).sortBy("at"));
        explains("read index 'at' \\[" + RANGE + ", " + RANGE + "\\]; sort by \\[at ASC\\]",
                docs.query().where(Where.anyOf("at", 1L, 9L)).sortBy("at"));
        explains("read index 'code' \\[" + RANGE + "\\] \\(hash: each found object is checked against the"
                + " value\\)", docs.query().where(Where.equalTo("code", "c")));
        explains("read index 'tags' \\[" + RANGE + "\\]; sort by \\[at ASC\\]",
                docs.query().where(Where.equalTo("tags", "a")).sortBy("at"));
        explains("read ids \\[1, 1\\] OR index 'at' \\[" + RANGE + "\\]",
                docs.query().where(Where.equalTo("id", 1L)).where(Where.equalTo("at", 1L)));
    }

    @Test
    void explain_filterDistinctOffsetLimit_inOrder() {
        assertEquals("scan all objects in id order; filter size eq 1",
                docs.query().filter(Filter.equalTo("size", 1)).explain());
        assertEquals("scan all objects in id order; filter [size eq 1, at > 2]",
                docs.query().filter(Filter.equalTo("size", 1)).filter(Filter.greaterThan("at", 2L)).explain());
        assertEquals("scan all objects in id order; distinct by [size, at]",
                docs.query().distinctBy("size", "at").explain());
        assertEquals("scan all objects in id order; offset 4", docs.query().offset(4).explain());
        assertEquals("scan all objects in id order; limit 0 (stops reading early)", docs.query().limit(0).explain());
        assertEquals("scan all objects in id order", docs.query().offset(0).explain());
    }

    @Test
    void servesSort_onlyAnAscendingSortOnExactlyTheIndexsProperties() {
        var at = docs.query().schema.indexes().stream().filter(ix -> ix.name().equals("at")).findFirst().orElseThrow();
        var tags = docs.query().schema.indexes().stream().filter(ix -> ix.name().equals("tags")).findFirst()
                .orElseThrow();
        var code = docs.query().schema.indexes().stream().filter(ix -> ix.name().equals("code")).findFirst()
                .orElseThrow();
        assertTrue(docs.query().sortBy("at").spec.servesSort(at));
        assertFalse(docs.query().sortBy("at", Sort.DESC).spec.servesSort(at));
        assertFalse(docs.query().sortBy("at").thenBy("size").spec.servesSort(at));
        assertFalse(docs.query().sortBy("size").spec.servesSort(at));
        assertFalse(docs.query().spec.servesSort(at), "no sort: nothing to serve");
        assertFalse(docs.query().sortBy("code").spec.servesSort(code), "a hash index's order is the hashes'");
        assertSame(at, docs.query().sortBy("at").spec.sortIndex());
        assertNull(docs.query().spec.sortIndex());
        assertNull(docs.query().sortBy("size").spec.sortIndex());
        assertFalse(docs.query().sortBy("at").spec.servesSort(tags));
    }
}
