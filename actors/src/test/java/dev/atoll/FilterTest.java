package dev.atoll;

import dev.atoll.schema.CollectionSchema;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Filters bound to a schema and tested on objects directly (no database): the checks of
 * {@link Filter#bind}, the edge cases of each condition, and the text that explain() and error messages show.
 */
class FilterTest {
    private static final CollectionSchema SCHEMA = CollectionSchema.of(FDoc.class);

    private static Predicate<Object> bind(Filter f) {
        return f.bind(SCHEMA);
    }

    private static FDoc named(String name) {
        return new FDoc(1, name, 0);
    }

    private static FDoc sized(int size) {
        return new FDoc(1, "n", size);
    }

    private static FDoc tagged(String... tags) {
        FDoc d = new FDoc(1, "n", 0);
        d.tags = tags == null ? null : Arrays.asList(tags);
        return d;
    }

    private static String refusal(Filter f) {
        return assertThrows(IllegalArgumentException.class, () -> bind(f)).getMessage();
    }

    @Test
    void toString_eachKind_showsItsConditionForExplainAndErrors() {
        assertEquals("name eq \"x\"", Filter.equalTo("name", "x").toString());
        assertEquals("name eq \"x\" (ignoring case)", Filter.equalTo("name", "x", false).toString());
        assertEquals("size eq 3", Filter.equalTo("size", 3).toString());
        assertEquals("size eq null", Filter.equalTo("size", null).toString());
        assertEquals("blob eq [1, 2]", Filter.equalTo("blob", new byte[] {1, 2}).toString());
        assertEquals("name starts \"a\"", Filter.startsWith("name", "a").toString());
        assertEquals("name ends \"a\" (ignoring case)", Filter.endsWith("name", "a", false).toString());
        assertEquals("name contains \"a\"", Filter.contains("name", "a").toString());
        assertEquals("name matches \"a*\"", Filter.matches("name", "a*").toString());
        assertEquals("size > 1", Filter.greaterThan("size", 1).toString());
        assertEquals("size >= 1", Filter.greaterThan("size", 1, true).toString());
        assertEquals("size < 1", Filter.lessThan("size", 1).toString());
        assertEquals("size <= 1", Filter.lessThan("size", 1, true).toString());
        assertEquals("size >= 1 <= 2", Filter.between("size", 1, 2).toString());
        assertEquals("size > 1 < 2", Filter.between("size", 1, false, 2, false).toString());
        assertEquals("name > \"a\" <= \"b\"", Filter.between("name", "a", false, "b", true).toString());
        assertEquals("size anyOf [1, \"x\", null]", Filter.anyOf("size", 1, "x", null).toString());
        assertEquals("name isNull", Filter.isNull("name").toString());
        assertEquals("not name isNull", Filter.isNotNull("name").toString());
        assertEquals("tags elementIsNull", Filter.elementIsNull("tags").toString());
        assertEquals("tags elementIsNotNull", Filter.elementIsNotNull("tags").toString());
        assertEquals("tags length in [2, 2]", Filter.lengthEqualTo("tags", 2).toString());
        assertEquals("(size eq 1 and size eq 2)", Filter.equalTo("size", 1).and(Filter.equalTo("size", 2)).toString());
        assertEquals("(size eq 1 or size eq 2)", Filter.equalTo("size", 1).or(Filter.equalTo("size", 2)).toString());
        assertEquals("()", Filter.and().toString());
    }

    @Test
    void length_onAPropertyThatIsNeitherListNorString_isRefusedNamingIt() {
        String m = refusal(Filter.lengthEqualTo("size", 1));
        assertEquals("filter size length in [1, 1]: property 'size' is a INT; length conditions need a List or a"
                + " String", m);
        assertTrue(refusal(Filter.isEmpty("part")).contains("property 'part' is an embedded FPart"));
    }

    @Test
    void length_onStringsAndLists_countsCharactersOrElements() {
        Predicate<Object> two = bind(Filter.lengthEqualTo("name", 2));
        assertTrue(two.test(named("ab")));
        assertFalse(two.test(named("abc")));
        assertFalse(two.test(named("a")));
        assertFalse(two.test(named(null)), "null has no length");
        Predicate<Object> notEmpty = bind(Filter.isNotEmpty("tags"));
        assertTrue(notEmpty.test(tagged("x")));
        assertFalse(notEmpty.test(tagged()));
        assertFalse(notEmpty.test(tagged((String[]) null)));
        Predicate<Object> empty = bind(Filter.isEmpty("tags"));
        assertTrue(empty.test(tagged()));
        assertFalse(empty.test(tagged((String[]) null)));
        assertTrue(bind(Filter.lengthBetween("name", 1, 3)).test(named("abc")));
        assertTrue(bind(Filter.lengthBetween("name", 1, 3)).test(named("a")));
        assertFalse(bind(Filter.lengthBetween("name", 1, 3)).test(named("")));
    }

    @Test
    void length_extremeBounds_holdForAllOrNone() {
        assertTrue(bind(Filter.lengthGreaterThan("name", -1)).test(named("")));
        assertTrue(bind(Filter.lengthGreaterThan("name", -5)).test(named("")));
        assertFalse(bind(Filter.lengthGreaterThan("name", -1)).test(named(null)));
        assertFalse(bind(Filter.lengthGreaterThan("name", 1)).test(named("a")));
        assertTrue(bind(Filter.lengthGreaterThan("name", 1)).test(named("ab")));
        assertFalse(bind(Filter.lengthGreaterThan("name", Integer.MAX_VALUE)).test(named("a")));
        assertFalse(bind(Filter.lengthLessThan("name", Integer.MIN_VALUE)).test(named("")));
        assertFalse(bind(Filter.lengthLessThan("name", 0)).test(named("")));
        assertTrue(bind(Filter.lengthLessThan("name", 1)).test(named("")));
        assertFalse(bind(Filter.lengthLessThan("name", 1)).test(named("a")));
    }

    @Test
    void compare_anEmbeddedObjectOrAListOfThem_isRefusedPointingAtItsProperties() {
        assertEquals("filter part eq \"x\": property 'part' is an embedded FPart and cannot be compared; name one"
                + " of its properties, as in 'part.name'", refusal(Filter.equalTo("part", "x")));
        assertTrue(refusal(Filter.greaterThan("parts", 1)).contains("property 'parts' is a LIST<EMBEDDED>"));
    }

    @Test
    void elementCondition_onANonList_isRefused() {
        assertTrue(refusal(Filter.elementIsNull("name")).endsWith("element conditions need a List"));
    }

    @Test
    void stringCondition_onANonString_isRefused() {
        assertEquals("filter size starts \"1\": property 'size' is a INT; this condition needs a String",
                refusal(Filter.startsWith("size", "1")));
    }

    @Test
    void equalToNullIgnoringCase_matchesOnlyNull() {
        Predicate<Object> p = bind(Filter.equalTo("name", null, false));
        assertTrue(p.test(named(null)));
        assertFalse(p.test(named("x")));
        Predicate<Object> q = bind(Filter.equalTo("name", "AbC", false));
        assertTrue(q.test(named("aBc")));
        assertFalse(q.test(named(null)));
        assertFalse(q.test(named("abd")));
    }

    @Test
    void range_boundsIncludedOnlyWhenTheirFlagSays() {
        assertFalse(bind(Filter.greaterThan("size", 5)).test(sized(5)));
        assertTrue(bind(Filter.greaterThan("size", 5)).test(sized(6)));
        assertTrue(bind(Filter.greaterThan("size", 5, true)).test(sized(5)));
        assertFalse(bind(Filter.greaterThan("size", 5, true)).test(sized(4)));
        assertFalse(bind(Filter.lessThan("size", 5)).test(sized(5)));
        assertTrue(bind(Filter.lessThan("size", 5, true)).test(sized(5)));
        assertFalse(bind(Filter.lessThan("size", 5, true)).test(sized(6)));
        assertTrue(bind(Filter.between("size", 1, 3)).test(sized(1)));
        assertTrue(bind(Filter.between("size", 1, 3)).test(sized(3)));
        assertFalse(bind(Filter.between("size", 1, false, 3, false)).test(sized(3)));
        assertFalse(bind(Filter.between("size", 1, false, 3, false)).test(sized(1)));
        assertTrue(bind(Filter.between("size", 1, false, 3, false)).test(sized(2)));
        FDoc noWeight = new FDoc(1, "n", 0);
        assertFalse(bind(Filter.lessThan("weight", 5.0)).test(noWeight), "a range never holds for null");
    }

    @Test
    void range_nullBound_isRefusedWhenBuilt() {
        assertThrows(IllegalArgumentException.class, () -> Filter.greaterThan("size", null));
        assertThrows(IllegalArgumentException.class, () -> Filter.lessThan("size", null));
        assertThrows(IllegalArgumentException.class, () -> Filter.between("size", 1, null));
        assertThrows(IllegalArgumentException.class, () -> Filter.between("size", null, 1));
        String m = assertThrows(IllegalArgumentException.class, () -> Filter.startsWith("name", null)).getMessage();
        assertEquals("startsWith needs a value, not null (use isNull for nulls)", m);
    }

    @Test
    void listProperty_holdsWhenSomeElementDoes() {
        Predicate<Object> x = bind(Filter.equalTo("tags", "x"));
        assertTrue(x.test(tagged("a", "x")));
        assertFalse(x.test(tagged("a", "b")));
        assertFalse(x.test(tagged((String[]) null)));
        assertTrue(bind(Filter.elementIsNull("tags")).test(tagged("a", null)));
        assertFalse(bind(Filter.elementIsNull("tags")).test(tagged("a")));
        assertFalse(bind(Filter.elementIsNull("tags")).test(tagged((String[]) null)));
        assertTrue(bind(Filter.elementIsNotNull("tags")).test(tagged(null, "a")));
        assertFalse(bind(Filter.elementIsNotNull("tags")).test(tagged((String) null)));
        assertTrue(bind(Filter.isNull("tags")).test(tagged((String[]) null)));
        assertFalse(bind(Filter.isNull("tags")).test(tagged()));
    }

    @Test
    void pathThroughAListOfEmbedded_holdsWhenSomeElementDoes() {
        FDoc d = new FDoc(1, "n", 0);
        d.parts = List.of(new FDoc.FPart("a", 1), new FDoc.FPart("b", 2));
        assertTrue(bind(Filter.equalTo("parts.label", "b")).test(d));
        assertFalse(bind(Filter.equalTo("parts.label", "c")).test(d));
        assertTrue(bind(Filter.greaterThan("parts.rank", 1)).test(d));
        assertFalse(bind(Filter.greaterThan("parts.rank", 2)).test(d));
        assertTrue(bind(Filter.isNull("part.label")).test(d), "a null embedded object on the way gives null");
    }

    @Test
    void stringConditions_caseAndWildcards() {
        assertTrue(bind(Filter.startsWith("name", "AB", false)).test(named("abc")));
        assertFalse(bind(Filter.startsWith("name", "AB")).test(named("abc")));
        assertTrue(bind(Filter.endsWith("name", "BC", false)).test(named("abc")));
        assertFalse(bind(Filter.endsWith("name", "ab")).test(named("abc")));
        assertTrue(bind(Filter.contains("name", "B", false)).test(named("abc")));
        assertFalse(bind(Filter.contains("name", "B")).test(named("abc")));
        assertFalse(bind(Filter.contains("name", "b")).test(named(null)));
        assertTrue(bind(Filter.matches("name", "a*c")).test(named("abbc")));
        assertTrue(bind(Filter.matches("name", "a*c")).test(named("ac")));
        assertTrue(bind(Filter.matches("name", "a?c")).test(named("abc")));
        assertFalse(bind(Filter.matches("name", "a?c")).test(named("ac")));
        assertTrue(bind(Filter.matches("name", "a.c")).test(named("a.c")), "other characters are literal");
        assertFalse(bind(Filter.matches("name", "a.c")).test(named("abc")));
        assertTrue(bind(Filter.matches("name", "*")).test(named("a\nb")), "* spans line breaks");
        assertTrue(bind(Filter.matches("name", "A*", false)).test(named("abc")));
        assertFalse(bind(Filter.matches("name", "b")).test(named("abc")), "the whole string must match");
    }

    @Test
    void anyOfAndOrNot_combineAsLogicSays() {
        assertFalse(bind(Filter.anyOf("size", List.of())).test(sized(1)));
        assertTrue(bind(Filter.anyOf("size", List.of(1, 2))).test(sized(2)));
        assertFalse(bind(Filter.anyOf("size", 1, 2)).test(sized(3)));
        assertTrue(bind(Filter.and()).test(sized(1)));
        assertFalse(bind(Filter.or()).test(sized(1)));
        Filter one = Filter.equalTo("size", 1);
        Filter name = Filter.equalTo("name", "n");
        assertTrue(bind(one.and(name)).test(sized(1)));
        assertFalse(bind(one.and(name)).test(sized(2)));
        assertTrue(bind(one.or(Filter.equalTo("size", 2))).test(sized(2)));
        assertFalse(bind(one.or(Filter.equalTo("size", 2))).test(sized(3)));
        assertTrue(bind(one.not()).test(sized(2)));
        assertFalse(bind(Filter.not(one)).test(sized(1)));
        assertThrows(NullPointerException.class, () -> bind(Filter.and(one, null)));
    }
}
