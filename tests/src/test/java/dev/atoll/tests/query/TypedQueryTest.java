package dev.atoll.tests.query;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.Filter;
import dev.atoll.PropertyQuery;
import dev.atoll.Query;
import dev.atoll.Sort;
import dev.atoll.Where;
import dev.atoll.meta.ComparableProperty;
import dev.atoll.meta.Condition;
import dev.atoll.meta.IndexCondition;
import dev.atoll.meta.ListProperty;
import dev.atoll.meta.StringProperty;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.UnaryOperator;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each typed call (the generated {@code Item_}, {@code Author_}) builds exactly the query its string form
 * builds: a table of pairs, each compared by {@code explain()} and by its results over 300 random items.
 */
class TypedQueryTest {
    private static ActorTestKit kit;
    @TempDir
    static Path dir;
    private static Atoll db;
    private static AtollCollection<Item> items;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("TypedQueryTest");
        db = Atoll.open(kit.system(), List.of(Item.class), dir, "typed");
        items = db.collection(Item.class);
        long seed = Long.getLong("atoll.test.seed", 13L);
        System.out.println("TypedQueryTest seed " + seed + " (repeat with -Datoll.test.seed=" + seed + ")");
        Random r = new Random(seed);
        List<Item> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(Items.random(r));
        }
        db.writeTxnSync(() -> items.putAll(batch));
    }

    @AfterAll
    static void stop() {
        db.close();
        kit.shutdownTestKit();
    }

    /** One typed query and its string form. */
    record Pair(String name, UnaryOperator<Query<Item>> typed, UnaryOperator<Query<Item>> string) {
    }

    static Pair where(String name, IndexCondition<Item> typed, Where string) {
        return new Pair("where " + name, q -> q.where(typed), q -> q.where(string));
    }

    static Pair filter(String name, Condition<Item> typed, Filter string) {
        return new Pair("filter " + name, q -> q.filter(typed), q -> q.filter(string));
    }

    static final Instant T = Instant.ofEpochSecond(50_000);

    static List<Pair> pairs() {
        List<Pair> p = new ArrayList<>();
        p.add(where("score =", Item_.score.equalTo(3), Where.equalTo("score", 3)));
        p.add(where("score !=", Item_.score.notEqualTo(3), Where.notEqualTo("score", 3)));
        p.add(where("score anyOf...", Item_.score.anyOf(1, 2, 9), Where.anyOf("score", 1, 2, 9)));
        p.add(where("score anyOf()", Item_.score.anyOf(), Where.anyOf("score")));
        p.add(where("score anyOf list", Item_.score.anyOf(List.of(-4, 4)), Where.anyOf("score", List.of(-4, 4))));
        p.add(where("score between", Item_.score.between(-2, 5), Where.between("score", -2, 5)));
        p.add(where("score between open", Item_.score.between(-2, false, 5, false),
                Where.between("score", -2, false, 5, false)));
        p.add(where("score between half", Item_.score.between(-2, true, 5, false),
                Where.between("score", -2, true, 5, false)));
        p.add(where("score >", Item_.score.greaterThan(4), Where.greaterThan("score", 4)));
        p.add(where("score >=", Item_.score.greaterThan(4, true), Where.greaterThan("score", 4, true)));
        p.add(where("score <", Item_.score.lessThan(-4), Where.lessThan("score", -4)));
        p.add(where("score <=", Item_.score.lessThan(-4, true), Where.lessThan("score", -4, true)));
        p.add(where("name startsWith", Item_.name.startsWith("ap"), Where.startsWith("name", "ap")));
        p.add(where("label startsWith (case-insensitive index)", Item_.label.startsWith("AP"),
                Where.startsWith("label", "AP")));
        p.add(where("name isNull", Item_.name.isNull(), Where.isNull("name")));
        p.add(where("name isNotNull", Item_.name.isNotNull(), Where.isNotNull("name")));
        p.add(where("name = null", Item_.name.equalTo(null), Where.equalTo("name", (Object) null)));
        p.add(where("tags element =", Item_.tags.element().equalTo("red"), Where.equalTo("tags", "red")));
        p.add(where("tags element isNull", Item_.tags.element().isNull(), Where.isNull("tags")));
        p.add(where("tags element isNotNull", Item_.tags.element().isNotNull(), Where.isNotNull("tags")));
        p.add(where("weight >", Item_.weight.greaterThan(0.0), Where.greaterThan("weight", 0.0)));
        p.add(where("code = (hash)", Item_.code.equalTo("c1"), Where.equalTo("code", "c1")));
        p.add(where("id between", Item_.id.between(10L, 40L), Where.between("id", 10L, 40L)));
        p.add(where("group (composite) =", Item_.group.equalTo("g2"), Where.equalTo("group_score", "g2")));

        p.add(filter("score between", Item_.score.between(-2, 5), Filter.between("score", -2, 5)));
        p.add(filter("score !=", Item_.score.notEqualTo(3), Filter.equalTo("score", 3).not()));
        p.add(filter("score anyOf list", Item_.score.anyOf(List.of(1, 2)), Filter.anyOf("score", List.of(1, 2))));
        p.add(filter("name isNull", Item_.name.isNull(), Filter.isNull("name")));
        p.add(filter("name isNotNull", Item_.name.isNotNull(), Filter.isNotNull("name")));
        p.add(filter("name = ignoring case", Item_.name.equalTo("APPLE", false), Filter.equalTo("name", "APPLE", false)));
        p.add(filter("name = with case", Item_.name.equalTo("Apple", true), Filter.equalTo("name", "Apple", true)));
        p.add(filter("name startsWith", Item_.name.startsWith("ap"), Filter.startsWith("name", "ap")));
        p.add(filter("name startsWith ignoring case", Item_.name.startsWith("AP", false),
                Filter.startsWith("name", "AP", false)));
        p.add(filter("name endsWith", Item_.name.endsWith("nd"), Filter.endsWith("name", "nd")));
        p.add(filter("name endsWith ignoring case", Item_.name.endsWith("ND", false),
                Filter.endsWith("name", "ND", false)));
        p.add(filter("name contains", Item_.name.contains("an"), Filter.contains("name", "an")));
        p.add(filter("name contains ignoring case", Item_.name.contains("AN", false),
                Filter.contains("name", "AN", false)));
        p.add(filter("name matches", Item_.name.matches("a*"), Filter.matches("name", "a*")));
        p.add(filter("name matches ignoring case", Item_.name.matches("A?R*", false),
                Filter.matches("name", "A?R*", false)));
        p.add(filter("color >", Item_.color.greaterThan(Color.RED), Filter.greaterThan("color", Color.RED)));
        p.add(filter("flag", Item_.flag.equalTo(true), Filter.equalTo("flag", true)));
        p.add(filter("not flag", Item_.flag.equalTo(false), Filter.equalTo("flag", false)));
        p.add(filter("when between", Item_.when.between(Instant.EPOCH, T), Filter.between("when", Instant.EPOCH, T)));
        p.add(filter("blob >", Item_.blob.greaterThan(new byte[] {2}), Filter.greaterThan("blob", new byte[] {2})));
        p.add(filter("author.name contains", Item_.author.name.contains("a"), Filter.contains("author.name", "a")));
        p.add(filter("author.age <=", Item_.author.age.lessThan(40, true), Filter.lessThan("author.age", 40, true)));
        p.add(filter("author isNull", Item_.author.isNull(), Filter.isNull("author")));
        p.add(filter("author isNotNull", Item_.author.isNotNull(), Filter.isNotNull("author")));
        p.add(filter("tags isNull", Item_.tags.isNull(), Filter.isNull("tags")));
        p.add(filter("tags isNotNull", Item_.tags.isNotNull(), Filter.isNotNull("tags")));
        p.add(filter("tags elementIsNull", Item_.tags.elementIsNull(), Filter.elementIsNull("tags")));
        p.add(filter("tags elementIsNotNull", Item_.tags.elementIsNotNull(), Filter.elementIsNotNull("tags")));
        p.add(filter("tags element isNull", Item_.tags.element().isNull(), Filter.elementIsNull("tags")));
        p.add(filter("tags element isNotNull", Item_.tags.element().isNotNull(), Filter.elementIsNotNull("tags")));
        p.add(filter("tags element contains", Item_.tags.element().contains("e"), Filter.contains("tags", "e")));
        p.add(filter("tags isEmpty", Item_.tags.isEmpty(), Filter.isEmpty("tags")));
        p.add(filter("tags isNotEmpty", Item_.tags.isNotEmpty(), Filter.isNotEmpty("tags")));
        p.add(filter("numbers length =", Item_.numbers.lengthEqualTo(2), Filter.lengthEqualTo("numbers", 2)));
        p.add(filter("numbers length >", Item_.numbers.lengthGreaterThan(1), Filter.lengthGreaterThan("numbers", 1)));
        p.add(filter("numbers length <", Item_.numbers.lengthLessThan(2), Filter.lengthLessThan("numbers", 2)));
        p.add(filter("numbers length between", Item_.numbers.lengthBetween(1, 2),
                Filter.lengthBetween("numbers", 1, 2)));
        p.add(filter("numbers element >", Item_.numbers.element().greaterThan(15),
                Filter.greaterThan("numbers", 15)));
        p.add(filter("and", Item_.score.greaterThan(0).and(Item_.flag.equalTo(true)),
                Filter.greaterThan("score", 0).and(Filter.equalTo("flag", true))));
        p.add(filter("or", Item_.score.greaterThan(5).or(Item_.name.isNull()),
                Filter.greaterThan("score", 5).or(Filter.isNull("name"))));
        p.add(filter("not", Item_.score.greaterThan(5).not(), Filter.greaterThan("score", 5).not()));
        p.add(filter("and(...)", Condition.and(Item_.score.greaterThan(0), Item_.flag.equalTo(false),
                Item_.name.isNotNull()), Filter.and(Filter.greaterThan("score", 0), Filter.equalTo("flag", false),
                Filter.isNotNull("name"))));
        p.add(filter("or(...)", Condition.or(Item_.score.lessThan(-8), Item_.score.greaterThan(8)),
                Filter.or(Filter.lessThan("score", -8), Filter.greaterThan("score", 8))));
        p.add(filter("and()", Condition.and(), Filter.and()));
        p.add(filter("or()", Condition.or(), Filter.or()));

        p.add(new Pair("sortBy", q -> q.sortBy(Item_.score), q -> q.sortBy("score")));
        p.add(new Pair("sortBy desc", q -> q.sortBy(Item_.name, Sort.DESC), q -> q.sortBy("name", Sort.DESC)));
        p.add(new Pair("sortBy path", q -> q.sortBy(Item_.author.age), q -> q.sortBy("author.age")));
        p.add(new Pair("thenBy", q -> q.sortBy(Item_.group).thenBy(Item_.name),
                q -> q.sortBy("group").thenBy("name")));
        p.add(new Pair("thenBy desc", q -> q.sortBy(Item_.group).thenBy(Item_.createdAt, Sort.DESC),
                q -> q.sortBy("group").thenBy("createdAt", Sort.DESC)));
        p.add(new Pair("distinctBy", q -> q.sortBy(Item_.score).distinctBy(Item_.group, Item_.flag),
                q -> q.sortBy("score").distinctBy("group", "flag")));
        p.add(new Pair("distinctBy none", q -> q.distinctBy(new dev.atoll.meta.Property[0]),
                q -> q.distinctBy(new String[0])));
        p.add(new Pair("where and filter", q -> q.where(Item_.score.between(-5, 8))
                .filter(Item_.name.contains("a")).sortBy(Item_.score, Sort.DESC).offset(2).limit(9),
                q -> q.where(Where.between("score", -5, 8)).filter(Filter.contains("name", "a"))
                        .sortBy("score", Sort.DESC).offset(2).limit(9)));
        return p;
    }

    @Test
    void typedQueries_explainAndFind_exactlyAsTheirStringForms() {
        int nonEmpty = 0;
        for (Pair pair : pairs()) {
            Query<Item> typed = pair.typed().apply(items.query());
            Query<Item> string = pair.string().apply(items.query());
            assertEquals(string.explain(), typed.explain(), pair.name());
            List<Long> found = Items.ids(typed.findAll());
            assertEquals(Items.ids(string.findAll()), found, pair.name());
            nonEmpty += found.isEmpty() || found.size() == 300 ? 0 : 1;
        }
        assertTrue(nonEmpty > pairs().size() * 3 / 4, "most pairs select some objects, not none or all: " + nonEmpty);
    }

    @Test
    void typedQueries_differ_whenTheirStringFormsDiffer() {
        // the comparison above can tell different queries apart
        assertNotEquals(items.query().where(Item_.score.greaterThan(4)).explain(),
                items.query().where(Item_.score.greaterThan(4, true)).explain());
        assertNotEquals(items.query().filter(Item_.name.contains("a")).explain(),
                items.query().filter(Item_.name.contains("a", false)).explain());
    }

    @Test
    void typedPropertyQueries_areTyped_andEqualTheStringForms() {
        PropertyQuery<Integer> scores = items.query().property(Item_.score);
        double average = scores.average();
        Integer max = scores.max();
        assertEquals(items.query().property("score").average(), average);
        assertEquals(items.query().<Integer>property("score").max(), max);
        String maxName = items.query().property(Item_.name).max();
        assertEquals(items.query().<String>property("name").max(), maxName);
        String minAuthor = items.query().property(Item_.author.name).min();
        assertEquals(items.query().<String>property("author.name").min(), minAuthor);
        assertEquals(items.query().property("tags").findAll(), items.query().property(Item_.tags).findAll());
    }

    @Test
    void typedWhere_onAPropertyWithoutAnIndex_isRefusedAsTheStringFormIs() {
        IllegalArgumentException typed = assertThrows(IllegalArgumentException.class,
                () -> items.query().where(Item_.createdAt.equalTo(3L)));
        IllegalArgumentException string = assertThrows(IllegalArgumentException.class,
                () -> items.query().where(Where.equalTo("createdAt", 3L)));
        assertEquals(string.getMessage(), typed.getMessage());
    }

    @Test
    void typedProperty_throughAList_isRefusedAsTheStringFormIs() {
        IllegalArgumentException typed = assertThrows(IllegalArgumentException.class,
                () -> items.query().sortBy(Item_.tags));
        assertEquals(assertThrows(IllegalArgumentException.class, () -> items.query().sortBy("tags")).getMessage(),
                typed.getMessage());
    }

    @Test
    void conditions_areTheirStringForms() {
        IndexCondition<Item> c = Item_.score.between(1, 2);
        assertEquals(Where.between("score", 1, 2).toString(), c.where().toString());
        assertEquals(Filter.between("score", 1, 2).toString(), c.filter().toString());
        assertEquals(c.filter().toString(), c.toString());
        assertEquals("score", Item_.score.path());
        assertEquals(Item.class, Item_.score.entity());
        assertEquals("author.name", Item_.author.name.path());
        assertEquals(Item.class, Item_.author.name.entity());
        assertFalse(Item_.score.isElement());
        assertTrue(Item_.tags.element().isElement());
        assertEquals("tags", Item_.tags.element().path());
        assertEquals("Item.score", Item_.score.toString());
        assertEquals("Item.tags[element]", Item_.tags.element().toString());
        assertEquals("Item.author.age", Item_.author.age.toString());
    }

    @Test
    void listProperty_ofANonElementProperty_isRefused() {
        StringProperty<Item> notAnElement = new StringProperty<>(Item.class, "tags", false);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new ListProperty<Item, String, StringProperty<Item>>(notAnElement));
        assertEquals("the element property of List tags must be made with element = true", e.getMessage());
        assertThrows(NullPointerException.class, () -> new ListProperty<Item, String, StringProperty<Item>>(null));
    }

    @Test
    void properties_refuseNulls() {
        assertThrows(NullPointerException.class, () -> new ComparableProperty<Item, Integer>(null, "score", false));
        assertThrows(NullPointerException.class, () -> new ComparableProperty<>(Item.class, null, false));
        assertThrows(NullPointerException.class, () -> items.query().where((IndexCondition<Item>) null));
        assertThrows(NullPointerException.class, () -> items.query().filter((Condition<Item>) null));
        assertThrows(NullPointerException.class, () -> items.query().sortBy((dev.atoll.meta.Property<Item, ?>) null));
        assertThrows(IllegalArgumentException.class, () -> Item_.score.between(null, 3));
    }
}
