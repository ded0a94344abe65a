package dev.atoll.tests.query;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.Filter;
import dev.atoll.Query;
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
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression tests of the where clauses, filters and aggregates at their edges: each bug the model test
 * ({@link QueryModelPropertyTest}) found, each refusal, and each documented choice (empty anyOf, empty
 * groups, null bounds, nulls in ranges, floats without epsilon, count skipping nulls).
 */
class QueryEdgeTest {
    private static ActorTestKit kit;

    @TempDir
    Path dir;
    private Atoll db;
    private AtollCollection<Thing> things;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("QueryEdgeTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @BeforeEach
    void open() {
        db = Atoll.open(kit.system(), List.of(Thing.class), dir, "edges");
        things = db.collection(Thing.class);
    }

    @AfterEach
    void close() {
        db.close();
    }

    /** Stores objects with ids 1, 2, 3, ... in order, each shaped by its setter. */
    @SafeVarargs
    private List<Long> store(Consumer<Thing>... shapes) {
        List<Thing> list = new ArrayList<>();
        for (int n = 0; n < shapes.length; n++) {
            Thing t = new Thing();
            t.id = n + 1;
            shapes[n].accept(t);
            list.add(t);
        }
        return db.writeTxnSync(() -> things.putAll(list));
    }

    private static List<Long> ids(List<Thing> list) {
        return list.stream().map(t -> t.id).toList();
    }

    private List<Long> find(Query<Thing> q) {
        return ids(q.findAll());
    }

    // ------------------------------------------------------------------ bugs the model test found

    @Test
    void whereAny_onHashIndex_findsEveryObjectInIdOrder() {
        store(t -> t.code = "z", t -> t.code = null, t -> t.code = "a", t -> t.l = 5);
        assertEquals(List.of(1L, 2L, 3L, 4L), find(things.query().where(Where.any("code"))));
        assertEquals(List.of(1L, 2L, 3L, 4L), find(things.query().where(Where.any("l"))));
        assertEquals(4, things.query().where(Where.any("code")).count());
    }

    @Test
    void deleteAll_throughWhereAnyOnHashIndex_deletesEveryObject() {
        store(t -> t.code = "z", t -> t.code = null, t -> t.code = "a");
        int deleted = db.writeTxnSync(() -> things.query().where(Where.any("code")).deleteAll());
        assertEquals(3, deleted);
        assertEquals(0, things.count());
    }

    @Test
    void severalWheres_orderedClauseThenEmptyClause_giveIdOrder() {
        store(t -> t.i = 9, t -> t.i = 1, t -> t.i = 5);
        Query<Thing> q = things.query().where(Where.greaterThan("i", 0)).where(Where.between("i", 7, 3));
        assertEquals(List.of(1L, 2L, 3L), find(q));
        Query<Thing> swapped = things.query().where(Where.between("i", 7, 3)).where(Where.greaterThan("i", 0));
        assertEquals(List.of(1L, 2L, 3L), find(swapped));
        assertEquals(List.of(2L, 3L, 1L), find(things.query().where(Where.greaterThan("i", 0))));
    }

    @Test
    void whereAnyOf_oneValueRepeated_readsOneRangeInIndexOrder() {
        store(t -> { t.group = "g"; t.i = 9; }, t -> { t.group = "g"; t.i = 1; }, t -> { t.group = "h"; t.i = 0; });
        assertEquals(List.of(2L, 1L), find(things.query().where(Where.anyOf("group_i", "g", "g"))));
        assertEquals(List.of(2L, 1L), find(things.query().where(Where.equalTo("group_i", "g"))));
    }

    @Test
    void lengthConditions_atIntegerLimits_giveTheMathematicalAnswer() {
        store(t -> t.tags = List.of(), t -> t.tags = List.of("a", "b"), t -> t.tags = null, t -> t.name = "abc");
        assertEquals(List.of(), find(things.query().filter(Filter.lengthGreaterThan("tags", Integer.MAX_VALUE))));
        assertEquals(List.of(1L, 2L),
                find(things.query().filter(Filter.lengthGreaterThan("tags", Integer.MIN_VALUE))));
        assertEquals(List.of(), find(things.query().filter(Filter.lengthLessThan("tags", Integer.MIN_VALUE))));
        assertEquals(List.of(1L, 2L), find(things.query().filter(Filter.lengthLessThan("tags", Integer.MAX_VALUE))));
        assertEquals(List.of(), find(things.query().filter(Filter.lengthLessThan("tags", 0))));
        assertEquals(List.of(2L), find(things.query().filter(Filter.lengthGreaterThan("tags", 1))));
        assertEquals(List.of(1L), find(things.query().filter(Filter.lengthLessThan("tags", 1))));
        assertEquals(List.of(), find(things.query().filter(Filter.lengthGreaterThan("name", Integer.MAX_VALUE))));
        assertEquals(List.of(4L), find(things.query().filter(Filter.lengthLessThan("name", Integer.MAX_VALUE))));
        assertEquals(List.of(), find(things.query().filter(Filter.lengthEqualTo("tags", Integer.MIN_VALUE))));
    }

    @Test
    void sum_ofLongsWhoseRunningTotalOverflows_givesTheExactTotal() {
        store(t -> t.boxedLong = Long.MAX_VALUE, t -> t.boxedLong = 1L, t -> t.boxedLong = Long.MIN_VALUE,
                t -> t.boxedLong = null);
        assertEquals(0L, things.query().property("boxedLong").sum());
        assertEquals(0.0, things.query().property("boxedLong").average());
        assertEquals(Long.MAX_VALUE, things.query().where(Where.any("boxedLong")).sortBy("id").limit(1)
                .property("boxedLong").sum());
    }

    @Test
    void sum_whoseTotalDoesNotFit_throwsArithmeticExceptionNamingTheProperty() {
        store(t -> t.boxedLong = Long.MAX_VALUE, t -> t.boxedLong = 1L);
        ArithmeticException e = assertThrows(ArithmeticException.class,
                () -> things.query().property("boxedLong").sum());
        assertTrue(e.getMessage().contains("'boxedLong'") && e.getMessage().contains("9223372036854775808"),
                e.getMessage());
        db.writeTxnSync(() -> things.put(thing(3, t -> t.boxedLong = Long.MIN_VALUE)));
        assertEquals(0L, things.query().property("boxedLong").sum());
        db.writeTxnSync(() -> things.put(thing(4, t -> t.boxedLong = Long.MIN_VALUE)));
        db.writeTxnSync(() -> things.put(thing(5, t -> t.boxedLong = -1L)));
        assertThrows(ArithmeticException.class, () -> things.query().property("boxedLong").sum());
    }

    @Test
    void average_ofLongsNearTheLimits_isTheExactMean() {
        store(t -> t.boxedLong = Long.MAX_VALUE, t -> t.boxedLong = Long.MIN_VALUE);
        assertEquals(-0.5, things.query().property("boxedLong").average());
        store(t -> t.boxedLong = Long.MAX_VALUE, t -> t.boxedLong = Long.MAX_VALUE - 2, t -> t.boxedLong = 1L);
        assertEquals(new java.math.BigDecimal("6148914691236517204.3333333333").doubleValue(),
                things.query().property("boxedLong").average());
        assertEquals(0.0, things.query().property("i").average());
        assertEquals(Double.NaN, things.query().where(Where.isNull("boxedLong")).property("boxedLong").average());
    }

    private static Thing thing(long id, Consumer<Thing> shape) {
        Thing t = new Thing();
        t.id = id;
        shape.accept(t);
        return t;
    }

    @Test
    void exclusiveBounds_onTheId_leaveTheBoundOut() {
        store(t -> { }, t -> { }, t -> { }, t -> { });
        assertEquals(List.of(3L, 4L), find(things.query().where(Where.greaterThan("id", 2))));
        assertEquals(List.of(2L, 3L, 4L), find(things.query().where(Where.greaterThan("id", 2, true))));
        assertEquals(List.of(1L), find(things.query().where(Where.lessThan("id", 2))));
        assertEquals(List.of(1L, 2L), find(things.query().where(Where.lessThan("id", 2, true))));
        assertEquals(List.of(2L), find(things.query().where(Where.between("id", 1, false, 3, false))));
        assertEquals(List.of(), find(things.query().where(Where.greaterThan("id", Long.MAX_VALUE))));
        assertEquals(List.of(), find(things.query().where(Where.lessThan("id", Long.MIN_VALUE))));
        assertEquals(List.of(1L, 2L, 3L, 4L), find(things.query().where(Where.greaterThan("id", Long.MIN_VALUE))));
    }

    // ------------------------------------------------------------------ refusals

    private void refused(Where w, String... parts) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> things.query().where(w));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage() + " should name " + part);
        }
    }

    @Test
    void where_thatAHashIndexCannotServe_isRefusedWhenBuilt_namingIndexAndClause() {
        refused(Where.between("code", "a", "b"), "'code'", "code >= \"a\" <= \"b\"", "hash index");
        refused(Where.greaterThan("code", "a"), "'code'", "code > \"a\"", "hash index");
        refused(Where.lessThan("l", 5L), "'l'", "l < 5", "hash index");
        refused(Where.startsWith("code", "a"), "'code'", "code startsWith \"a\"", "hash index");
        refused(Where.isNotNull("code"), "'code'", "code isNotNull", "hash index");
        refused(Where.notEqualTo("code", "a"), "'code'", "code notEqualTo \"a\"", "hash index");
        refused(Where.isNull("l"), "'l'", "never null");
        refused(Where.equalTo("code", 5), "'code'");
    }

    @Test
    void where_thatOtherIndexesCannotServe_isRefusedWhenBuilt() {
        refused(Where.startsWith("i", "1"), "'i'", "startsWith needs a String");
        refused(Where.isNull("id"), "on the id", "id isNull");
        refused(Where.startsWith("id", "1"), "on the id");
        refused(Where.notEqualTo("id", "x"), "an id is a long");
        refused(Where.equalTo("group_i", "g", 1, 2), "'group_i'", "takes 1 to 2 values");
        refused(Where.notEqualTo("i", "x"), "'i'");
        assertThrows(IllegalArgumentException.class, () -> Where.between("i", null, 3));
        assertThrows(IllegalArgumentException.class, () -> Where.greaterThan("i", null));
    }

    // ------------------------------------------------------------------ notEqualTo

    @Test
    void whereNotEqualTo_isTheComplementOfEqualTo_nullsIncluded() {
        store(t -> t.name = "a", t -> t.name = null, t -> t.name = "b", t -> t.name = "ab");
        assertEquals(List.of(2L, 3L, 4L), find(things.query().where(Where.notEqualTo("name", "a"))));
        assertEquals(List.of(1L, 3L, 4L), find(things.query().where(Where.notEqualTo("name", null))));
        assertEquals(List.of(2L, 4L, 3L), ids(things.query().filter(Filter.equalTo("name", "a").not())
                .sortBy("name").findAll()));
    }

    @Test
    void whereNotEqualTo_onEveryIndexKindThatServesIt() {
        store(t -> { t.label = "Ab"; t.tags = List.of("x", "y"); t.group = "g"; t.i = 1; },
                t -> { t.label = "aB"; t.tags = List.of("x"); t.group = "h"; },
                t -> { t.label = null; t.tags = List.of(); t.group = null; },
                t -> { t.label = "b"; t.tags = null; t.group = "g"; t.i = 0; });
        assertEquals(List.of(3L, 4L), find(things.query().where(Where.notEqualTo("label", "AB"))));
        assertEquals(List.of(1L), find(things.query().where(Where.notEqualTo("tags", "x"))));
        assertEquals(List.of(2L, 3L), find(things.query().where(Where.notEqualTo("group_i", "g"))));
        assertEquals(List.of(2L, 3L), find(things.query().where(Where.notEqualTo("group", "g"))));
        assertEquals(List.of(1L, 3L, 4L), find(things.query().where(Where.notEqualTo("id", 2))));
        assertEquals(List.of(1L, 2L, 3L, 4L), find(things.query().where(Where.notEqualTo("id", Long.MIN_VALUE))));
        assertEquals(List.of(1L, 2L, 3L, 4L), find(things.query().where(Where.notEqualTo("id", Long.MAX_VALUE))));
        assertEquals(List.of(1L, 2L, 3L, 4L), find(things.query().where(Where.notEqualTo("flag", true))));
        assertTrue(things.query().where(Where.notEqualTo("id", 2)).explain().contains("[min, 1] [3, max]"),
                things.query().where(Where.notEqualTo("id", 2)).explain());
        String plan = things.query().where(Where.notEqualTo("name", "a")).explain();
        assertEquals("read index 'name' [[open, 01610001), [01610002, open)]", plan);
    }

    @Test
    void whereNotEqualTo_insideWriteTxn_seesStagedWrites() {
        store(t -> t.name = "a", t -> t.name = "b");
        List<Long> found = db.writeTxnSync(() -> {
            things.put(thing(3, t -> t.name = "c"));
            things.put(thing(2, t -> t.name = "a"));
            return find(things.query().where(Where.notEqualTo("name", "a")));
        });
        assertEquals(List.of(3L), found);
    }

    // ------------------------------------------------------------------ documented choices

    @Test
    void anyOf_withNoValues_matchesNothing_whereAndFilter() {
        store(t -> t.name = "a", t -> t.name = null);
        assertEquals(List.of(), find(things.query().where(Where.anyOf("name"))));
        assertEquals(List.of(), find(things.query().where(Where.anyOf("code", List.of()))));
        assertEquals(List.of(), find(things.query().where(Where.anyOf("id"))));
        assertEquals(List.of(), find(things.query().filter(Filter.anyOf("name"))));
        assertEquals(List.of(), find(things.query().filter(Filter.anyOf("tags", List.of()))));
    }

    @Test
    void emptyGroups_andIsTrue_orIsFalse() {
        store(t -> t.name = "a", t -> t.name = null);
        assertEquals(List.of(1L, 2L), find(things.query().filter(Filter.and())));
        assertEquals(List.of(), find(things.query().filter(Filter.or())));
        assertEquals(List.of(1L, 2L), find(things.query().filter(Filter.or().not())));
    }

    @Test
    void rangeConditions_neverMatchNull_andNeedNonNullBounds() {
        store(t -> t.boxedLong = null, t -> t.boxedLong = -5L, t -> t.name = null, t -> t.boxedLong = 5L);
        assertEquals(List.of(2L), find(things.query().where(Where.lessThan("boxedLong", 0L))));
        assertEquals(List.of(2L), find(things.query().filter(Filter.lessThan("boxedLong", 0L))));
        assertEquals(List.of(2L, 4L), find(things.query().filter(Filter.between("boxedLong", Long.MIN_VALUE,
                Long.MAX_VALUE))));
        assertEquals(List.of(), find(things.query().filter(Filter.lessThan("name", "a"))));
        assertThrows(IllegalArgumentException.class, () -> Filter.between("boxedLong", null, 1L));
        assertThrows(IllegalArgumentException.class, () -> Filter.lessThan("boxedLong", null));
    }

    @Test
    void floatComparison_hasNoEpsilon() {
        store(t -> { t.f = 0.1f; t.d = 0.1 + 0.2; }, t -> { t.f = 0.3f; t.d = 0.3; });
        assertEquals(List.of(1L), find(things.query().filter(Filter.equalTo("f", 0.1))));
        assertEquals(List.of(1L), find(things.query().filter(Filter.equalTo("f", 0.1f))));
        assertEquals(List.of(2L), find(things.query().where(Where.equalTo("d", 0.3))));
        assertEquals(List.of(2L), find(things.query().filter(Filter.equalTo("d", 0.3))));
        assertEquals(List.of(1L), find(things.query().where(Where.greaterThan("d", 0.3))));
    }

    @Test
    void propertyCount_skipsNulls_whileFindAllKeepsThem() {
        store(t -> t.name = "a", t -> t.name = null, t -> t.name = "b");
        assertEquals(2, things.query().property("name").count());
        assertEquals(Arrays.asList("a", null, "b"), things.query().property("name").findAll());
        assertEquals(3, things.query().property("i").count());
    }

    // ------------------------------------------------------------------ element nulls and embedded properties

    @Test
    void elementIsNull_onAListOfEmbeddedObjects_findsTheListsWithANullElement() {
        store(t -> t.authors = Arrays.asList(new Author("a", 1), null), t -> t.authors = List.of(new Author("b", 2)),
                t -> t.authors = null, t -> t.authors = List.of(), t -> t.authors = Arrays.asList((Author) null));
        assertEquals(List.of(1L, 5L), find(things.query().filter(Filter.elementIsNull("authors"))));
        assertEquals(List.of(1L, 2L), find(things.query().filter(Filter.elementIsNotNull("authors"))));
        assertEquals(List.of(2L, 3L, 4L), find(things.query().filter(Filter.elementIsNull("authors").not())));
        assertEquals(List.of(), find(things.query().filter(Filter.elementIsNull("tags"))));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> things.query().filter(Filter.elementIsNull("name")));
        assertTrue(e.getMessage().contains("'name'") && e.getMessage().contains("need a List"), e.getMessage());
        assertTrue(Filter.elementIsNull("authors").toString().equals("authors elementIsNull"));
        assertTrue(Filter.elementIsNotNull("authors").toString().equals("authors elementIsNotNull"));
    }

    @Test
    void elementIsNull_onAListOfStrings_agreesWithEqualToNull() {
        store(t -> t.tags = Arrays.asList("a", null), t -> t.tags = List.of("b"), t -> t.tags = null);
        assertEquals(List.of(1L), find(things.query().filter(Filter.elementIsNull("tags"))));
        assertEquals(List.of(1L), find(things.query().filter(Filter.equalTo("tags", null))));
        assertEquals(List.of(1L), find(things.query().where(Where.isNull("tags"))));
        assertEquals(List.of(1L, 2L), find(things.query().filter(Filter.elementIsNotNull("tags"))));
    }

    @Test
    void propertyQuery_onAnEmbeddedObjectAndItsPath() {
        store(t -> t.author = new Author("ann", 30), t -> t.author = null, t -> t.author = new Author(null, 7));
        assertEquals(Arrays.asList("ann", null, null), things.query().property("author.name").findAll());
        assertEquals(1, things.query().property("author.name").count());
        assertEquals("ann", things.query().property("author.name").max());
        assertEquals(37L, things.query().property("author.age").sum());
        assertEquals(2, things.query().property("author.age").count());
        List<Object> authors = things.query().property("author").findAll();
        assertEquals(3, authors.size());
        assertEquals("ann", ((Author) authors.get(0)).name);
        assertNull(authors.get(1));
        assertEquals(2, things.query().property("author").count());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> things.query().property("author").min());
        assertTrue(e.getMessage().contains("'author'") && e.getMessage().contains("no order"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> things.query().property("author").max());
        assertThrows(IllegalArgumentException.class, () -> things.query().property("tags").max());
        assertThrows(IllegalArgumentException.class, () -> things.query().property("author").sum());
        e = assertThrows(IllegalArgumentException.class, () -> things.query().property("authors.name"));
        assertTrue(e.getMessage().contains("'authors.name'") && e.getMessage().contains("inside a List"),
                e.getMessage());
    }
}
