package dev.atoll.tests.query;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.AtollOptions;
import dev.atoll.Filter;
import dev.atoll.PropertyQuery;
import dev.atoll.Query;
import dev.atoll.Sort;
import dev.atoll.Where;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.RandomDistribution;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The query engine against an in-memory model. jqwik generates random {@link Thing}s (every property kind)
 * and random queries: where clauses of every kind on every index kind (value, hash, unique,
 * {@code caseSensitive = false}, composite, multi-entry, the id), several ORed; filters nested with
 * and/or/not; sorts, distinctBy, offset and limit; and every end (findAll, findFirst, count, isEmpty,
 * deleteAll, deleteFirst, property findAll/min/max/sum/average/count). Each query runs against the
 * committed objects, or inside a write transaction with uncommitted puts, replacements and deletes, and
 * its answer must equal what plain Java streams over a List give, following the README's rules: where
 * (ORed), filter, sort (ties by id), distinct, offset and limit; without a sort, the order of the one where
 * clause's index when it reads one range of a non-List, non-hash index, else id order.
 *
 * <p>jqwik prints its seed and shrinks a failure to a small example. {@value #TRIES} tries of up to
 * {@code atoll.query.model.queries} (default 8) queries each run in {@code mvn verify}; for a soak, raise
 * that property (e.g. {@code -Datoll.query.model.queries=200}).
 */
class QueryModelPropertyTest {
    static final int TRIES = 200;
    private static final int QUERIES = Integer.getInteger("atoll.query.model.queries", 8);
    private static ActorTestKit kit;
    private static Path dir;
    private static Atoll db;
    private static AtollCollection<Thing> things;

    @BeforeContainer
    static void open() throws IOException {
        kit = ActorTestKit.create("QueryModelPropertyTest");
        dir = Files.createTempDirectory("atoll-query-model");
        db = Atoll.open(kit.system(), List.of(Thing.class), dir, "model",
                AtollOptions.builder().durability(AtollOptions.Durability.WRITE).build());
        things = db.collection(Thing.class);
    }

    @AfterContainer
    static void close() throws IOException {
        db.close(true);
        kit.shutdownTestKit();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    // ------------------------------------------------------------------ the property

    /** Thrown to roll a write transaction back after its checks. */
    private static final class Abort extends RuntimeException {
        Abort() {
            super(null, null, false, false);
        }
    }

    @Property(tries = TRIES, shrinking = ShrinkingMode.FULL)
    void query_anyObjectsAnyQuery_answersAsTheModel(@ForAll("objects") List<Gene> objects,
                                                    @ForAll("queries") List<QuerySpec> queries,
                                                    @ForAll("writes") List<Write> writes,
                                                    @ForAll boolean inWriteTxn) {
        List<Thing> committed = new ArrayList<>();
        for (int n = 0; n < objects.size(); n++) {
            Thing t = objects.get(n).build("k" + n);
            t.id = 2L * n + 1;
            committed.add(t);
        }
        db.writeTxnSync(() -> {
            things.clear();
            things.putAll(committed);
        });
        for (QuerySpec q : queries) {
            if (inWriteTxn) {
                try {
                    db.writeTxnSync(() -> {
                        List<Thing> state = new ArrayList<>(committed);
                        int n = 0;
                        for (Write w : writes) {
                            w.apply(state, "w" + n++);
                        }
                        check(q, state, "inside a write transaction after " + writes);
                        throw new Abort();
                    });
                } catch (Abort rolledBack) {
                    // nothing written
                }
            } else if (q.terminal().deletes()) {
                try {
                    db.writeTxnSync(() -> {
                        check(q, new ArrayList<>(committed), "committed objects");
                        throw new Abort();
                    });
                } catch (Abort rolledBack) {
                    // nothing written
                }
            } else {
                check(q, committed, "committed objects");
            }
        }
    }

    /** Runs one query and compares its answer with the model's; for deletes also what is left. */
    private static void check(QuerySpec spec, List<Thing> state, String where) {
        String context = spec + " on " + where;
        Query<Thing> q = spec.build(things);
        List<Thing> found = spec.model(state);
        Terminal end = spec.terminal();
        switch (end.kind()) {
            case FIND_ALL -> assertEquals(ids(found), ids(q.findAll()), context + "\nplan: " + q.explain());
            case FIND_FIRST -> assertEquals(found.isEmpty() ? null : found.get(0).id, idOf(q.findFirst()), context);
            case COUNT -> assertEquals(found.size(), q.count(), context + "\nplan: " + q.explain());
            case IS_EMPTY -> assertEquals(found.isEmpty(), q.isEmpty(), context);
            case DELETE_ALL, DELETE_FIRST -> {
                List<Long> gone = ids(end.kind() == TerminalKind.DELETE_ALL ? found
                        : found.stream().limit(1).toList());
                long deleted = end.kind() == TerminalKind.DELETE_ALL ? q.deleteAll() : q.deleteFirst() ? 1 : 0;
                assertEquals(gone.size(), deleted, context);
                List<Long> left = state.stream().map(t -> t.id).filter(id -> !gone.contains(id)).sorted().toList();
                assertEquals(left, ids(things.query().findAll()), context + " (left after the delete)");
            }
            case PROPERTY -> assertEquals(end.property().model(found), end.property().run(q), context);
        }
    }

    private static List<Long> ids(List<Thing> list) {
        return list.stream().map(t -> t.id).toList();
    }

    private static Long idOf(Thing t) {
        return t == null ? null : t.id;
    }

    // ------------------------------------------------------------------ value pools

    private static final boolean[] BOOLS = {false, true};
    private static final byte[] BYTES = {0, -128, 127, 1, -1};
    private static final short[] SHORTS = {0, Short.MIN_VALUE, Short.MAX_VALUE, 7};
    private static final int[] INTS = {0, 1, -1, 5, Integer.MIN_VALUE, Integer.MAX_VALUE, 3};
    private static final long[] LONGS = {0, 1, -1, Long.MIN_VALUE, Long.MAX_VALUE, 42};
    private static final float[] FLOATS = {0f, -0f, 1.5f, Float.NaN, Float.NEGATIVE_INFINITY, 0.1f};
    private static final double[] DOUBLES = {0.0, -0.0, 1.5, Double.NaN, -1.5, Double.POSITIVE_INFINITY,
        Double.MAX_VALUE, 2.5};
    private static final Boolean[] BOXED_BOOLS = {null, false, true};
    private static final Byte[] BOXED_BYTES = {null, 0, 1, -1, 127};
    private static final Short[] BOXED_SHORTS = {null, 0, 3, -3};
    private static final Integer[] BOXED_INTS = {null, 0, 1, 2, -5};
    private static final Long[] BOXED_LONGS = {null, 0L, Long.MAX_VALUE, Long.MIN_VALUE, 9L, -9L};
    private static final Float[] BOXED_FLOATS = {null, 0f, -0f, 2.5f, Float.NaN};
    private static final Double[] BOXED_DOUBLES = {null, 0.0, 1.25, -7.0};
    private static final String[] STRINGS = {null, "", "a", "ab", "B", "b", "é", "a*b", "abc", "Ab", "É"};
    private static final String[] CODES = {null, "c1", "c2", "C1"};
    private static final String[] KEYS = {null, "k0", "k1", "k2", "w0"};
    private static final String[] GROUPS = {null, "g1", "g2"};
    private static final Color[] COLORS = {null, Color.RED, Color.GREEN, Color.BLUE};
    private static final byte[][] BLOBS = {null, {}, {0}, {1, 2}, {(byte) 0xFF}, {0, 0}};
    private static final Instant[] INSTANTS = {null, Instant.EPOCH, Instant.ofEpochSecond(5, 1),
        Instant.ofEpochSecond(-1), Instant.ofEpochSecond(5)};
    private static final String[] TAG_VALUES = {"a", "b", "B", "ab", null};
    private static final Author[] AUTHORS = {null, new Author(null, 0), new Author("a", 30), new Author("B", -1),
        new Author("ab", Integer.MAX_VALUE)};
    private static final long[] IDS = {1, 2, 3, 4, 7, 10, 20, 0, -1, Long.MAX_VALUE, Long.MIN_VALUE};
    private static final int[] LENGTHS = {0, 1, Integer.MIN_VALUE, Integer.MAX_VALUE, 2, -1};

    private static <V> V pick(V[] pool, int gene) {
        return pool[Math.floorMod(gene, pool.length)];
    }

    private static Author copy(Author a) {
        return a == null ? null : new Author(a.name, a.age);
    }

    // ------------------------------------------------------------------ objects

    /** The genes of one object: each picks a property's value from its pool (0 picks the simplest). */
    record Gene(int[] g) {
        static final int SIZE = 27;

        Thing build(String key) {
            Thing t = new Thing();
            t.flag = BOOLS[g[0] % 2];
            t.b = BYTES[g[1] % BYTES.length];
            t.s = SHORTS[g[2] % SHORTS.length];
            t.i = INTS[g[3] % INTS.length];
            t.l = LONGS[g[4] % LONGS.length];
            t.f = FLOATS[g[5] % FLOATS.length];
            t.d = DOUBLES[g[6] % DOUBLES.length];
            t.boxedFlag = pick(BOXED_BOOLS, g[7]);
            t.boxedByte = pick(BOXED_BYTES, g[8]);
            t.boxedShort = pick(BOXED_SHORTS, g[9]);
            t.boxedInt = pick(BOXED_INTS, g[10]);
            t.boxedLong = pick(BOXED_LONGS, g[11]);
            t.boxedFloat = pick(BOXED_FLOATS, g[12]);
            t.boxedDouble = pick(BOXED_DOUBLES, g[13]);
            t.name = pick(STRINGS, g[14]);
            t.label = pick(STRINGS, g[15]);
            t.code = pick(CODES, g[16]);
            t.key = g[17] % 3 == 0 ? null : key;
            t.group = pick(GROUPS, g[18]);
            t.color = pick(COLORS, g[19]);
            byte[] blob = pick(BLOBS, g[20]);
            t.blob = blob == null ? null : blob.clone();
            t.when = pick(INSTANTS, g[21]);
            t.author = copy(pick(AUTHORS, g[22]));
            t.tags = list(g[23], TAG_VALUES, v -> v);
            t.numbers = g[24] % 5 == 0 ? null : list(g[24] / 5, new Integer[] {0, 7, Integer.MAX_VALUE, -3}, v -> v);
            t.authors = list(g[25], AUTHORS, QueryModelPropertyTest::copy);
            if (g[26] % 2 == 1 && t.authors != null) {
                t.authors.add(null);
            }
            return t;
        }

        /** 0: null; else up to 3 elements from the pool, chosen by the gene's digits. */
        private static <V> List<V> list(int gene, V[] pool, Function<V, V> copy) {
            if (gene % 6 == 0) {
                return null;
            }
            List<V> out = new ArrayList<>();
            int n = gene % 6 - 1;
            int rest = gene / 6;
            for (int k = 0; k < Math.min(n, 3); k++) {
                out.add(copy.apply(pool[rest % pool.length]));
                rest /= pool.length;
            }
            return out;
        }

        @Override
        public String toString() {
            return build("k").toString();
        }
    }

    /** Uniform genes: jqwik's default distribution, scaled to the number of tries, favours small values. */
    private static Arbitrary<int[]> geneArray() {
        return Arbitraries.integers().between(0, 1 << 20).withDistribution(RandomDistribution.uniform())
                .array(int[].class).ofSize(Gene.SIZE);
    }

    @Provide
    Arbitrary<List<Gene>> objects() {
        return geneArray().map(Gene::new)
                .list().ofMaxSize(20);
    }

    /** An uncommitted write inside the transaction: a put of a new object, a replacement or a delete. */
    record Write(int op, int target, Gene gene) {
        void apply(List<Thing> state, String key) {
            if (op == 0 || state.isEmpty()) {
                Thing t = gene.build(key);
                things.put(t);
                state.add(t);
            } else if (op == 1) {
                Thing gone = state.remove(Math.floorMod(target, state.size()));
                things.delete(gone.id);
            } else {
                int at = Math.floorMod(target, state.size());
                Thing t = gene.build(key);
                t.id = state.get(at).id;
                things.put(t);
                state.set(at, t);
            }
        }

        @Override
        public String toString() {
            return (op == 0 ? "put new " : op == 1 ? "delete #" + target : "replace #" + target + " by ") + (op == 1
                    ? "" : gene);
        }
    }

    @Provide
    Arbitrary<List<Write>> writes() {
        Arbitrary<Gene> gene = geneArray()
                .map(Gene::new);
        return Combinators.combine(Arbitraries.integers().between(0, 2), Arbitraries.integers().between(0, 50),
                gene).as(Write::new).list().ofMaxSize(4);
    }

    // ------------------------------------------------------------------ normalized values and order

    /** Integral values as Long, floating ones as Double: the way queries compare them. */
    static Object norm(Object v) {
        if (v instanceof Byte || v instanceof Short || v instanceof Integer) {
            return ((Number) v).longValue();
        }
        if (v instanceof Float x) {
            return x.doubleValue();
        }
        return v;
    }

    /** The README's order of values: nulls first, numbers numerically (NaN last, -0.0 before 0.0), ... */
    static int cmp(Object a, Object b) {
        a = norm(a);
        b = norm(b);
        if (a == null || b == null) {
            return a == null ? (b == null ? 0 : -1) : 1;
        }
        if (a instanceof Double x) {
            return Double.compare(x, (Double) b);
        }
        if (a instanceof byte[] x) {
            return Arrays.compareUnsigned(x, (byte[]) b);
        }
        if (a instanceof Enum<?> x) {
            return Integer.compare(x.ordinal(), ((Enum<?>) b).ordinal());
        }
        @SuppressWarnings("unchecked")
        Comparable<Object> c = (Comparable<Object>) a;
        return c.compareTo(b);
    }

    static String lower(String s) {
        return s.toLowerCase(Locale.ROOT);
    }

    /** A value as the index or a case-insensitive condition sees it. */
    static Object fold(Object v, boolean caseSensitive) {
        return !caseSensitive && v instanceof String s ? lower(s) : v;
    }

    static boolean same(Object a, Object b, boolean caseSensitive) {
        return cmp(fold(a, caseSensitive), fold(b, caseSensitive)) == 0;
    }

    /** A readable, comparable form of a result value. */
    static Object show(Object v) {
        if (v instanceof byte[] b) {
            return "0x" + HexFormat.of().formatHex(b);
        }
        if (v instanceof Author a) {
            return Thing.show(a);
        }
        return v;
    }

    // ------------------------------------------------------------------ where clauses

    /** An index (or the id) that where clauses can name, and how the model reads it. */
    record Target(String name, Function<Thing, Object> get, Object[] pool, boolean multi, boolean hash,
                  boolean caseSensitive, boolean nullable, boolean string, Comparator<Thing> then) {
        List<Object> values(Thing t) {
            Object v = get.apply(t);
            if (!multi) {
                return java.util.Collections.singletonList(v);
            }
            return v == null ? List.of() : new ArrayList<>((List<?>) v);
        }

        /** The order of the index's entries (key, then the composite's next property, then id). */
        Comparator<Thing> order() {
            Comparator<Thing> c = (x, y) -> cmp(fold(get.apply(x), caseSensitive), fold(get.apply(y), caseSensitive));
            if (then != null) {
                c = c.thenComparing(then);
            }
            return c.thenComparingLong(t -> t.id);
        }
    }

    private static Object[] boxed(Object array) {
        int n = java.lang.reflect.Array.getLength(array);
        Object[] out = new Object[n];
        for (int k = 0; k < n; k++) {
            out[k] = java.lang.reflect.Array.get(array, k);
        }
        return out;
    }

    private static Object[] withoutNull(Object[] pool) {
        return Arrays.stream(pool).filter(Objects::nonNull).toArray();
    }

    static final List<Target> TARGETS = List.of(
            new Target("flag", t -> t.flag, boxed(BOOLS), false, false, true, false, false, null),
            new Target("i", t -> t.i, boxed(INTS), false, false, true, false, false, null),
            new Target("l", t -> t.l, boxed(LONGS), false, true, true, false, false, null),
            new Target("d", t -> t.d, boxed(DOUBLES), false, false, true, false, false, null),
            new Target("boxedByte", t -> t.boxedByte, BOXED_BYTES, false, false, true, true, false, null),
            new Target("boxedInt", t -> t.boxedInt, BOXED_INTS, false, true, true, true, false, null),
            new Target("boxedLong", t -> t.boxedLong, BOXED_LONGS, false, false, true, true, false, null),
            new Target("boxedFloat", t -> t.boxedFloat, BOXED_FLOATS, false, false, true, true, false, null),
            new Target("name", t -> t.name, STRINGS, false, false, true, true, true, null),
            new Target("label", t -> t.label, STRINGS, false, false, false, true, true, null),
            new Target("code", t -> t.code, CODES, false, true, true, true, true, null),
            new Target("key", t -> t.key, KEYS, false, false, true, true, true, null),
            new Target("group", t -> t.group, GROUPS, false, false, true, true, true,
                    Comparator.comparingInt(t -> t.i)),
            new Target("group_i", t -> t.group, GROUPS, false, false, true, true, true,
                    Comparator.comparingInt(t -> t.i)),
            new Target("color", t -> t.color, COLORS, false, false, true, true, false, null),
            new Target("blob", t -> t.blob, BLOBS, false, false, true, true, false, null),
            new Target("when", t -> t.when, INSTANTS, false, false, true, true, false, null),
            new Target("tags", t -> t.tags, TAG_VALUES, true, false, true, true, true, null),
            new Target("id", t -> t.id, boxed(IDS), false, false, true, false, false, null));

    enum WhereKind { EQ, NOT_EQ, ANY_OF, NONE_OF, BETWEEN, GREATER, LESS, STARTS, IS_NULL, NOT_NULL, ANY, EQ_COMPOSITE }

    /** A where clause with its model: which objects it finds, and whether it reads them in index order. */
    record WhereSpec(Where clause, Predicate<Thing> test, Comparator<Thing> order, String text) {
        @Override
        public String toString() {
            return text;
        }

        /** A clause the target's index serves (others are refused when built: QueryWhereTest pins that). */
        static WhereSpec of(int targetGene, int kindGene, int a, int b, int flags) {
            Target t = TARGETS.get(targetGene % TARGETS.size());
            WhereKind kind = WhereKind.values()[kindGene % WhereKind.values().length];
            if (kindGene / WhereKind.values().length % 10 == 9) {
                kind = WhereKind.NONE_OF; // empty clauses among several: they must not change the order
            }
            boolean id = t.name().equals("id");
            if (t.hash() && !(kind == WhereKind.EQ || kind == WhereKind.ANY_OF || kind == WhereKind.ANY
                    || kind == WhereKind.IS_NULL)
                    || kind == WhereKind.STARTS && !t.string()
                    || kind == WhereKind.IS_NULL && (!t.nullable() || id)
                    || kind == WhereKind.EQ_COMPOSITE && !t.name().equals("group_i")) {
                kind = WhereKind.EQ;
            }
            boolean cs = t.caseSensitive();
            Object[] nonNull = withoutNull(t.pool());
            Object x = id || kind != WhereKind.EQ && kind != WhereKind.NOT_EQ && kind != WhereKind.ANY_OF
                    ? nonNull[a % nonNull.length] : t.pool()[a % t.pool().length];
            Object y = nonNull[b % nonNull.length];
            boolean incLo = (flags & 1) != 0;
            boolean incHi = (flags & 2) != 0;
            String n = t.name();
            Comparator<Thing> ordered = t.multi() || t.hash() || id ? null : t.order();
            Predicate<Object> test;
            Where w;
            String text;
            switch (kind) {
                case EQ -> {
                    w = Where.equalTo(n, x);
                    test = v -> same(v, x, cs);
                    text = n + " == " + show(x);
                }
                case NOT_EQ -> {
                    w = Where.notEqualTo(n, x);
                    test = v -> !same(v, x, cs);
                    text = n + " != " + show(x);
                    ordered = null;
                }
                case ANY_OF -> {
                    int count = flags % 4;
                    Object[] xs = new Object[count];
                    for (int k = 0; k < count; k++) {
                        xs[k] = id ? nonNull[(a + k * b) % nonNull.length] : t.pool()[(a + k * b) % t.pool().length];
                    }
                    w = Where.anyOf(n, xs);
                    test = v -> Arrays.stream(xs).anyMatch(z -> same(v, z, cs));
                    text = n + " anyOf " + Arrays.stream(xs).map(QueryModelPropertyTest::show).toList();
                    boolean oneKey = Arrays.stream(xs).allMatch(z -> same(z, xs[0], cs));
                    ordered = oneKey ? ordered : null;
                }
                case NONE_OF -> {
                    w = Where.anyOf(n, List.of());
                    test = v -> false;
                    text = n + " anyOf []";
                }
                case BETWEEN -> {
                    w = Where.between(n, x, incLo, y, incHi);
                    test = v -> v != null && inRange(v, x, incLo, y, incHi, cs);
                    text = n + " in " + (incLo ? "[" : "(") + show(x) + ", " + show(y) + (incHi ? "]" : ")");
                }
                case GREATER -> {
                    w = Where.greaterThan(n, x, incLo);
                    test = v -> v != null && inRange(v, x, incLo, null, true, cs);
                    text = n + (incLo ? " >= " : " > ") + show(x);
                }
                case LESS -> {
                    w = Where.lessThan(n, x, incHi);
                    test = v -> v != null && inRange(v, null, true, x, incHi, cs);
                    text = n + (incHi ? " <= " : " < ") + show(x);
                }
                case STARTS -> {
                    String p = ((String) x).substring(0, Math.min(((String) x).length(), flags % 3));
                    w = Where.startsWith(n, p);
                    test = v -> v != null && ((String) fold(v, cs)).startsWith((String) fold(p, cs));
                    text = n + " startsWith " + show(p);
                }
                case IS_NULL -> {
                    w = Where.isNull(n);
                    test = Objects::isNull;
                    text = n + " isNull";
                }
                case NOT_NULL -> {
                    w = Where.isNotNull(n);
                    test = Objects::nonNull;
                    text = n + " isNotNull";
                }
                case ANY -> {
                    w = Where.any(n);
                    test = v -> true;
                    text = n + " any";
                }
                default -> {
                    int i = INTS[b % INTS.length];
                    w = Where.equalTo(n, x, i);
                    Predicate<Object> first = v -> same(v, x, cs);
                    return new WhereSpec(w, th -> first.test(th.group) && th.i == i, ordered,
                            n + " == (" + show(x) + ", " + i + ")");
                }
            }
            Predicate<Object> elementTest = test;
            return new WhereSpec(w, th -> t.values(th).stream().anyMatch(elementTest), ordered, "where " + text);
        }
    }

    static boolean inRange(Object v, Object lo, boolean incLo, Object hi, boolean incHi, boolean cs) {
        Object f = fold(v, cs);
        if (lo != null) {
            int c = cmp(f, fold(lo, cs));
            if (c < 0 || c == 0 && !incLo) {
                return false;
            }
        }
        if (hi != null) {
            int c = cmp(f, fold(hi, cs));
            return c < 0 || c == 0 && incHi;
        }
        return true;
    }

    private static Arbitrary<Integer> genes() {
        return Arbitraries.integers().between(0, 1 << 16).withDistribution(RandomDistribution.uniform());
    }

    Arbitrary<WhereSpec> wheres() {
        return Combinators.combine(genes(), genes(), genes(), genes(), genes()).as(WhereSpec::of);
    }

    // ------------------------------------------------------------------ filters

    /** A path a filter can name, and the values the model reads through it (as Filter documents). */
    record FilterPath(String path, Function<Thing, List<Object>> reached, Object[] pool, boolean list,
                      boolean string, boolean comparable) {
        /** The values conditions test: the reached values, or the elements of the reached Lists. */
        List<Object> elements(Thing t) {
            List<Object> out = new ArrayList<>();
            for (Object v : reached.apply(t)) {
                if (!list) {
                    out.add(v);
                } else if (v != null) {
                    out.addAll((List<?>) v);
                }
            }
            return out;
        }
    }

    private static List<Object> one(Object v) {
        return java.util.Collections.singletonList(v);
    }

    private static List<Object> throughAuthors(Thing t, Function<Author, Object> f) {
        if (t.authors == null) {
            return one(null);
        }
        List<Object> out = new ArrayList<>();
        for (Author a : t.authors) {
            out.add(a == null ? null : f.apply(a));
        }
        return out;
    }

    static final List<FilterPath> PATHS = List.of(
            new FilterPath("flag", t -> one(t.flag), boxed(BOOLS), false, false, true),
            new FilterPath("b", t -> one(t.b), boxed(BYTES), false, false, true),
            new FilterPath("s", t -> one(t.s), boxed(SHORTS), false, false, true),
            new FilterPath("i", t -> one(t.i), boxed(INTS), false, false, true),
            new FilterPath("l", t -> one(t.l), boxed(LONGS), false, false, true),
            new FilterPath("f", t -> one(t.f), boxed(FLOATS), false, false, true),
            new FilterPath("d", t -> one(t.d), boxed(DOUBLES), false, false, true),
            new FilterPath("boxedFlag", t -> one(t.boxedFlag), BOXED_BOOLS, false, false, true),
            new FilterPath("boxedShort", t -> one(t.boxedShort), BOXED_SHORTS, false, false, true),
            new FilterPath("boxedLong", t -> one(t.boxedLong), BOXED_LONGS, false, false, true),
            new FilterPath("boxedDouble", t -> one(t.boxedDouble), BOXED_DOUBLES, false, false, true),
            new FilterPath("name", t -> one(t.name), STRINGS, false, true, true),
            new FilterPath("label", t -> one(t.label), STRINGS, false, true, true),
            new FilterPath("color", t -> one(t.color), COLORS, false, false, true),
            new FilterPath("blob", t -> one(t.blob), BLOBS, false, false, true),
            new FilterPath("when", t -> one(t.when), INSTANTS, false, false, true),
            new FilterPath("id", t -> one(t.id), boxed(IDS), false, false, true),
            new FilterPath("author", t -> one(t.author), new Object[] {null}, false, false, false),
            new FilterPath("author.name", t -> one(t.author == null ? null : t.author.name), STRINGS, false, true,
                    true),
            new FilterPath("author.age", t -> one(t.author == null ? null : t.author.age),
                    new Object[] {0, 30, -1, Integer.MAX_VALUE}, false, false, true),
            new FilterPath("tags", t -> one(t.tags), TAG_VALUES, true, true, true),
            new FilterPath("numbers", t -> one(t.numbers), new Object[] {0, 7, Integer.MAX_VALUE, -3, 1}, true,
                    false, true),
            new FilterPath("authors", t -> one(t.authors), new Object[] {null}, true, false, false),
            new FilterPath("authors.name", t -> throughAuthors(t, a -> a.name), STRINGS, false, true, true),
            new FilterPath("authors.age", t -> throughAuthors(t, a -> a.age), new Object[] {0, 30, -1}, false,
                    false, true));

    enum FilterKind { EQ, EQ_IGNORE_CASE, GREATER, LESS, BETWEEN, ANY_OF, IS_NULL, IS_NOT_NULL, STARTS, ENDS,
        CONTAINS, MATCHES, LENGTH_EQ, LENGTH_GT, LENGTH_LT, LENGTH_BETWEEN, IS_EMPTY, IS_NOT_EMPTY,
        ELEMENT_IS_NULL, ELEMENT_IS_NOT_NULL }

    /** A filter with its model. */
    record FilterSpec(Filter filter, Predicate<Thing> test, String text) {
        @Override
        public String toString() {
            return text;
        }

        /** Whether a condition of this kind can be asked of this path (others are refused when built). */
        static boolean fits(FilterPath p, FilterKind kind) {
            String n = p.path();
            boolean lengthy = p.list() || p.string() && !n.startsWith("authors.");
            return switch (kind) {
                case EQ, GREATER, LESS, BETWEEN, ANY_OF -> p.comparable();
                case EQ_IGNORE_CASE, STARTS, ENDS, CONTAINS, MATCHES -> p.string();
                case LENGTH_EQ, LENGTH_GT, LENGTH_LT, LENGTH_BETWEEN, IS_EMPTY, IS_NOT_EMPTY -> lengthy;
                case ELEMENT_IS_NULL, ELEMENT_IS_NOT_NULL -> p.list();
                case IS_NULL, IS_NOT_NULL -> true;
            };
        }

        static FilterSpec leaf(int pathGene, int kindGene, int a, int b, int flags) {
            FilterKind kind = FilterKind.values()[kindGene % FilterKind.values().length];
            List<FilterPath> fitting = PATHS.stream().filter(x -> fits(x, kind)).toList();
            FilterPath p = fitting.get(pathGene % fitting.size());
            String n = p.path();
            Object[] nonNull = withoutNull(p.pool());
            Object x = nonNull.length == 0 ? null : nonNull[a % nonNull.length];
            Object y = nonNull.length == 0 ? null : nonNull[b % nonNull.length];
            boolean incLo = (flags & 1) != 0;
            boolean incHi = (flags & 2) != 0;
            int la = LENGTHS[a % LENGTHS.length];
            int lb = LENGTHS[b % LENGTHS.length];
            Predicate<Object> element;
            Filter f;
            String text;
            switch (kind) {
                case EQ -> {
                    Object v = p.pool()[a % p.pool().length];
                    f = Filter.equalTo(n, v);
                    element = e -> same(e, v, true);
                    text = n + " == " + show(v);
                }
                case EQ_IGNORE_CASE -> {
                    String v = (String) x;
                    f = Filter.equalTo(n, v, false);
                    element = e -> e != null && lower((String) e).equals(lower(v));
                    text = n + " ==~ " + show(v);
                }
                case GREATER -> {
                    f = Filter.greaterThan(n, x, incLo);
                    element = e -> e != null && inRange(e, x, incLo, null, true, true);
                    text = n + (incLo ? " >= " : " > ") + show(x);
                }
                case LESS -> {
                    f = Filter.lessThan(n, x, incHi);
                    element = e -> e != null && inRange(e, null, true, x, incHi, true);
                    text = n + (incHi ? " <= " : " < ") + show(x);
                }
                case BETWEEN -> {
                    f = Filter.between(n, x, incLo, y, incHi);
                    element = e -> e != null && inRange(e, x, incLo, y, incHi, true);
                    text = n + " in " + (incLo ? "[" : "(") + show(x) + ", " + show(y) + (incHi ? "]" : ")");
                }
                case ANY_OF -> {
                    int count = flags % 4;
                    Object[] xs = new Object[count];
                    for (int k = 0; k < count; k++) {
                        xs[k] = p.pool()[(a + k * b) % p.pool().length];
                    }
                    f = Filter.anyOf(n, xs);
                    element = e -> Arrays.stream(xs).anyMatch(z -> same(e, z, true));
                    text = n + " anyOf " + Arrays.stream(xs).map(QueryModelPropertyTest::show).toList();
                }
                case STARTS, ENDS, CONTAINS, MATCHES -> {
                    boolean cs = (flags & 4) == 0;
                    String s = (String) x;
                    String part = kind == FilterKind.MATCHES ? pattern(s, b)
                            : s.substring(Math.min(s.length(), b % 2), Math.min(s.length(), b % 2 + flags % 3));
                    f = kind == FilterKind.STARTS ? Filter.startsWith(n, part, cs)
                            : kind == FilterKind.ENDS ? Filter.endsWith(n, part, cs)
                            : kind == FilterKind.CONTAINS ? Filter.contains(n, part, cs) : Filter.matches(n, part, cs);
                    Pattern regex = Pattern.compile(regex(cs ? part : lower(part)), Pattern.DOTALL);
                    String want = cs ? part : lower(part);
                    FilterKind stringKind = kind;
                    element = e -> {
                        if (e == null) {
                            return false;
                        }
                        String v = cs ? (String) e : lower((String) e);
                        return switch (stringKind) {
                            case STARTS -> v.startsWith(want);
                            case ENDS -> v.endsWith(want);
                            case CONTAINS -> v.contains(want);
                            default -> regex.matcher(v).matches();
                        };
                    };
                    text = n + " " + kind + (cs ? " " : " (ignoring case) ") + show(part);
                }
                case LENGTH_EQ, LENGTH_GT, LENGTH_LT, LENGTH_BETWEEN, IS_EMPTY, IS_NOT_EMPTY -> {
                    Predicate<Long> len = switch (kind) {
                        case LENGTH_EQ -> m -> m == la;
                        case LENGTH_GT -> m -> m > la;
                        case LENGTH_LT -> m -> m < la;
                        case LENGTH_BETWEEN -> m -> m >= la && m <= lb;
                        case IS_EMPTY -> m -> m == 0;
                        default -> m -> m > 0;
                    };
                    f = switch (kind) {
                        case LENGTH_EQ -> Filter.lengthEqualTo(n, la);
                        case LENGTH_GT -> Filter.lengthGreaterThan(n, la);
                        case LENGTH_LT -> Filter.lengthLessThan(n, la);
                        case LENGTH_BETWEEN -> Filter.lengthBetween(n, la, lb);
                        case IS_EMPTY -> Filter.isEmpty(n);
                        default -> Filter.isNotEmpty(n);
                    };
                    text = n + " " + kind + (kind == FilterKind.IS_EMPTY || kind == FilterKind.IS_NOT_EMPTY ? ""
                            : " " + la + (kind == FilterKind.LENGTH_BETWEEN ? ".." + lb : ""));
                    return new FilterSpec(f, t -> p.reached().apply(t).stream().anyMatch(v -> v != null
                            && len.test((long) (v instanceof String s ? s.length() : ((List<?>) v).size()))), text);
                }
                case ELEMENT_IS_NULL, ELEMENT_IS_NOT_NULL -> {
                    boolean wantNull = kind == FilterKind.ELEMENT_IS_NULL;
                    f = wantNull ? Filter.elementIsNull(n) : Filter.elementIsNotNull(n);
                    text = n + (wantNull ? " elementIsNull" : " elementIsNotNull");
                    return new FilterSpec(f, t -> p.reached().apply(t).stream().anyMatch(v -> v != null
                            && ((List<?>) v).stream().anyMatch(e -> (e == null) == wantNull)), text);
                }
                case IS_NOT_NULL -> {
                    f = Filter.isNotNull(n);
                    return new FilterSpec(f, t -> !p.reached().apply(t).contains(null), n + " isNotNull");
                }
                default -> {
                    f = Filter.isNull(n);
                    return new FilterSpec(f, t -> p.reached().apply(t).contains(null), n + " isNull");
                }
            }
            Predicate<Object> e = element;
            return new FilterSpec(f, t -> p.elements(t).stream().anyMatch(e), text);
        }

        static FilterSpec and(List<FilterSpec> parts) {
            Filter f = Filter.and(parts.stream().map(FilterSpec::filter).toArray(Filter[]::new));
            return new FilterSpec(f, t -> parts.stream().allMatch(s -> s.test().test(t)), "and" + parts);
        }

        static FilterSpec or(List<FilterSpec> parts) {
            Filter f = Filter.or(parts.stream().map(FilterSpec::filter).toArray(Filter[]::new));
            return new FilterSpec(f, t -> parts.stream().anyMatch(s -> s.test().test(t)), "or" + parts);
        }

        FilterSpec not() {
            return new FilterSpec(filter.not(), t -> !test.test(t), "not(" + text + ")");
        }
    }

    private static String pattern(String s, int gene) {
        StringBuilder sb = new StringBuilder();
        for (char c : s.toCharArray()) {
            int k = gene % 5;
            gene /= 5;
            sb.append(k == 0 ? "?" : k == 1 ? "*" : String.valueOf(c));
        }
        return sb.toString();
    }

    private static String regex(String wildcard) {
        StringBuilder sb = new StringBuilder();
        for (char c : wildcard.toCharArray()) {
            sb.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return sb.toString();
    }

    Arbitrary<FilterSpec> filters(int depth) {
        Arbitrary<FilterSpec> leaf = Combinators.combine(genes(), genes(), genes(), genes(), genes())
                .as(FilterSpec::leaf);
        if (depth == 0) {
            return leaf;
        }
        Arbitrary<FilterSpec> deeper = filters(depth - 1);
        return Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(5, leaf),
                net.jqwik.api.Tuple.of(1, deeper.list().ofMaxSize(3).map(FilterSpec::and)),
                net.jqwik.api.Tuple.of(1, deeper.list().ofMaxSize(3).map(FilterSpec::or)),
                net.jqwik.api.Tuple.of(1, deeper.map(FilterSpec::not)));
    }

    // ------------------------------------------------------------------ sorts, distinct, ends

    record SortPath(String path, Function<Thing, Object> get) {
    }

    static final List<SortPath> SORTS = List.of(new SortPath("i", t -> t.i), new SortPath("name", t -> t.name),
            new SortPath("label", t -> t.label), new SortPath("d", t -> t.d), new SortPath("f", t -> t.f),
            new SortPath("boxedInt", t -> t.boxedInt), new SortPath("boxedFloat", t -> t.boxedFloat),
            new SortPath("author.name", t -> t.author == null ? null : t.author.name),
            new SortPath("color", t -> t.color), new SortPath("when", t -> t.when), new SortPath("blob", t -> t.blob),
            new SortPath("id", t -> t.id), new SortPath("flag", t -> t.flag),
            new SortPath("boxedLong", t -> t.boxedLong),
            new SortPath("group", t -> t.group));

    record SortSpec(SortPath path, Sort direction) {
        @Override
        public String toString() {
            return path.path() + " " + direction;
        }
    }

    static final List<List<SortPath>> DISTINCTS = List.of(List.of(SORTS.get(12)),
            List.of(SORTS.get(8), new SortPath("boxedFlag", t -> t.boxedFlag)), List.of(SORTS.get(1)),
            List.of(SORTS.get(3)), List.of(SORTS.get(10)), List.of(SORTS.get(7)),
            List.of(new SortPath("tags", t -> t.tags)));

    /** A distinctBy key: equal for equal values (byte arrays by content, -0.0 apart from 0.0). */
    static Object distinctKey(Object v) {
        Object n = norm(v);
        return n instanceof byte[] b ? HexFormat.of().formatHex(b) : n;
    }

    enum TerminalKind { FIND_ALL, FIND_FIRST, COUNT, IS_EMPTY, DELETE_ALL, DELETE_FIRST, PROPERTY }

    enum Aggregate { FIND_ALL, MIN, MAX, SUM, AVERAGE, COUNT }

    record PropertyPath(String path, Function<Thing, Object> get, boolean integral, boolean floating,
                        boolean orderable) {
    }

    static final List<PropertyPath> PROPERTIES = List.of(
            new PropertyPath("i", t -> t.i, true, false, true),
            new PropertyPath("l", t -> t.l, true, false, true),
            new PropertyPath("b", t -> t.b, true, false, true),
            new PropertyPath("s", t -> t.s, true, false, true),
            new PropertyPath("boxedByte", t -> t.boxedByte, true, false, true),
            new PropertyPath("boxedLong", t -> t.boxedLong, true, false, true),
            new PropertyPath("boxedFloat", t -> t.boxedFloat, false, true, true),
            new PropertyPath("d", t -> t.d, false, true, true),
            new PropertyPath("f", t -> t.f, false, true, true),
            new PropertyPath("name", t -> t.name, false, false, true),
            new PropertyPath("author.name", t -> t.author == null ? null : t.author.name, false, false, true),
            new PropertyPath("author.age", t -> t.author == null ? null : t.author.age, true, false, true),
            new PropertyPath("color", t -> t.color, false, false, true),
            new PropertyPath("blob", t -> t.blob, false, false, true),
            new PropertyPath("when", t -> t.when, false, false, true),
            new PropertyPath("author", t -> t.author, false, false, false),
            new PropertyPath("id", t -> t.id, true, false, true));

    /** A property query end, with its model. */
    record PropertyEnd(PropertyPath path, Aggregate aggregate) {
        Object run(Query<Thing> q) {
            try {
                PropertyQuery<Object> p = q.property(path.path());
                return switch (aggregate) {
                    case FIND_ALL -> p.findAll().stream().map(QueryModelPropertyTest::show).toList();
                    case MIN -> show(p.min());
                    case MAX -> show(p.max());
                    case SUM -> p.sum();
                    case AVERAGE -> p.average();
                    case COUNT -> p.count();
                };
            } catch (IllegalArgumentException | ArithmeticException e) {
                return e.getClass().getSimpleName();
            }
        }

        Object model(List<Thing> found) {
            List<Object> values = found.stream().map(path.get()).toList();
            List<Object> nonNull = values.stream().filter(Objects::nonNull).toList();
            boolean numeric = path.integral() || path.floating();
            return switch (aggregate) {
                case FIND_ALL -> values.stream().map(QueryModelPropertyTest::show).toList();
                case MIN, MAX -> {
                    if (!path.orderable()) {
                        yield "IllegalArgumentException";
                    }
                    Object best = null;
                    for (Object v : nonNull) {
                        int c = cmp(v, best);
                        if (best == null || (aggregate == Aggregate.MIN ? c < 0 : c > 0)) {
                            best = v;
                        }
                    }
                    yield show(best);
                }
                case SUM -> {
                    if (!numeric) {
                        yield "IllegalArgumentException";
                    }
                    if (path.floating()) {
                        double sum = 0;
                        for (Object v : nonNull) {
                            sum += ((Number) v).doubleValue();
                        }
                        yield sum;
                    }
                    BigInteger sum = exactSum(nonNull);
                    yield sum.bitLength() < 64 ? (Object) sum.longValue() : "ArithmeticException";
                }
                case AVERAGE -> {
                    if (!numeric) {
                        yield "IllegalArgumentException";
                    }
                    if (nonNull.isEmpty()) {
                        yield Double.NaN;
                    }
                    if (path.integral()) {
                        yield new BigDecimal(exactSum(nonNull)).divide(BigDecimal.valueOf(nonNull.size()),
                                MathContext.DECIMAL128).doubleValue();
                    }
                    double sum = 0;
                    for (Object v : nonNull) {
                        sum += ((Number) v).doubleValue();
                    }
                    yield sum / nonNull.size();
                }
                case COUNT -> (long) nonNull.size();
            };
        }

        @Override
        public String toString() {
            return "property(" + path.path() + ")." + aggregate;
        }
    }

    static BigInteger exactSum(List<Object> values) {
        BigInteger sum = BigInteger.ZERO;
        for (Object v : values) {
            sum = sum.add(BigInteger.valueOf(((Number) v).longValue()));
        }
        return sum;
    }

    record Terminal(TerminalKind kind, PropertyEnd property) {
        boolean deletes() {
            return kind == TerminalKind.DELETE_ALL || kind == TerminalKind.DELETE_FIRST;
        }

        @Override
        public String toString() {
            return kind == TerminalKind.PROPERTY ? property.toString() : kind.toString();
        }
    }

    // ------------------------------------------------------------------ queries

    /** A whole query and its model. */
    record QuerySpec(List<WhereSpec> wheres, FilterSpec filter, List<SortSpec> sorts, int distinct, long offset,
                     long limit, Terminal terminal) {
        Query<Thing> build(AtollCollection<Thing> c) {
            Query<Thing> q = c.query();
            for (WhereSpec w : wheres) {
                q = q.where(w.clause());
            }
            if (filter != null) {
                q = q.filter(filter.filter());
            }
            for (int k = 0; k < sorts.size(); k++) {
                SortSpec s = sorts.get(k);
                q = k == 0 ? q.sortBy(s.path().path(), s.direction()) : q.thenBy(s.path().path(), s.direction());
            }
            if (distinct >= 0) {
                q = q.distinctBy(DISTINCTS.get(distinct).stream().map(SortPath::path).toArray(String[]::new));
            }
            if (offset > 0) {
                q = q.offset(offset);
            }
            if (limit >= 0) {
                q = q.limit(limit);
            }
            return q;
        }

        /** The README's order of work, over a plain List. */
        List<Thing> model(List<Thing> state) {
            Comparator<Thing> order;
            if (!sorts.isEmpty()) {
                order = null;
                for (SortSpec s : sorts) {
                    Comparator<Thing> c = (x, y) -> cmp(s.path().get().apply(x), s.path().get().apply(y));
                    c = s.direction() == Sort.DESC ? c.reversed() : c;
                    order = order == null ? c : order.thenComparing(c);
                }
                order = order.thenComparingLong(t -> t.id);
            } else if (wheres.size() == 1 && wheres.get(0).order() != null) {
                order = wheres.get(0).order();
            } else {
                order = Comparator.comparingLong(t -> t.id);
            }
            List<Thing> hits = state.stream()
                    .filter(t -> wheres.isEmpty() || wheres.stream().anyMatch(w -> w.test().test(t)))
                    .filter(t -> filter == null || filter.test().test(t))
                    .sorted(order).toList();
            if (distinct >= 0) {
                Set<List<Object>> seen = new HashSet<>();
                hits = hits.stream().filter(t -> seen.add(DISTINCTS.get(distinct).stream()
                        .map(p -> distinctKey(p.get().apply(t))).toList())).toList();
            }
            return hits.stream().skip(offset).limit(limit < 0 ? Long.MAX_VALUE : limit).toList();
        }

        @Override
        public String toString() {
            return "query" + wheres + (filter == null ? "" : " filter " + filter) + (sorts.isEmpty() ? ""
                    : " sort " + sorts) + (distinct < 0 ? "" : " distinctBy " + DISTINCTS.get(distinct).stream()
                    .map(SortPath::path).toList()) + (offset > 0 ? " offset " + offset : "")
                    + (limit >= 0 ? " limit " + limit : "") + " -> " + terminal;
        }
    }

    @Provide
    Arbitrary<List<QuerySpec>> queries() {
        Arbitrary<List<WhereSpec>> wheres = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.just(List.<WhereSpec>of())),
                net.jqwik.api.Tuple.of(4, wheres().list().ofSize(1)),
                net.jqwik.api.Tuple.of(3, wheres().list().ofMinSize(2).ofMaxSize(3)));
        Arbitrary<FilterSpec> filter = filters(2).injectNull(0.35);
        Arbitrary<List<SortSpec>> sorts = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(2, Arbitraries.just(List.<SortSpec>of())),
                net.jqwik.api.Tuple.of(1, Combinators.combine(Arbitraries.of(SORTS), Arbitraries.of(Sort.class))
                        .as(SortSpec::new).list().ofMinSize(1).ofMaxSize(2)));
        Arbitrary<Integer> distinct = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, Arbitraries.just(-1)),
                net.jqwik.api.Tuple.of(1, Arbitraries.integers().between(0, DISTINCTS.size() - 1)));
        Arbitrary<Long> offset = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(0L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(1, 8)));
        Arbitrary<Long> limit = Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(3, Arbitraries.just(-1L)),
                net.jqwik.api.Tuple.of(1, Arbitraries.longs().between(0, 8)));
        Arbitrary<Terminal> terminal = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.just(new Terminal(TerminalKind.FIND_ALL, null))),
                net.jqwik.api.Tuple.of(1, Arbitraries.of(TerminalKind.FIND_FIRST, TerminalKind.COUNT,
                        TerminalKind.IS_EMPTY, TerminalKind.DELETE_ALL, TerminalKind.DELETE_FIRST)
                        .map(k -> new Terminal(k, null))),
                net.jqwik.api.Tuple.of(3, Combinators.combine(Arbitraries.of(PROPERTIES),
                                Arbitraries.of(Aggregate.class)).as(PropertyEnd::new)
                        .map(p -> new Terminal(TerminalKind.PROPERTY, p))));
        return Combinators.combine(wheres, filter, sorts, distinct, offset, limit, terminal).as(QuerySpec::new)
                .list().ofMinSize(1).ofMaxSize(QUERIES);
    }
}
