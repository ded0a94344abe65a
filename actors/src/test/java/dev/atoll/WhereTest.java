package dev.atoll;















import dev.atoll.internal.query.Bound;
import dev.atoll.internal.query.KeyRange;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Where clauses: their text, what binding them to a collection checks, and the ranges they read. */
class WhereTest {
    private static ActorTestKit kit;
    private static Atoll db;
    private static AtollCollection<QDoc> docs;

    @BeforeAll
    static void open(@TempDir Path dir) {
        kit = ActorTestKit.create("WhereTest");
        db = Atoll.open(kit.system(), List.of(QDoc.class, HDoc.class), dir, "where");
        docs = db.collection(QDoc.class);
    }

    @AfterAll
    static void close() {
        db.close();
        kit.shutdownTestKit();
    }

    private static Bound bound(Where w) {
        return docs.query().where(w).spec.wheres.get(0);
    }

    private static String refusal(Where w) {
        return assertThrows(IllegalArgumentException.class, () -> docs.query().where(w)).getMessage();
    }

    @Test
    void toString_eachKind_showsTheClause() {
        assertEquals("at >= 1 <= 5", Where.between("at", 1L, 5L).toString());
        assertEquals("at > 1 < 5", Where.between("at", 1L, false, 5L, false).toString());
        assertEquals("at > 1", Where.greaterThan("at", 1L).toString());
        assertEquals("at >= 1", Where.greaterThan("at", 1L, true).toString());
        assertEquals("at < 1", Where.lessThan("at", 1L).toString());
        assertEquals("at <= 1", Where.lessThan("at", 1L, true).toString());
        assertEquals("key > \"a\"", Where.greaterThan("key", "a").toString());
        assertEquals("title_at equalTo [\"x\", 3]", Where.equalTo("title_at", "x", 3L).toString());
        assertEquals("key equalTo [null]", Where.equalTo("key", (Object[]) null).toString());
        assertEquals("key notEqualTo \"x\"", Where.notEqualTo("key", "x").toString());
        assertEquals("at notEqualTo 4", Where.notEqualTo("at", 4L).toString());
        assertEquals("at anyOf [1, 2]", Where.anyOf("at", List.of(1L, 2L)).toString());
        assertEquals("title startsWith \"ab\"", Where.startsWith("title", "ab").toString());
        assertEquals("key isNull", Where.isNull("key").toString());
        assertEquals("key isNotNull", Where.isNotNull("key").toString());
        assertEquals("key any", Where.any("key").toString());
    }

