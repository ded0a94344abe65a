package dev.atoll;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Building a query refuses what cannot run, naming the problem (property paths, sorts, distinct,
 * offset, limit, property queries), and property queries aggregate as their contracts say.
 */
class QueryBuildTest {
    private static ActorTestKit kit;
    private static Atoll db;
    private static AtollCollection<FDoc> docs;

    @BeforeAll
    static void open(@TempDir Path dir) {
        kit = ActorTestKit.create("QueryBuildTest");
        db = Atoll.open(kit.system(), List.of(FDoc.class), dir, "build");
        docs = db.collection(FDoc.class);
        FDoc a = new FDoc(1, "b", 3);
        a.weight = 1.5;
        a.part = new FDoc.FPart("x", 1);
        a.tags = List.of("t");
        FDoc b = new FDoc(2, "a", -7);
        b.weight = 2.0;
        FDoc c = new FDoc(3, null, 10);
        db.writeTxnSync(() -> docs.putAll(List.of(a, b, c)));
    }

    @AfterAll
    static void close() {
        db.close();
        kit.shutdownTestKit();
    }

    private static String refusal(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }

    @Test
    void path_unknownOrNotEmbedded_isRefusedNamingIt() {
        assertEquals("unknown property 'nope': collection 'FDoc' has no property 'nope'; its properties are [name,"
                + " part, parts, size, tags, weight] and the id 'id'", refusal(() -> docs.query().sortBy("nope")));
        assertEquals("unknown property 'part.nope': embedded 'part' has no property 'nope'; its properties are"
                + " [label, rank]", refusal(() -> docs.query().sortBy("part.nope")));
        assertEquals("unknown property 'size.x': 'size' is a INT, not an embedded object",
                refusal(() -> docs.query().sortBy("size.x")));
        assertEquals("a property name is required (collection 'FDoc')", refusal(() -> docs.query().sortBy("")));
        assertTrue(refusal(() -> docs.query().sortBy((String) null)).startsWith("a property name is required"));
    }

    @Test
    void sortBy_aListOrEmbeddedOrThroughAList_isRefused() {
        assertEquals("sortBy(\"tags\") on collection 'FDoc': property 'tags' is a LIST<STRING> and cannot be sorted"
                + " by", refusal(() -> docs.query().sortBy("tags")));
        assertEquals("sortBy(\"part\") on collection 'FDoc': property 'part' is an embedded FPart; it needs a single"
                + " value", refusal(() -> docs.query().sortBy("part")));
        assertEquals("sortBy(\"parts.rank\") on collection 'FDoc': property 'parts.rank' is inside a List; it needs"
                + " a single value", refusal(() -> docs.query().sortBy("parts.rank")));
    }

    @Test
    void thenBy_withoutSortBy_isAnIllegalState() {
        assertEquals("thenBy(\"size\") needs a sortBy first",
                assertThrows(IllegalStateException.class, () -> docs.query().thenBy("size")).getMessage());
        assertThrows(NullPointerException.class, () -> docs.query().sortBy("size", null));
    }

    @Test
    void distinctBy_listAllowedButNotInsideOne() {
        assertEquals(List.of(1L, 2L), docs.query().distinctBy("tags").findAll().stream().map(d -> d.id).toList(),
                "a List compares as a whole: [t] once, null once");
        assertTrue(refusal(() -> docs.query().distinctBy("parts.label")).startsWith("distinctBy(\"parts.label\")"));
        assertTrue(refusal(() -> docs.query().distinctBy("part")).contains("is an embedded FPart"));
    }

    @Test
    void offsetAndLimit_negative_areRefused_zeroAllowed() {
        assertEquals("offset must not be negative: -1", refusal(() -> docs.query().offset(-1)));
        assertEquals("limit must not be negative: -2", refusal(() -> docs.query().limit(-2)));
        assertEquals(3, docs.query().offset(0).count());
        assertEquals(0, docs.query().limit(0).count());
        assertTrue(docs.query().limit(0).isEmpty());
        assertNull(docs.query().limit(0).findFirst());
        assertEquals(2, docs.query().offset(1).count());
        assertEquals(1, docs.query().limit(1).count());
    }

    @Test
    void property_throughAList_isRefused() {
        assertEquals("property(\"parts.label\") on collection 'FDoc': property 'parts.label' is inside a List; it"
                + " needs a single value", refusal(() -> docs.query().property("parts.label")));
    }

    @Test
    void propertyAggregates_skipNulls() {
        assertEquals(Arrays.asList("b", "a", null), docs.query().<String>property("name").findAll());
        assertEquals(2, docs.query().property("name").count());
        assertEquals("a", docs.query().<String>property("name").min());
        assertEquals("b", docs.query().<String>property("name").max());
        assertEquals(-7, docs.query().<Integer>property("size").min());
        assertEquals(10, docs.query().<Integer>property("size").max());
        assertEquals(6L, docs.query().property("size").sum());
        assertEquals(2.0, docs.query().property("size").average());
        assertEquals(3.5, docs.query().property("weight").sum());
        assertEquals(1.75, docs.query().property("weight").average());
        assertEquals(0.0, docs.query().limit(0).property("weight").sum());
        assertEquals(0L, docs.query().limit(0).property("size").sum());
        assertTrue(Double.isNaN(docs.query().limit(0).property("weight").average()));
        assertNull(docs.query().limit(0).property("size").max());
        assertEquals("x", docs.query().<String>property("part.label").max());
    }

    @Test
    void propertyAggregates_onTheWrongType_areRefusedNamingIt() {
        assertEquals("min/max of property 'tags': it is a LIST<STRING>, which has no order",
                refusal(() -> docs.query().property("tags").max()));
        assertTrue(refusal(() -> docs.query().property("part").min()).contains("it is an embedded FPart"));
        assertEquals("sum of property 'name': it is a STRING, not a number",
                refusal(() -> docs.query().property("name").sum()));
        assertEquals("average of property 'name': it is a STRING, not a number",
                refusal(() -> docs.query().property("name").average()));
    }

    @Test
    void filter_andWhere_nullArguments_areRefused() {
        assertThrows(NullPointerException.class, () -> docs.query().filter((Filter) null));
        assertThrows(NullPointerException.class, () -> docs.query().where((Where) null));
        assertFalse(docs.query().filter(Filter.equalTo("size", 3)).isEmpty());
        assertEquals(1, docs.query().filter(Filter.greaterThan("size", 0)).filter(Filter.lessThan("size", 5)).count(),
                "filters are ANDed");
    }
}
