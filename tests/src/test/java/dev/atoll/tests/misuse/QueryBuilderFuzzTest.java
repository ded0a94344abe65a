package dev.atoll.tests.misuse;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.AtollException;
import dev.atoll.Filter;
import dev.atoll.PropertyQuery;
import dev.atoll.Query;
import dev.atoll.Sort;
import dev.atoll.Where;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Supplier;

/**
 * Fuzzes the query builder with Jazzer: random where clauses, filters (nested), sorts, distinctBy, offset,
 * limit and property queries on a {@link Specimen} collection with a few stored objects, on names that
 * are properties, indexes, unindexed, nested or unknown, with values of every type, wrong types and null.
 * Only the documented errors are allowed, each where it is documented: building a step may fail with an
 * {@link IllegalArgumentException} or {@link IllegalStateException} that has a message; a query that was
 * built runs without an exception ({@code findAll}, {@code count}, {@code findFirst}, {@code exportJson},
 * {@code isEmpty}, {@code explain}); a property query refuses a property it cannot serve with an
 * {@code IllegalArgumentException}, and a long {@code sum()} that overflows with an
 * {@link ArithmeticException}. Anything else (an {@link AtollException} such as a
 * {@code CorruptFileException} on this valid file, a NullPointerException, a ClassCastException, a hang,
 * ...) is a finding. Runs that succeed must agree: {@code findAll()} finds each object at most once,
 * {@code count()} is its size, {@code findFirst()} its first element, {@code isEmpty()} whether it is empty.
 *
 * <p>Arguments that must not be null (names, collections, directions) are never null here: those fail
 * with a NullPointerException by contract.
 *
 * <p>In {@code mvn verify} this replays the saved corpus ({@code src/test/resources/dev/atoll/tests/
 * misuse/QueryBuilderFuzzTestInputs/}). To fuzz for longer (new findings are saved there too):
 * {@code JAZZER_FUZZ=1 mvn -pl tests -am test -Dtest=QueryBuilderFuzzTest
 * -Dsurefire.failIfNoSpecifiedTests=false -Djazzer.max_duration=10m}.
 */
class QueryBuilderFuzzTest {
    /** Properties, paths, index names and names that are none of these. */
    private static final String[] NAMES = {"id", "name", "label", "count", "stamp", "ratio", "weight", "active",
        "shade", "other", "tags", "notes", "part", "part.name", "part.size", "code", "group", "group_count",
        "digest", "plain", "plainLong", "unknown", "", ".", "part.", ".name", "part.unknown", "name.x",
        "tags.x", "part.name.x", "id.x", "Name"};

    @TempDir
    static Path dir;
    private static ActorTestKit kit;
    private static Atoll db;
    private static AtollCollection<Specimen> specimens;