    @Test
    void build_nullBoundOrIndex_isRefused() {
        assertEquals("a range bound must not be null (use isNull for nulls)",
                assertThrows(IllegalArgumentException.class, () -> Where.greaterThan("at", null)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> Where.lessThan("at", null));
        assertThrows(IllegalArgumentException.class, () -> Where.between("at", 1L, null));
        assertThrows(IllegalArgumentException.class, () -> Where.startsWith("key", null));
        assertThrows(NullPointerException.class, () -> Where.any(null));
    }

    @Test
    void bind_unknownName_saysWhetherThePropertyLacksAnIndex() {
        assertEquals("where size equalTo [1] on collection 'QDoc': property 'size' has no index; where(...) needs an"
                + " index: add @Index to it, or use filter(...); its indexes are [at, code, key, tags, title_at] and"
                + " the id is 'id'", refusal(Where.equalTo("size", 1)));
        assertTrue(refusal(Where.equalTo("part.x", 1)).contains("property 'part.x' has no index"));
        assertTrue(refusal(Where.equalTo("nope", 1)).contains(": there is no index (or property) 'nope';"));
    }

    @Test
    void bind_propertyThatLeadsAnIndex_usesThatIndex() {
        Bound b = bound(Where.equalTo("title", "x"));
        assertEquals("title_at", b.index().name());
        assertEquals(4, b.slot(), "indexes in name order: at, code, key, tags, title_at");
        assertTrue(b.ordered());
        assertEquals(1, b.ranges().size());
        assertNull(b.rawRanges());
    }

    @Test
    void bind_propertyThatLeadsOnlyAHashIndex_isRefused() {
        AtollCollection<HDoc> hashed = db.collection(HDoc.class);
        String m = assertThrows(IllegalArgumentException.class,
                () -> hashed.query().where(Where.equalTo("a", "x"))).getMessage();
        assertTrue(m.contains("property 'a' has no index"), m);
        assertEquals(1, hashed.query().where(Where.equalTo("a_b", "x", 1)).spec.wheres.size(), "by its name it serves");
    }

    @Test
    void bind_wrongNumberOfValues_isRefusedNamingTheIndex() {
        assertEquals("where at equalTo [1, 2]: index 'at' has 1 properties [at] and takes 1 to 1 values, but 2 were"
                + " given", refusal(Where.equalTo("at", 1L, 2L)));
        assertTrue(refusal(Where.equalTo("at")).endsWith("but 0 were given"));
        assertEquals("where code equalTo []: index 'code' has 1 properties [code] and is a hash index, so it needs"
                + " exactly 1 values, but 0 were given", refusal(Where.equalTo("code")));
        assertEquals(1, bound(Where.equalTo("title_at", "x", 2L)).ranges().size(), "a full composite key");
    }

    @Test
    void bind_hashIndex_servesOnlyEqualityClauses() {
        assertEquals("where code notEqualTo \"x\": index 'code' of collection 'QDoc' is a hash index, which serves"
                + " only equalTo, anyOf, isNull and any", refusal(Where.notEqualTo("code", "x")));
        assertTrue(refusal(Where.isNotNull("code")).contains("is a hash index"));
        assertTrue(refusal(Where.startsWith("code", "x")).contains("is a hash index"));
        Bound eq = bound(Where.equalTo("code", "x"));
        assertEquals(1, eq.rawRanges().size(), "a hash key range, and the unhashed key to check");
        assertEquals(2, bound(Where.anyOf("code", "x", "y")).rawRanges().size());
        Bound any = bound(Where.any("code"));
        assertEquals(List.of(new KeyRange(null, null).toString()), any.rawRanges().stream().map(KeyRange::toString)
                .toList());
        assertEquals(1, bound(Where.isNull("code")).ranges().size());
        assertTrue(!eq.ordered(), "a hash index's order is the hashes'");
    }

    @Test
    void bind_isNullOnANeverNullProperty_isRefused() {
        assertEquals("where at isNull: property 'at' of collection 'QDoc' is never null", refusal(Where.isNull("at")));
        assertEquals(1, bound(Where.isNull("key")).ranges().size());
    }

    @Test
    void bind_startsWithOnANonString_isRefused() {
        assertEquals("where at startsWith \"1\": property 'at' is a LONG; startsWith needs a String",
                refusal(Where.startsWith("at", "1")));
        assertEquals(1, bound(Where.startsWith("tags", "a")).ranges().size(), "a List of Strings: its elements");
    }

    @Test
    void bind_ranges_excludeTheBoundUnlessIncluded() {
        KeyRange inclusive = bound(Where.between("at", 1L, 5L)).ranges().get(0);
        KeyRange exclusive = bound(Where.between("at", 1L, false, 5L, false)).ranges().get(0);
        assertArrayEquals(KeyRange.after(inclusive.lo()), exclusive.lo());
        assertArrayEquals(exclusive.hi(), bound(Where.lessThan("at", 5L)).ranges().get(0).hi());
        assertArrayEquals(inclusive.hi(), KeyRange.after(exclusive.hi()));
        KeyRange above = bound(Where.greaterThan("at", 1L)).ranges().get(0);
        assertArrayEquals(new byte[] {2}, above.hi(), "no upper bound: up to the end of the non-null keys");
        KeyRange below = bound(Where.lessThan("at", 1L)).ranges().get(0);
        assertArrayEquals(new byte[] {1}, below.lo(), "no lower bound: from the first non-null key");
        assertEquals(0, bound(Where.between("at", 5L, 1L)).ranges().size(), "an empty range is dropped");
        assertEquals(1, bound(Where.anyOf("at", 3L, 3L)).ranges().size(), "a repeated range is read once");
        assertEquals(2, bound(Where.notEqualTo("at", 3L)).ranges().size());
        assertNull(bound(Where.notEqualTo("at", 3L)).ranges().get(0).lo(), "nulls included");
        assertNull(bound(Where.notEqualTo("at", 3L)).ranges().get(1).hi());
        assertArrayEquals(new byte[] {1}, bound(Where.isNotNull("key")).ranges().get(0).lo());
        assertArrayEquals(new byte[] {2}, bound(Where.isNotNull("key")).ranges().get(0).hi());
    }

    @Test
    void bind_wrongValueType_isRefusedNamingThePropertyAndWhere() {
        assertTrue(refusal(Where.between("at", "a", "b")).startsWith("where at >= \"a\" <= \"b\": property 'at' is a LONG"));
        assertTrue(refusal(Where.equalTo("title_at", "x", "y")).startsWith("where title_at equalTo [\"x\", \"y\"]:"
                + " property 'at' is a LONG"));
    }

    @Test
    void bind_theId_givesInclusiveIdRanges() {
        assertArrayEquals(new long[] {5, 5}, bound(Where.equalTo("id", 5)).idRanges());
        assertArrayEquals(new long[] {5, 5, 7, 7}, bound(Where.anyOf("id", 5L, (short) 7)).idRanges());
        assertArrayEquals(new long[] {Long.MIN_VALUE, 4, 6, Long.MAX_VALUE}, bound(Where.notEqualTo("id", 5L))
                .idRanges());
        assertArrayEquals(new long[] {Long.MIN_VALUE + 1, Long.MAX_VALUE},
                bound(Where.notEqualTo("id", Long.MIN_VALUE)).idRanges());
        assertArrayEquals(new long[] {Long.MIN_VALUE, Long.MAX_VALUE - 1},
                bound(Where.notEqualTo("id", Long.MAX_VALUE)).idRanges());
        assertArrayEquals(new long[] {2, 4}, bound(Where.between("id", 1L, false, 5L, false)).idRanges());
        assertArrayEquals(new long[] {1, 5}, bound(Where.between("id", (byte) 1, 5)).idRanges());
        assertArrayEquals(new long[] {6, Long.MAX_VALUE}, bound(Where.greaterThan("id", 5L)).idRanges());
        assertArrayEquals(new long[] {Long.MIN_VALUE, 4}, bound(Where.lessThan("id", 5L)).idRanges());
        assertArrayEquals(new long[] {3, 3}, bound(Where.between("id", 3L, 3L)).idRanges());
        assertArrayEquals(new long[0], bound(Where.between("id", 3L, false, 3L, true)).idRanges());
        assertArrayEquals(new long[0], bound(Where.between("id", 4L, 3L)).idRanges());
        assertArrayEquals(new long[0], bound(Where.greaterThan("id", Long.MAX_VALUE)).idRanges());
        assertArrayEquals(new long[0], bound(Where.lessThan("id", Long.MIN_VALUE)).idRanges());
        assertArrayEquals(new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, bound(Where.isNotNull("id")).idRanges());
        assertArrayEquals(new long[] {Long.MIN_VALUE, Long.MAX_VALUE}, bound(Where.any("id")).idRanges());
        assertTrue(bound(Where.any("id")).isId());
        assertTrue(bound(Where.any("id")).ordered());
        assertTrue(!bound(Where.anyOf("id", 1L, 2L)).ordered());
    }

    @Test
    void bind_theId_refusesOtherClausesAndValues() {
        assertEquals("where id equalTo [1, 2] (on the id): takes one value, not 2", refusal(Where.equalTo("id", 1L, 2L)));
        assertEquals("where id startsWith \"1\" (on the id): the id serves equalTo, anyOf, between, greaterThan,"
                + " lessThan and any", refusal(Where.startsWith("id", "1")));
        assertTrue(refusal(Where.isNull("id")).endsWith("the id serves equalTo, anyOf, between, greaterThan, lessThan"
                + " and any"));
        assertEquals("where id equalTo [\"7\"] (on the id): an id is a long, not String 7",
                refusal(Where.equalTo("id", "7")));
        assertTrue(refusal(Where.equalTo("id", (Object) null)).endsWith("an id is a long, not null"));
        assertTrue(refusal(Where.greaterThan("id", 1.5)).endsWith("an id is a long, not Double 1.5"));
        assertTrue(refusal(Where.lessThan("id", 1.5)).endsWith("an id is a long, not Double 1.5"));
    }
}
