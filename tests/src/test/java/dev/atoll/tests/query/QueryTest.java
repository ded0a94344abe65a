package dev.atoll.tests.query;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.Filter;
import dev.atoll.Query;
import dev.atoll.Sort;
import dev.atoll.Where;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.function.Predicate;
import java.util.function.Supplier;
import java.util.stream.Collectors;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every where clause, filter, sort and terminal operation, checked against brute force over all objects. */
class QueryTest {
    private static ActorTestKit kit;

    @TempDir
    Path dir;
    private Atoll db;
    private AtollCollection<Item> items;
    private List<Item> all;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("QueryTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @BeforeEach
    void open() {
        db = Atoll.open(kit.system(), List.of(Item.class), dir, "queries");
        items = db.collection(Item.class);
        long seed = Long.getLong("atoll.test.seed", 7L);
        System.out.println("QueryTest seed " + seed + " (repeat with -Datoll.test.seed=" + seed + ")");
        Random r = new Random(seed);
        List<Item> batch = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            batch.add(Items.random(r));
        }
        List<Long> ids = db.writeTxnSync(() -> items.putAll(batch));
        all = items.getAll(ids.stream().mapToLong(Long::longValue).distinct().toArray()).stream()
                .filter(Objects::nonNull).toList();
    }

    @AfterEach
    void close() {
        db.close();
    }

    private List<Long> brute(Predicate<Item> p) {
        return all.stream().filter(p).map(i -> i.id).sorted().toList();
    }