    @BeforeAll
    static void open() {
        kit = ActorTestKit.create("QueryBuilderFuzzTest");
        db = Atoll.open(kit.system(), List.of(Specimen.class), dir, "fuzz");
        specimens = db.collection(Specimen.class);
        List<Specimen> batch = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            Specimen s = new Specimen();
            s.name = i == 3 ? null : "n" + (i % 3);
            s.label = i == 2 ? null : (i % 2 == 0 ? "Ab" : "aB");
            s.count = i - 2;
            s.stamp = i == 5 ? Long.MAX_VALUE : i == 4 ? Long.MIN_VALUE : i * 1000L;
            s.ratio = i == 1 ? Double.NaN : i == 2 ? -0.0 : i / 3.0;
            s.weight = i % 3 == 0 ? null : i * 1.5;
            s.active = i % 2 == 0;
            s.shade = i == 4 ? null : Specimen.Shade.values()[i % 3];
            s.other = i % 2 == 0 ? null : Specimen.Shade.DARK;
            s.tags = i == 0 ? null : i == 1 ? List.of() : Arrays.asList("t" + i, null, "t1");
            s.notes = i == 5 ? null : List.of("x", "y" + i);
            s.part = i == 2 ? null : new SpecimenPart(i == 3 ? null : "p" + i, i);
            s.code = i == 1 ? null : "c" + i;
            s.group = i == 0 ? null : "g" + (i % 2);
            s.digest = i % 2 == 0 ? "d" : null;
            s.plain = Integer.MAX_VALUE - i;
            s.plainLong = Long.MAX_VALUE - i;
            batch.add(s);
        }
        db.writeTxnSync(() -> specimens.putAll(batch));
    }

    @AfterAll
    static void close() {
        if (db != null) {
            db.close();
        }
        kit.shutdownTestKit();
    }

    @FuzzTest(maxDuration = "10s")
    void queries_randomBuilderSteps_runOrFailCleanly(FuzzedDataProvider data) {
        synchronized (QueryBuilderFuzzTest.class) { // a handle serves one thread at a time
            Query<Specimen> q = specimens.query();
            int steps = data.consumeInt(0, 8);
            for (int i = 0; i < steps && data.remainingBytes() > 0; i++) {
                Query<Specimen> current = q;
                Query<Specimen> next = allowed(() -> step(current, data), BUILD);
                if (next != null) {
                    q = next;
                }
            }
            run(q, data);
        }
    }

    private static Query<Specimen> step(Query<Specimen> q, FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 8)) {
            case 0 -> q.where(where(data));
            case 1 -> q.filter(filter(data, 0));
            case 2 -> q.sortBy(name(data), direction(data));
            case 3 -> q.thenBy(name(data), direction(data));
            case 4 -> q.distinctBy(names(data));
            case 5 -> q.offset(number(data));
            case 6 -> q.limit(number(data));
            case 7 -> q.sortBy(name(data));
            default -> q.thenBy(name(data));
        };
    }

    private static void run(Query<Specimen> q, FuzzedDataProvider data) {
        // The builder checked every step, so running the query throws nothing (a valid file, an open handle).
        List<Specimen> all = q.findAll();
        if (all.stream().mapToLong(s -> s.id).distinct().count() != all.size()) {
            throw new AssertionError("findAll() found an object twice: " + all + ": " + q);
        }
        long count = q.count();
        if (count != all.size()) {
            throw new AssertionError("count() " + count + " but findAll() found " + all.size() + ": " + q);
        }
        Specimen first = q.findFirst();
        if (all.isEmpty() ? first != null : first == null || first.id != all.get(0).id) {
            throw new AssertionError("findFirst() is not the first of findAll(): " + q);
        }
        String json = q.exportJson();
        if (!json.startsWith("[")) {
            throw new AssertionError("exportJson() is not an array: " + json);
        }
        if (q.isEmpty() != all.isEmpty()) {
            throw new AssertionError("isEmpty() disagrees with findAll(), which found " + all.size() + ": " + q);
        }
        if (q.explain().isEmpty()) {
            throw new AssertionError("explain() is empty: " + q);
        }
        int properties = data.consumeInt(0, 3);
        for (int i = 0; i < properties; i++) {
            String name = name(data);
            PropertyQuery<Object> p = allowed(() -> q.property(name), PROPERTY);
            if (p == null) {
                continue;
            }
            // Documented: min/max refuse Lists, sum/average refuse what is not numeric, a long sum may overflow.
            allowed(p::min, PROPERTY);
            allowed(p::max, PROPERTY);
            allowed(p::sum, SUM);
            allowed(p::average, PROPERTY);
            List<Object> values = p.findAll();
            long n = p.count();
            if (n != values.stream().filter(v -> v != null).count()) {
                throw new AssertionError("property count() " + n + " but " + values + ": " + q);
            }
        }
    }

    /** What building a query step may throw, as documented: a bad argument, or thenBy before sortBy. */
    private static final List<Class<? extends RuntimeException>> BUILD =
            List.of(IllegalArgumentException.class, IllegalStateException.class);
    /** What {@code property(name)} and its min, max and average may throw, as documented. */
    private static final List<Class<? extends RuntimeException>> PROPERTY = List.of(IllegalArgumentException.class);
    /** What {@code PropertyQuery.sum()} may throw, as documented: PROPERTY, and a long sum that overflows. */
    private static final List<Class<? extends RuntimeException>> SUM =
            List.of(IllegalArgumentException.class, ArithmeticException.class);

    /**
     * Runs one step; returns its result, or null when it failed as documented: with an exception of one of
     * the given classes (exactly: an {@link AtollException}, such as a {@code CorruptFileException}, is never
     * documented for a query on a valid file) that has a message. Anything else is rethrown as a finding.
     */
    private static <R> R allowed(Supplier<R> step, List<Class<? extends RuntimeException>> documented) {
        try {
            return step.get();
        } catch (RuntimeException e) {
            if (e instanceof AtollException || !documented.contains(e.getClass())) {
                throw new AssertionError("an undocumented exception: " + e, e);
            }
            if (e.getMessage() == null || e.getMessage().isEmpty()) {
                throw new AssertionError("an error without a message", e);
            }
            return null;
        }
    }

    private static Where where(FuzzedDataProvider data) {
        String index = name(data);
        return switch (data.consumeInt(0, 11)) {
            case 0 -> Where.equalTo(index, value(data));
            case 1 -> Where.equalTo(index, values(data));
            case 2 -> Where.between(index, value(data), value(data));
            case 3 -> Where.between(index, value(data), data.consumeBoolean(), value(data), data.consumeBoolean());
            case 4 -> Where.greaterThan(index, value(data), data.consumeBoolean());
            case 5 -> Where.lessThan(index, value(data), data.consumeBoolean());
            case 6 -> Where.startsWith(index, text(data, 6));
            case 7 -> Where.anyOf(index, values(data));
            case 8 -> Where.anyOf(index, Arrays.asList(values(data)));
            case 9 -> Where.isNull(index);
            case 10 -> Where.isNotNull(index);
            default -> Where.any(index);
        };
    }

    private static Filter filter(FuzzedDataProvider data, int depth) {
        int kinds = depth >= 3 ? 16 : 21;
        String p = depth >= 3 || data.remainingBytes() == 0 ? "name" : name(data);
        return switch (data.consumeInt(0, kinds - 1)) {
            case 0 -> Filter.equalTo(p, value(data));
            case 1 -> Filter.equalTo(p, text(data, 6), data.consumeBoolean());
            case 2 -> Filter.greaterThan(p, value(data), data.consumeBoolean());
            case 3 -> Filter.lessThan(p, value(data), data.consumeBoolean());
            case 4 -> Filter.between(p, value(data), data.consumeBoolean(), value(data), data.consumeBoolean());
            case 5 -> Filter.anyOf(p, values(data));
            case 6 -> Filter.anyOf(p, Arrays.asList(values(data)));
            case 7 -> Filter.isNull(p);
            case 8 -> Filter.isNotNull(p);
            case 9 -> Filter.startsWith(p, text(data, 6), data.consumeBoolean());
            case 10 -> Filter.endsWith(p, text(data, 6), data.consumeBoolean());
            case 11 -> Filter.contains(p, text(data, 6), data.consumeBoolean());
            case 12 -> Filter.matches(p, text(data, 8), data.consumeBoolean());
            case 13 -> switch (data.consumeInt(0, 3)) {
                case 0 -> Filter.lengthEqualTo(p, data.consumeInt());
                case 1 -> Filter.lengthGreaterThan(p, data.consumeInt());
                case 2 -> Filter.lengthLessThan(p, data.consumeInt());
                default -> Filter.lengthBetween(p, data.consumeInt(), data.consumeInt());
            };
            case 14 -> Filter.isEmpty(p);
            case 15 -> Filter.isNotEmpty(p);
            case 16 -> Filter.and(filters(data, depth));
            case 17 -> Filter.or(filters(data, depth));
            case 18 -> Filter.not(filter(data, depth + 1));
            case 19 -> filter(data, depth + 1).and(filter(data, depth + 1)).not();
            default -> filter(data, depth + 1).or(filter(data, depth + 1));
        };
    }

    private static Filter[] filters(FuzzedDataProvider data, int depth) {
        Filter[] fs = new Filter[data.consumeInt(0, 3)];
        for (int i = 0; i < fs.length; i++) {
            fs[i] = filter(data, depth + 1);
        }
        return fs;
    }

    /** A String, or null. */
    private static String text(FuzzedDataProvider data, int maxLength) {
        return data.consumeBoolean() ? null : data.consumeString(maxLength);
    }

    private static String name(FuzzedDataProvider data) {
        return data.consumeInt(0, 9) == 0 ? data.consumeString(8) : data.pickValue(NAMES);
    }

    private static String[] names(FuzzedDataProvider data) {
        String[] ns = new String[data.consumeInt(0, 3)];
        for (int i = 0; i < ns.length; i++) {
            ns[i] = name(data);
        }
        return ns;
    }

    private static Sort direction(FuzzedDataProvider data) {
        return data.consumeBoolean() ? Sort.ASC : Sort.DESC;
    }

    private static long number(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 4)) {
            case 0 -> data.consumeLong();
            case 1 -> Long.MAX_VALUE;
            case 2 -> Long.MIN_VALUE;
            default -> data.consumeLong(-3, 8);
        };
    }

    private static Object[] values(FuzzedDataProvider data) {
        Object[] vs = new Object[data.consumeInt(0, 4)];
        for (int i = 0; i < vs.length; i++) {
            vs[i] = value(data);
        }
        return vs;
    }

    /** A value of a random type: the types of the properties, other types, null, extremes. */
    private static Object value(FuzzedDataProvider data) {
        return switch (data.consumeInt(0, 20)) {
            case 0 -> null;
            case 1 -> data.consumeString(6);
            case 2 -> data.consumeInt();
            case 3 -> data.consumeInt(-3, 8);
            case 4 -> data.consumeLong();
            case 5 -> data.pickValue(new Object[] {Long.MAX_VALUE, Long.MIN_VALUE, Integer.MIN_VALUE, 0L});
            case 6 -> data.consumeDouble();
            case 7 -> data.pickValue(new Object[] {Double.NaN, -0.0, Double.POSITIVE_INFINITY, 0.5});
            case 8 -> data.consumeFloat();
            case 9 -> data.consumeBoolean();
            case 10 -> data.pickValue(Specimen.Shade.values());
            case 11 -> DayOfWeek.MONDAY; // an enum of another class
            case 12 -> data.consumeBytes(4);
            case 13 -> Instant.ofEpochSecond(data.consumeInt());
            case 14 -> data.consumeShort();
            case 15 -> data.consumeByte();
            case 16 -> Arrays.asList("t1", null);
            case 17 -> new SpecimenPart("p1", 1);
            case 18 -> new Object();
            case 19 -> data.pickValue(new String[] {"n1", "Ab", "t1", "c3", "g1", "d", "p1", ""});
            default -> 'c';
        };
    }
}
