package dev.atoll.tests.query;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.Filter;
import dev.atoll.Query;
import dev.atoll.Sort;
import dev.atoll.Where;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Random objects, random queries: every query's results (and count) must equal brute force over all
 * objects, in the same order. Seeds are fixed and printed; set {@code -Datoll.query.cases=N} for a
 * longer soak (the default keeps the run to a few seconds).
 */
class QueryPropertyTest {
    /** Three fixed seeds, or the one {@code -Datoll.test.seed=N} names. */
    private static final long[] SEEDS = System.getProperty("atoll.test.seed") == null
            ? new long[] {1L, 42L, 20240601L} : new long[] {Long.getLong("atoll.test.seed")};
    private static final int CASES = Integer.getInteger("atoll.query.cases", 1000);
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("QueryPropertyTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    /** A part of a query and the same condition in plain Java. */
    private record Clause<C>(C clause, Predicate<Item> test, String text) {
    }

    /** A random query and its brute-force twin. */
    private record Case(List<Clause<Where>> wheres, Clause<Filter> filter, List<Clause<String>> sorts,
                        List<Sort> directions, List<Function<Item, Object>> sortKeys, String[] distinct,
                        List<Function<Item, Object>> distinctKeys, long offset, long limit) {
    }

    @Test
    void randomQueries_equalBruteForce_inTheSameOrder() {
        int total = 0;
        for (long seed : SEEDS) {
            System.out.println("QueryPropertyTest seed " + seed + ", " + CASES + " cases (repeat with"
                    + " -Datoll.test.seed=" + seed + ")");
            Random r = new Random(seed);
            Atoll db = Atoll.open(kit.system(), List.of(Item.class), dir.resolve("s" + seed), "prop" + seed);
            try {
                AtollCollection<Item> items = db.collection(Item.class);
                List<Item> batch = new ArrayList<>();
                for (int i = 0; i < 400; i++) {
                    batch.add(Items.random(r));
                }
                db.writeTxnSync(() -> items.putAll(batch));
                List<Item> all = items.query().findAll();
                for (int c = 0; c < CASES; c++) {
                    Case k = randomCase(r, all);
                    String where = "seed " + seed + " case " + c + ": " + describe(k);
                    if (c % 10 == 9) {
                        checkInWriteTxn(db, items, all, k, r, where);
                    } else {
                        check(items, all, k, where);
                    }
                    total++;
                }
            } finally {
                db.close();
            }
        }
        assertEquals(SEEDS.length * CASES, total);
    }

    private static void check(AtollCollection<Item> items, List<Item> all, Case k, String where) {
        Query<Item> q = build(items, k);
        List<Long> expected = expected(all, k);
        List<Long> found = Items.ids(q.findAll());
        if (k.sorts().isEmpty()) {
            found = found.stream().sorted().toList();
        }
        assertEquals(expected, found, where + "\nplan: " + q.explain());
        assertEquals(expected.size(), q.count(), where + " (count)");
    }

    /** Stages random writes, runs the query inside the transaction against the overlaid state, then aborts. */
    private static void checkInWriteTxn(Atoll db, AtollCollection<Item> items, List<Item> all, Case k, Random r,
                                        String where) {
        class Abort extends RuntimeException {
        }
        List<Item> state = new ArrayList<>(all);
        try {
            db.writeTxnSync(() -> {
                for (int w = 0; w < 5; w++) {
                    int what = r.nextInt(3);
                    if (what == 0) {
                        Item fresh = Items.random(r);
                        fresh.key = null;
                        items.put(fresh);
                        state.add(fresh);
                    } else if (what == 1 && !state.isEmpty()) {
                        Item gone = state.remove(r.nextInt(state.size()));
                        items.delete(gone.id);
                    } else if (!state.isEmpty()) {
                        int at = r.nextInt(state.size());
                        Item changed = Items.random(r);
                        changed.id = state.get(at).id;
                        changed.key = state.get(at).key;
                        items.put(changed);
                        state.set(at, changed);
                    }
                }
                check(items, state, k, where + " (in a write transaction)");
                throw new Abort();
            });
        } catch (Abort expected) {
            // nothing written
        }
    }

    private static Query<Item> build(AtollCollection<Item> items, Case k) {
        Query<Item> q = items.query();
        for (Clause<Where> w : k.wheres()) {
            q = q.where(w.clause());
        }
        if (k.filter() != null) {
            q = q.filter(k.filter().clause());
        }
        for (int i = 0; i < k.sorts().size(); i++) {
            q = i == 0 ? q.sortBy(k.sorts().get(i).clause(), k.directions().get(i))
                    : q.thenBy(k.sorts().get(i).clause(), k.directions().get(i));
        }
        if (k.distinct() != null) {
            q = q.distinctBy(k.distinct());
        }
        if (k.offset() > 0) {
            q = q.offset(k.offset());
        }
        if (k.limit() >= 0) {
            q = q.limit(k.limit());
        }
        return q;
    }

    private static List<Long> expected(List<Item> all, Case k) {
        List<Item> hits = new ArrayList<>();
        for (Item i : all) {
            boolean where = k.wheres().isEmpty() || k.wheres().stream().anyMatch(w -> w.test().test(i));
            if (where && (k.filter() == null || k.filter().test().test(i))) {
                hits.add(i);
            }
        }
        if (k.sorts().isEmpty()) {
            return hits.stream().map(i -> i.id).sorted().toList();
        }
        Comparator<Item> order = null;
        for (int s = 0; s < k.sortKeys().size(); s++) {
            Comparator<Item> c = Items.by(k.sortKeys().get(s));
            if (k.directions().get(s) == Sort.DESC) {
                c = c.reversed();
            }
            order = order == null ? c : order.thenComparing(c);
        }
        hits.sort(order.thenComparing(i -> i.id));
        List<Item> distinct = hits;
        if (k.distinct() != null) {
            Set<List<Object>> seen = new HashSet<>();
            distinct = new ArrayList<>();
            for (Item i : hits) {
                if (seen.add(k.distinctKeys().stream().map(f -> f.apply(i)).toList())) {
                    distinct.add(i);
                }
            }
        }
        return distinct.stream().skip(k.offset()).limit(k.limit() < 0 ? Long.MAX_VALUE : k.limit())
                .map(i -> i.id).toList();
    }

    private static String describe(Case k) {
        return "wheres " + k.wheres().stream().map(Clause::text).toList() + ", filter "
                + (k.filter() == null ? "-" : k.filter().text()) + ", sort "
                + k.sorts().stream().map(Clause::text).toList() + " " + k.directions() + ", distinct "
                + Arrays.toString(k.distinct()) + ", offset " + k.offset() + ", limit " + k.limit();
    }

    // ------------------------------------------------------------------ generators

    private static Case randomCase(Random r, List<Item> all) {
        List<Clause<Where>> wheres = new ArrayList<>();
        int nWhere = r.nextInt(10) < 4 ? 0 : r.nextInt(10) < 8 ? 1 : 2;
        for (int i = 0; i < nWhere; i++) {
            wheres.add(randomWhere(r, all));
        }
        Clause<Filter> filter = r.nextInt(3) == 0 ? null : randomFilter(r, 2);
        List<Clause<String>> sorts = new ArrayList<>();
        List<Sort> dirs = new ArrayList<>();
        List<Function<Item, Object>> keys = new ArrayList<>();
        int nSort = r.nextInt(3);
        if (nSort > 0 && r.nextBoolean() && nWhere == 1) {
            sorts.add(new Clause<>("score", null, "score"));
            dirs.add(Sort.ASC);
            keys.add(i -> i.score);
            nSort = 0;
        }
        for (int s = 0; s < nSort; s++) {
            int which = r.nextInt(8);
            String[] names = {"score", "name", "weight", "createdAt", "author.name", "color", "id", "when"};
            List<Function<Item, Object>> fs = List.of(i -> i.score, i -> i.name, i -> i.weight, i -> i.createdAt,
                    i -> i.author == null ? null : i.author.name, i -> i.color, i -> i.id, i -> i.when);
            sorts.add(new Clause<>(names[which], null, names[which]));
            dirs.add(r.nextBoolean() ? Sort.ASC : Sort.DESC);
            keys.add(fs.get(which));
        }
        String[] distinct = null;
        List<Function<Item, Object>> dKeys = List.of();
        long offset = 0;
        long limit = -1;
        if (!sorts.isEmpty()) {
            if (r.nextInt(4) == 0) {
                boolean two = r.nextBoolean();
                distinct = two ? new String[] {"color", "flag"} : new String[] {"group"};
                dKeys = two ? List.of(i -> i.color, i -> i.flag) : List.of(i -> i.group);
            }
            if (r.nextBoolean()) {
                offset = r.nextInt(3) == 0 ? r.nextInt(30) : 0;
                limit = r.nextInt(40);
            }
        }
        return new Case(wheres, filter, sorts, dirs, keys, distinct, dKeys, offset, limit);
    }

    private static String lower(String s) {
        return s == null ? null : s.toLowerCase(Locale.ROOT);
    }

    private static String randomCase(Random r, String s) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            sb.append(r.nextBoolean() ? Character.toUpperCase(c) : c);
        }
        return sb.toString();
    }

    private static String prefix(Random r, String s) {
        return s.substring(0, Math.min(s.length(), r.nextInt(3)));
    }

    private static Clause<Where> randomWhere(Random r, List<Item> all) {
        String name = Items.pick(r, Items.NAMES);
        int a = r.nextInt(21) - 10;
        int b = a + r.nextInt(8);
        boolean incA = r.nextBoolean();
        boolean incB = r.nextBoolean();
        switch (r.nextInt(13)) {
            case 0 -> {
                String v = r.nextInt(5) == 0 ? null : name;
                return new Clause<>(Where.equalTo("name", (Object) v), i -> Objects.equals(i.name, v), "name=" + v);
            }
            case 1 -> {
                String p = prefix(r, name);
                return new Clause<>(Where.startsWith("name", p), i -> i.name != null && i.name.startsWith(p),
                        "name^" + p);
            }
            case 2 -> {
                return new Clause<>(Where.between("score", a, incA, b, incB),
                        i -> (incA ? i.score >= a : i.score > a) && (incB ? i.score <= b : i.score < b),
                        "score " + a + incA + ".." + b + incB);
            }
            case 3 -> {
                if (r.nextBoolean()) {
                    return new Clause<>(Where.greaterThan("score", a, incA), i -> incA ? i.score >= a : i.score > a,
                            "score>" + a + incA);
                }
                return new Clause<>(Where.lessThan("score", a, incA), i -> incA ? i.score <= a : i.score < a,
                        "score<" + a + incA);
            }
            case 4 -> {
                String v = randomCase(r, name);
                return new Clause<>(Where.equalTo("label", v), i -> Objects.equals(lower(i.label), lower(v)),
                        "label~" + v);
            }
            case 5 -> {
                String t = Items.pick(r, Items.TAGS);
                return new Clause<>(Where.equalTo("tags", t), i -> i.tags != null && i.tags.contains(t), "tags=" + t);
            }
            case 6 -> {
                String code = "c" + r.nextInt(7);
                return new Clause<>(Where.equalTo("code", code), i -> code.equals(i.code), "code#" + code);
            }
            case 7 -> {
                String g = Items.pick(r, Items.GROUPS);
                if (r.nextBoolean()) {
                    return new Clause<>(Where.equalTo("group_score", g), i -> g.equals(i.group), "group=" + g);
                }
                return new Clause<>(Where.equalTo("group_score", g, a), i -> g.equals(i.group) && i.score == a,
                        "group,score=" + g + "," + a);
            }
            case 8 -> {
                double lo = a / 2.0;
                double hi = b / 2.0;
                return new Clause<>(Where.between("weight", lo, incA, hi, incB), i -> i.weight != null
                        && (incA ? i.weight >= lo : i.weight > lo) && (incB ? i.weight <= hi : i.weight < hi),
                        "weight " + lo + ".." + hi);
            }
            case 9 -> {
                long lo = all.get(r.nextInt(all.size())).id;
                long hi = lo + r.nextInt(100);
                return new Clause<>(Where.between("id", lo, hi), i -> i.id >= lo && i.id <= hi, "id " + lo + ".." + hi);
            }
            case 10 -> {
                String other = Items.pick(r, Items.NAMES);
                return new Clause<>(Where.anyOf("name", name, other),
                        i -> name.equals(i.name) || other.equals(i.name), "name in " + name + "," + other);
            }
            case 11 -> {
                if (r.nextBoolean()) {
                    return new Clause<>(Where.isNull("weight"), i -> i.weight == null, "weight null");
                }
                return new Clause<>(Where.isNotNull("weight"), i -> i.weight != null, "weight not null");
            }
            default -> {
                String p = prefix(r, Items.pick(r, Items.TAGS));
                return new Clause<>(Where.startsWith("tags", p),
                        i -> i.tags != null && i.tags.stream().anyMatch(t -> t != null && t.startsWith(p)),
                        "tags^" + p);
            }
        }
    }

    private static Clause<Filter> randomFilter(Random r, int depth) {
        if (depth > 0 && r.nextInt(3) == 0) {
            Clause<Filter> x = randomFilter(r, depth - 1);
            Clause<Filter> y = randomFilter(r, depth - 1);
            switch (r.nextInt(3)) {
                case 0 -> {
                    return new Clause<>(x.clause().and(y.clause()), x.test().and(y.test()),
                            "(" + x.text() + " and " + y.text() + ")");
                }
                case 1 -> {
                    return new Clause<>(Filter.or(x.clause(), y.clause()), x.test().or(y.test()),
                            "(" + x.text() + " or " + y.text() + ")");
                }
                default -> {
                    return new Clause<>(x.clause().not(), x.test().negate(), "not " + x.text());
                }
            }
        }
        int a = r.nextInt(21) - 10;
        String name = Items.pick(r, Items.NAMES);
        boolean cs = r.nextBoolean();
        switch (r.nextInt(16)) {
            case 0 -> {
                return new Clause<>(Filter.greaterThan("score", a), i -> i.score > a, "score>" + a);
            }
            case 1 -> {
                long lo = r.nextInt(1000) - 100;
                long hi = lo + r.nextInt(300);
                return new Clause<>(Filter.between("createdAt", lo, hi), i -> i.createdAt >= lo && i.createdAt <= hi,
                        "created " + lo + ".." + hi);
            }
            case 2 -> {
                String part = name.isEmpty() ? "a" : name.substring(r.nextInt(name.length()));
                String p = cs ? part : randomCase(r, part);
                return new Clause<>(Filter.contains("name", p, cs), i -> i.name != null
                        && (cs ? i.name.contains(p) : lower(i.name).contains(lower(p))), "name~" + p + cs);
            }
            case 3 -> {
                String p = prefix(r, name);
                return new Clause<>(Filter.endsWith("name", p, cs), i -> i.name != null
                        && (cs ? i.name.endsWith(p) : lower(i.name).endsWith(lower(p))), "name$" + p + cs);
            }
            case 4 -> {
                StringBuilder pattern = new StringBuilder();
                for (char c : name.toCharArray()) {
                    int x = r.nextInt(6);
                    pattern.append(x == 0 ? "?" : x == 1 ? "*" : String.valueOf(c));
                }
                String p = pattern.toString();
                Pattern regex = Pattern.compile(toRegex(p), cs ? 0 : Pattern.CASE_INSENSITIVE);
                return new Clause<>(Filter.matches("name", p, cs),
                        i -> i.name != null && regex.matcher(cs ? i.name : lower(i.name)).matches(), "name like " + p);
            }
            case 5 -> {
                return new Clause<>(Filter.isNull("name"), i -> i.name == null, "name null");
            }
            case 6 -> {
                Color c = Color.values()[r.nextInt(3)];
                return new Clause<>(Filter.equalTo("color", c), i -> i.color == c, "color=" + c);
            }
            case 7 -> {
                return new Clause<>(Filter.equalTo("author.name", name),
                        i -> i.author != null && name.equals(i.author.name), "author=" + name);
            }
            case 8 -> {
                int age = r.nextInt(90);
                return new Clause<>(Filter.greaterThan("author.age", age), i -> i.author != null && i.author.age > age,
                        "age>" + age);
            }
            case 9 -> {
                int n = r.nextInt(3);
                return new Clause<>(Filter.lengthGreaterThan("tags", n), i -> i.tags != null && i.tags.size() > n,
                        "tags#>" + n);
            }
            case 10 -> {
                String t = Items.pick(r, Items.TAGS);
                return new Clause<>(Filter.equalTo("tags", t, cs), i -> i.tags != null && i.tags.stream()
                        .anyMatch(x -> x != null && (cs ? x.equals(t) : x.equalsIgnoreCase(t))), "tags=" + t + cs);
            }
            case 11 -> {
                int n = r.nextInt(20);
                return new Clause<>(Filter.greaterThan("numbers", n, true),
                        i -> i.numbers != null && i.numbers.stream().anyMatch(x -> x >= n), "numbers>=" + n);
            }
            case 12 -> {
                double w = a / 2.0;
                return new Clause<>(Filter.lessThan("weight", w), i -> i.weight != null && i.weight < w, "w<" + w);
            }
            case 13 -> {
                boolean f = r.nextBoolean();
                return new Clause<>(Filter.equalTo("flag", f), i -> i.flag == f, "flag=" + f);
            }
            case 14 -> {
                Instant t = Instant.ofEpochSecond(r.nextInt(100000));
                return new Clause<>(Filter.lessThan("when", t), i -> i.when != null && i.when.isBefore(t), "when<" + t);
            }
            default -> {
                return new Clause<>(Filter.isNull("author"), i -> i.author == null, "author null");
            }
        }
    }

    private static String toRegex(String wildcard) {
        StringBuilder sb = new StringBuilder();
        for (char c : wildcard.toCharArray()) {
            sb.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return sb.toString();
    }
}