    private void check(String what, Query<Item> q, Predicate<Item> p) {
        List<Long> expected = brute(p);
        assertEquals(expected, Items.sortedIds(q.findAll()), what);
        assertEquals(expected.size(), q.count(), what + " (count)");
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    @Test
    void where_everyClauseKind_matchesBruteForce() {
        assertTrue(all.size() > 200, "the replace index keeps most objects");
        check("name equalTo", items.query().where(Where.equalTo("name", "apple")), i -> "apple".equals(i.name));
        check("name equalTo null", items.query().where(Where.equalTo("name", (Object) null)), i -> i.name == null);
        check("name isNull", items.query().where(Where.isNull("name")), i -> i.name == null);
        check("name isNotNull", items.query().where(Where.isNotNull("name")), i -> i.name != null);
        check("name startsWith", items.query().where(Where.startsWith("name", "ap")),
                i -> i.name != null && i.name.startsWith("ap"));
        check("name startsWith empty", items.query().where(Where.startsWith("name", "")), i -> i.name != null);
        check("name anyOf", items.query().where(Where.anyOf("name", "band", "zeta", "none")),
                i -> "band".equals(i.name) || "zeta".equals(i.name));
        check("name between", items.query().where(Where.between("name", "apricot", "band")),
                i -> i.name != null && i.name.compareTo("apricot") >= 0 && i.name.compareTo("band") <= 0);
        check("name between exclusive", items.query().where(Where.between("name", "apricot", false, "band", false)),
                i -> i.name != null && i.name.compareTo("apricot") > 0 && i.name.compareTo("band") < 0);
        check("score greaterThan", items.query().where(Where.greaterThan("score", 3)), i -> i.score > 3);
        check("score greaterThan incl", items.query().where(Where.greaterThan("score", 3, true)), i -> i.score >= 3);
        check("score lessThan", items.query().where(Where.lessThan("score", -2)), i -> i.score < -2);
        check("score lessThan incl", items.query().where(Where.lessThan("score", -2, true)), i -> i.score <= -2);
        check("score between", items.query().where(Where.between("score", -3, 4)),
                i -> i.score >= -3 && i.score <= 4);
        check("score any", items.query().where(Where.any("score")), i -> true);
        check("weight negative doubles", items.query().where(Where.between("weight", -3.5, 0.0)),
                i -> i.weight != null && i.weight >= -3.5 && i.weight <= 0.0);
        check("weight lessThan skips nulls", items.query().where(Where.lessThan("weight", 1.0)),
                i -> i.weight != null && i.weight < 1.0);
        check("label ignores case", items.query().where(Where.equalTo("label", "BAND")),
                i -> "band".equals(lower(i.label)));
        check("label startsWith ignores case", items.query().where(Where.startsWith("label", "AP")),
                i -> i.label != null && lower(i.label).startsWith("ap"));
        check("tags multi-entry", items.query().where(Where.equalTo("tags", "red")),
                i -> i.tags != null && i.tags.contains("red"));
        check("tags multi-entry null element", items.query().where(Where.isNull("tags")),
                i -> i.tags != null && i.tags.contains(null));
        check("tags startsWith", items.query().where(Where.startsWith("tags", "b")),
                i -> i.tags != null && i.tags.stream().anyMatch(t -> t != null && t.startsWith("b")));
        check("code hash", items.query().where(Where.equalTo("code", "c3")), i -> "c3".equals(i.code));
        check("code hash anyOf", items.query().where(Where.anyOf("code", List.of("c1", "c2"))),
                i -> "c1".equals(i.code) || "c2".equals(i.code));
        check("code hash isNull", items.query().where(Where.isNull("code")), i -> i.code == null);
        check("composite prefix", items.query().where(Where.equalTo("group_score", "g2")), i -> "g2".equals(i.group));
        check("composite full", items.query().where(Where.equalTo("group_score", "g2", 5)),
                i -> "g2".equals(i.group) && i.score == 5);
        check("composite by leading property", items.query().where(Where.between("group", "g1", "g2")),
                i -> i.group != null && i.group.compareTo("g2") <= 0);
        long lo = all.get(10).id;
        long hi = all.get(40).id;
        check("id between", items.query().where(Where.between("id", lo, hi)), i -> i.id >= lo && i.id <= hi);
        check("id anyOf", items.query().where(Where.anyOf("id", lo, hi, 999_999L)), i -> i.id == lo || i.id == hi);
        check("several wheres are ORed", items.query().where(Where.equalTo("name", "kiwi"))
                        .where(Where.greaterThan("score", 8)).where(Where.equalTo("tags", "x")),
                i -> "kiwi".equals(i.name) || i.score > 8 || i.tags != null && i.tags.contains("x"));
        check("key unique", items.query().where(Where.isNotNull("key")), i -> i.key != null);
    }

    @Test
    void filter_everyConditionKind_matchesBruteForce() {
        check("equalTo", items.query().filter(Filter.equalTo("createdAt", 500)), i -> i.createdAt == 500);
        check("greaterThan", items.query().filter(Filter.greaterThan("createdAt", 400)), i -> i.createdAt > 400);
        check("lessThan incl", items.query().filter(Filter.lessThan("createdAt", 0, true)), i -> i.createdAt <= 0);
        check("between", items.query().filter(Filter.between("createdAt", 10, false, 600, true)),
                i -> i.createdAt > 10 && i.createdAt <= 600);
        check("double with an Integer", items.query().filter(Filter.greaterThan("weight", 2)),
                i -> i.weight != null && i.weight > 2);
        check("isNull", items.query().filter(Filter.isNull("weight")), i -> i.weight == null);
        check("isNotNull", items.query().filter(Filter.isNotNull("color")), i -> i.color != null);
        check("enum", items.query().filter(Filter.equalTo("color", Color.GREEN)), i -> i.color == Color.GREEN);
        check("enum range", items.query().filter(Filter.greaterThan("color", Color.RED)),
                i -> i.color != null && i.color.ordinal() > 0);
        check("bool", items.query().filter(Filter.equalTo("flag", true)), i -> i.flag);
        Instant t = Instant.ofEpochSecond(50000);
        check("instant", items.query().filter(Filter.lessThan("when", t)), i -> i.when != null && i.when.isBefore(t));
        check("bytes", items.query().filter(Filter.equalTo("blob", new byte[] {1, 7})),
                i -> Arrays.equals(i.blob, new byte[] {1, 7}));
        check("startsWith", items.query().filter(Filter.startsWith("name", "ba")),
                i -> i.name != null && i.name.startsWith("ba"));
        check("startsWith ignoring case", items.query().filter(Filter.startsWith("name", "BA", false)),
                i -> i.name != null && lower(i.name).startsWith("ba"));
        check("endsWith", items.query().filter(Filter.endsWith("name", "rry")),
                i -> i.name != null && i.name.endsWith("rry"));
        check("contains", items.query().filter(Filter.contains("name", "an")),
                i -> i.name != null && i.name.contains("an"));
        check("contains ignoring case", items.query().filter(Filter.contains("name", "AN", false)),
                i -> i.name != null && lower(i.name).contains("an"));
        check("equalTo ignoring case", items.query().filter(Filter.equalTo("name", "APPLE", false)),
                i -> "apple".equals(lower(i.name)));
        check("matches *", items.query().filter(Filter.matches("name", "a*t")),
                i -> i.name != null && i.name.matches("a.*t"));
        check("matches ? and literal *", items.query().filter(Filter.matches("name", "ch?rry")),
                i -> i.name != null && i.name.length() == 6 && i.name.startsWith("ch") && i.name.endsWith("rry"));
        check("matches ignoring case", items.query().filter(Filter.matches("name", "B*", false)),
                i -> i.name != null && lower(i.name).startsWith("b"));
        check("anyOf", items.query().filter(Filter.anyOf("score", 1, 2, 3)), i -> i.score >= 1 && i.score <= 3);
        check("list element", items.query().filter(Filter.equalTo("numbers", 7)),
                i -> i.numbers != null && i.numbers.contains(7));
        check("list element range", items.query().filter(Filter.greaterThan("numbers", 17)),
                i -> i.numbers != null && i.numbers.stream().anyMatch(n -> n > 17));
        check("list element string", items.query().filter(Filter.startsWith("tags", "R", false)),
                i -> i.tags != null && i.tags.stream().anyMatch(x -> x != null && lower(x).startsWith("r")));
        check("list length", items.query().filter(Filter.lengthGreaterThan("numbers", 1)),
                i -> i.numbers != null && i.numbers.size() > 1);
        check("list length between", items.query().filter(Filter.lengthBetween("tags", 1, 2)),
                i -> i.tags != null && i.tags.size() >= 1 && i.tags.size() <= 2);
        check("list isEmpty", items.query().filter(Filter.isEmpty("tags")), i -> i.tags != null && i.tags.isEmpty());
        check("list isNull", items.query().filter(Filter.isNull("tags")), i -> i.tags == null);
        check("string isEmpty", items.query().filter(Filter.isEmpty("name")), i -> "".equals(i.name));
        check("embedded", items.query().filter(Filter.greaterThan("author.age", 60)),
                i -> i.author != null && i.author.age > 60);
        check("embedded isNull", items.query().filter(Filter.isNull("author")), i -> i.author == null);
        check("embedded path isNull", items.query().filter(Filter.isNull("author.name")),
                i -> i.author == null || i.author.name == null);
        check("embedded string", items.query().filter(Filter.startsWith("author.name", "a")),
                i -> i.author != null && i.author.name != null && i.author.name.startsWith("a"));
        check("and", items.query().filter(Filter.greaterThan("score", 0).and(Filter.equalTo("flag", false))),
                i -> i.score > 0 && !i.flag);
        check("or", items.query().filter(Filter.lessThan("score", -8).or(Filter.greaterThan("score", 8))),
                i -> i.score < -8 || i.score > 8);
        check("not", items.query().filter(Filter.equalTo("color", Color.RED).not()), i -> i.color != Color.RED);
        check("groups", items.query().filter(Filter.or(
                        Filter.and(Filter.equalTo("group", "g1"), Filter.not(Filter.isNull("weight"))),
                        Filter.and(Filter.equalTo("group", "g3"), Filter.greaterThan("createdAt", 300)))),
                i -> "g1".equals(i.group) && i.weight != null || "g3".equals(i.group) && i.createdAt > 300);
        check("two filters are ANDed", items.query().filter(Filter.greaterThan("score", 0))
                .filter(Filter.isNotNull("name")), i -> i.score > 0 && i.name != null);
        check("id filter", items.query().filter(Filter.greaterThan("id", all.get(100).id)),
                i -> i.id > all.get(100).id);
        check("where then filter", items.query().where(Where.between("score", 0, 5))
                .filter(Filter.contains("name", "a")),
                i -> i.score >= 0 && i.score <= 5 && i.name != null && i.name.contains("a"));
    }

    @Test
    void sortBy_thenBy_distinct_offset_limit_matchBruteForce() {
        Comparator<Item> byScoreDescNameAsc = Items.by((Item i) -> i.score).reversed()
                .thenComparing(Items.by(i -> i.name)).thenComparing(i -> i.id);
        List<Long> expected = all.stream().filter(i -> i.createdAt > 100).sorted(byScoreDescNameAsc)
                .skip(5).limit(20).map(i -> i.id).toList();
        List<Item> found = items.query().filter(Filter.greaterThan("createdAt", 100))
                .sortBy("score", Sort.DESC).thenBy("name").offset(5).limit(20).findAll();
        assertEquals(expected, Items.ids(found));

        Comparator<Item> byWeight = Items.by((Item i) -> i.weight).thenComparing(i -> i.id);
        assertEquals(all.stream().sorted(byWeight).map(i -> i.id).toList(),
                Items.ids(items.query().sortBy("weight").findAll()), "nulls first");
        Comparator<Item> byAuthor = Items.by((Item i) -> i.author == null ? null : i.author.name).reversed()
                .thenComparing(i -> i.id);
        assertEquals(all.stream().sorted(byAuthor).map(i -> i.id).toList(),
                Items.ids(items.query().sortBy("author.name", Sort.DESC).findAll()), "embedded sort, nulls last");

        // distinct keeps the first of each group after sorting
        Comparator<Item> byScore = Items.by((Item i) -> i.score).thenComparing(i -> i.id);
        Map<String, Item> firstOfGroup = new java.util.LinkedHashMap<>();
        all.stream().sorted(byScore).forEach(i -> firstOfGroup.putIfAbsent(String.valueOf(i.group), i));
        List<Long> distinct = firstOfGroup.values().stream().map(i -> i.id).toList();
        assertEquals(distinct, Items.ids(items.query().sortBy("score").distinctBy("group").findAll()));

        Item first = items.query().where(Where.greaterThan("score", 5)).sortBy("createdAt").findFirst();
        Item expectedFirst = all.stream().filter(i -> i.score > 5)
                .min(Comparator.comparingLong((Item i) -> i.createdAt).thenComparing(i -> i.id)).orElseThrow();
        assertEquals(expectedFirst.id, first.id);
        assertNull(items.query().where(Where.equalTo("name", "no such")).findFirst());
        assertTrue(items.query().where(Where.equalTo("name", "no such")).isEmpty());
        assertFalse(items.query().where(Where.equalTo("name", "apple")).isEmpty());
    }

    @Test
    void where_withoutSort_returnsIndexOrder_andSortThatIndexGivesIsNotRedone() {
        Comparator<Item> byScore = Items.by((Item i) -> i.score).thenComparing(i -> i.id);
        List<Long> expected = all.stream().filter(i -> i.score >= 0).sorted(byScore).map(i -> i.id).toList();
        Query<Item> unsorted = items.query().where(Where.greaterThan("score", 0, true));
        assertEquals(expected, Items.ids(unsorted.findAll()));
        Query<Item> sorted = unsorted.sortBy("score").limit(7);
        assertEquals(expected.subList(0, 7), Items.ids(sorted.findAll()));
        assertTrue(sorted.explain().contains("already sorted"), sorted.explain());
        assertTrue(sorted.explain().contains("stops reading early"), sorted.explain());
        Query<Item> whereless = items.query().sortBy("score").limit(3);
        assertTrue(whereless.explain().contains("scan index 'score'"), whereless.explain());
        assertEquals(all.stream().sorted(byScore).limit(3).map(i -> i.id).toList(), Items.ids(whereless.findAll()));
        Query<Item> desc = items.query().where(Where.any("score")).sortBy("score", Sort.DESC);
        assertTrue(desc.explain().contains("; sort by"), desc.explain());
    }

    @Test
    void propertyQueries_aggregate_matchBruteForce() {
        Query<Item> q = items.query().filter(Filter.greaterThan("createdAt", 200));
        List<Item> expected = all.stream().filter(i -> i.createdAt > 200).toList();
        assertEquals(expected.stream().mapToLong(i -> i.score).sum(), q.property("score").sum());
        assertEquals(expected.stream().mapToInt(i -> i.score).average().orElseThrow(),
                q.property("score").average(), 1e-9);
        assertEquals(expected.stream().mapToInt(i -> i.score).min().orElseThrow(), q.<Integer>property("score").min());
        assertEquals(expected.stream().mapToInt(i -> i.score).max().orElseThrow(), q.<Integer>property("score").max());
        List<Double> weights = expected.stream().map(i -> i.weight).filter(Objects::nonNull).toList();
        assertEquals(weights.size(), q.property("weight").count());
        assertEquals(weights.stream().mapToDouble(Double::doubleValue).sum(),
                q.property("weight").sum().doubleValue(), 1e-9);
        assertEquals(weights.stream().min(Double::compare).orElseThrow(), q.<Double>property("weight").min());
        assertEquals(expected.stream().map(i -> i.name).filter(Objects::nonNull).max(String::compareTo).orElseThrow(),
                q.<String>property("name").max());
        assertEquals(expected.stream().map(i -> i.author == null ? null : i.author.name).toList(),
                q.property("author.name").findAll());
        assertTrue(Double.isNaN(items.query().where(Where.equalTo("name", "none")).property("score").average()));
        assertThrows(IllegalArgumentException.class, () -> q.property("name").sum());
    }

    @Test
    void badQueries_failWhenBuilt_namingTheProblem() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> items.query().where(Where.equalTo("createdAt", 5L)));
        assertTrue(e.getMessage().contains("'createdAt' has no index"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> items.query().where(Where.equalTo("nope", 1)));
        assertTrue(e.getMessage().contains("'nope'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> items.query().filter(Filter.equalTo("nope", 1)));
        assertTrue(e.getMessage().contains("unknown property 'nope'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> items.query().filter(Filter.equalTo("author.x", 1)));
        assertTrue(e.getMessage().contains("'author.x'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> items.query().where(Where.equalTo("score", "high")));
        assertTrue(e.getMessage().contains("'score'") && e.getMessage().contains("String"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> items.query().filter(Filter.greaterThan("name", 3)));
        assertTrue(e.getMessage().contains("'name'") && e.getMessage().contains("Integer"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> items.query().where(Where.greaterThan("code", "c")));
        assertTrue(e.getMessage().contains("hash index"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> items.query().filter(Filter.contains("score", "1")));
        assertTrue(e.getMessage().contains("needs a String"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> items.query().sortBy("tags"));
        assertTrue(e.getMessage().contains("'tags'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> items.query().where(Where.isNull("score")));
        assertTrue(e.getMessage().contains("never null"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> items.query().filter(Filter.greaterThan("score",
                1L << 40)));
        assertTrue(e.getMessage().contains("'score'"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> items.query().thenBy("score"));
        assertThrows(IllegalArgumentException.class, () -> items.query().limit(-1));
    }

    @Test
    void deleteAll_insideWriteTxn_deletesThroughTheTxnPath_andKeepsUniqueIndexesRight() {
        List<Long> doomed = brute(i -> i.key != null && i.score > 5);
        int deleted = db.writeTxnSync(() -> items.query().where(Where.greaterThan("score", 5))
                .filter(Filter.isNotNull("key")).deleteAll());
        assertEquals(doomed.size(), deleted);
        assertTrue(items.query().where(Where.greaterThan("score", 5)).filter(Filter.isNotNull("key")).isEmpty());
        assertEquals(all.size() - doomed.size(), items.count());
        Item gone = all.stream().filter(i -> i.id == doomed.get(0)).findFirst().orElseThrow();
        Item again = new Item();
        again.key = gone.key;
        long id = db.writeTxnSync(() -> items.put(again));
        assertEquals(id, items.getByIndex("key", gone.key).id, "the freed unique value can be taken");
        assertThrows(IllegalStateException.class, () -> items.query().deleteAll());
        long before = items.count();
        assertTrue(db.writeTxnSync(() -> items.query().sortBy("score").deleteFirst()));
        assertEquals(before - 1, items.count());
    }

    @Test
    void query_insideWriteTxn_seesItsOwnWrites() {
        long apples = brute(i -> "apple".equals(i.name)).size();
        long[] seen = db.writeTxnSync(() -> {
            Item extra = new Item();
            extra.name = "apple";
            items.put(extra);
            Item one = items.query().where(Where.equalTo("name", "apple")).findFirst();
            items.delete(one.id);
            Item renamed = items.query().where(Where.equalTo("name", "banana")).findFirst();
            renamed.name = "apple";
            items.put(renamed);
            long inTxn = items.query().where(Where.equalTo("name", "apple")).count();
            long filtered = items.query().filter(Filter.equalTo("name", "apple")).count();
            long bananas = items.query().where(Where.equalTo("name", "banana")).findAll().size();
            items.clear();
            long afterClear = items.query().where(Where.any("score")).count();
            Item last = new Item();
            last.score = 3;
            items.put(last);
            long onlyNew = items.query().where(Where.between("score", 0, 9)).count();
            return new long[] {inTxn, filtered, bananas, afterClear, onlyNew};
        });
        assertEquals(apples + 1, seen[0]);
        assertEquals(apples + 1, seen[1]);
        assertEquals(brute(i -> "banana".equals(i.name)).size() - 1, seen[2]);
        assertEquals(0, seen[3]);
        assertEquals(1, seen[4]);
        assertEquals(1, items.count());
    }

    @Test
    void exportJson_thenImportJson_roundTrips() {
        String json = items.query().sortBy("score").thenBy("name").exportJson();
        Path other = dir.resolve("copy");
        Atoll copy = Atoll.open(kit.system(), List.of(Item.class), other, "copy");
        try {
            AtollCollection<Item> copied = copy.collection(Item.class);
            List<Long> ids = copy.writeTxnSync(() -> copied.importJson(json));
            assertEquals(all.size(), ids.size());
            assertEquals(json, copied.query().sortBy("score").thenBy("name").exportJson());
            assertEquals(Items.sortedIds(all), Items.sortedIds(copied.query().findAll()));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> copy.writeTxnSync(() -> copied.importJson("[{\"score\": \"high\"}]")));
            assertTrue(e.getMessage().contains("'score'"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> copy.writeTxnSync(() -> copied.importJson("[{")));
            assertEquals(all.size(), copied.count(), "a failed import writes nothing");
        } finally {
            copy.close();
        }
    }

    @Test
    void filterOnTwoWheres_withHashIndex_dedupesIds() {
        Supplier<List<Long>> found = () -> Items.sortedIds(items.query().where(Where.equalTo("code", "c1"))
                .where(Where.equalTo("code", "c1")).where(Where.anyOf("tags", "red", "Red")).findAll());
        assertEquals(brute(i -> "c1".equals(i.code) || i.tags != null && (i.tags.contains("red")
                || i.tags.contains("Red"))), found.get());
        Map<Boolean, Long> byFlag = all.stream().collect(Collectors.partitioningBy(i -> i.flag, Collectors.counting()));
        assertEquals(byFlag.get(true), items.query().filter(Filter.equalTo("flag", true)).count());
    }
}
