package dev.atoll;

import dev.atoll.internal.watch.QueryDiff;


import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.Example;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@link QueryChanges}: the diff alone against a model (applying it turns the old ids into the new ones,
 * it keeps as many objects as can stay in order, and it marks exactly the kept objects whose bytes
 * changed), and a {@link Query#watchChanges} watcher against re-running the query: random writes, each
 * delivery applied to a mirror list, the mirror equal to each delivery's results and, at the end, to
 * {@link Query#findAll()}. jqwik prints its seed and shrinks a failure; the watcher property runs
 * {@value #WATCH_TRIES} tries of up to 30 writes.
 */
class QueryChangesPropertyTest {
    static final int WATCH_TRIES = 25;
    private static ActorTestKit kit;
    private static Path dir;

    @BeforeContainer
    static void open() throws IOException {
        kit = ActorTestKit.create("QueryChangesPropertyTest");
        dir = Files.createTempDirectory("atoll-query-changes");
    }

    @AfterContainer
    static void close() throws IOException {
        kit.shutdownTestKit();
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }

    // ---- the diff alone ----

    @Provide
    Arbitrary<List<Long>> idLists() {
        return Arbitraries.longs().between(1, 25).list().uniqueElements().ofMaxSize(15);
    }

    @Property(tries = 1000)
    void between_anyTwoLists_turnsTheOldIdsIntoTheNewOnes(@ForAll("idLists") List<Long> before,
                                                          @ForAll("idLists") List<Long> after,
                                                          @ForAll("idLists") List<Long> rewritten) {
        long[] oldIds = toArray(before);
        long[] newIds = toArray(after);
        byte[][] oldRecords = records(oldIds, List.of());
        byte[][] newRecords = records(newIds, rewritten);
        QueryChanges<Long> c = QueryDiff.between(oldIds, oldRecords, after, newIds, newRecords);

        assertEquals(after, apply(before, after, c));
        assertAscending(c.removed());
        assertAscending(c.inserted());
        assertAscending(c.modified());
        assertEquals(longestCommonRun(before, after), before.size() - c.removed().size(), "kept as many as can stay");
        assertEquals(after.size() - c.inserted().size(), before.size() - c.removed().size());
        List<Integer> expectedModified = new ArrayList<>();
        for (int j = 0; j < newIds.length; j++) {
            if (!c.inserted().contains(j) && rewritten.contains(newIds[j])) {
                expectedModified.add(j);
            }
        }
        assertEquals(expectedModified, c.modified());
        assertEquals(c.removed().isEmpty() && c.inserted().isEmpty() && c.modified().isEmpty(), c.isEmpty());
    }

    @Example
    void between_moveOfOneObject_isRemovedAndInsertedAndTheOthersStay() {
        long[] oldIds = {1, 2, 3, 4};
        long[] newIds = {2, 3, 4, 1};
        QueryChanges<Long> c = QueryDiff.between(oldIds, records(oldIds, List.of()), List.of(2L, 3L, 4L, 1L),
                newIds, records(newIds, List.of(3L)));
        assertEquals(List.of(0), c.removed());
        assertEquals(List.of(3), c.inserted());
        assertEquals(List.of(1), c.modified());
        assertEquals(List.of(2L, 3L, 4L, 1L), c.results());
    }

    @Example
    void between_duplicateIds_removesAllAndInsertsAll() {
        long[] oldIds = {1, 2};
        long[] newIds = {1, 1, 2};
        QueryChanges<Long> c = QueryDiff.between(oldIds, records(oldIds, List.of()), List.of(1L, 1L, 2L),
                newIds, records(newIds, List.of()));
        assertEquals(List.of(0, 1), c.removed());
        assertEquals(List.of(0, 1, 2), c.inserted());
        QueryChanges<Long> back = QueryDiff.between(newIds, records(newIds, List.of()), List.of(1L, 2L),
                oldIds, records(oldIds, List.of()));
        assertEquals(List.of(0, 1, 2), back.removed());
        assertEquals(List.of(0, 1), back.inserted());
        assertTrue(back.modified().isEmpty());
    }

    @Example
    void between_nothingChanged_isEmpty() {
        long[] ids = {5, 3, 9};
        QueryChanges<Long> c = QueryDiff.between(ids, records(ids, List.of()), List.of(5L, 3L, 9L), ids,
                records(ids, List.of()));
        assertTrue(c.isEmpty());
        QueryChanges<Long> modifiedOnly = QueryDiff.between(ids, records(ids, List.of()), List.of(5L, 3L, 9L),
                ids, records(ids, List.of(9L)));
        assertEquals(List.of(2), modifiedOnly.modified());
        assertTrue(!modifiedOnly.isEmpty());
        QueryChanges<Long> removedOnly = QueryDiff.between(ids, records(ids, List.of()), List.of(5L, 9L),
                new long[] {5, 9}, records(new long[] {5, 9}, List.of()));
        assertEquals(List.of(1), removedOnly.removed());
        assertTrue(!removedOnly.isEmpty());
        QueryChanges<Long> insertedOnly = QueryDiff.between(new long[0], new byte[0][], List.of(7L),
                new long[] {7}, records(new long[] {7}, List.of()));
        assertEquals(List.of(0), insertedOnly.inserted());
        assertTrue(!insertedOnly.isEmpty());
    }

    private static long[] toArray(List<Long> ids) {
        return ids.stream().mapToLong(Long::longValue).toArray();
    }

    /** A record per id: its id, and a second byte that differs for the ids in {@code rewritten}. */
    private static byte[][] records(long[] ids, List<Long> rewritten) {
        byte[][] r = new byte[ids.length][];
        for (int i = 0; i < ids.length; i++) {
            r[i] = new byte[] {(byte) ids[i], (byte) (rewritten.contains(ids[i]) ? 1 : 0)};
        }
        return r;
    }

    /**
     * Applies a diff to a list: removes (from the highest position down), then inserts (lowest up); the
     * modified positions keep the old element (the ids do not change).
     */
    private static <E> List<E> apply(List<E> before, List<E> newResults, QueryChanges<?> c) {
        List<E> out = new ArrayList<>(before);
        for (int k = c.removed().size() - 1; k >= 0; k--) {
            out.remove((int) c.removed().get(k));
        }
        for (int j : c.inserted()) {
            out.add(j, newResults.get(j));
        }
        return out;
    }

    private static void assertAscending(List<Integer> positions) {
        for (int k = 1; k < positions.size(); k++) {
            assertTrue(positions.get(k - 1) < positions.get(k), "not ascending: " + positions);
        }
    }

    /** The longest common subsequence of two lists (quadratic, the model). */
    private static int longestCommonRun(List<Long> a, List<Long> b) {
        int[][] l = new int[a.size() + 1][b.size() + 1];
        for (int i = 1; i <= a.size(); i++) {
            for (int j = 1; j <= b.size(); j++) {
                l[i][j] = a.get(i - 1).equals(b.get(j - 1)) ? l[i - 1][j - 1] + 1 : Math.max(l[i - 1][j], l[i][j - 1]);
            }
        }
        return l[a.size()][b.size()];
    }

    // ---- a watcher against re-running the query ----

    /** One write: a put of (id, name, size), or a delete of id when {@code name} is null. */
    record Write(long id, String name, int size) {
    }

    @Provide
    Arbitrary<List<Write>> writes() {
        Arbitrary<Write> put = Combinators.combine(Arbitraries.longs().between(1, 12),
                Arbitraries.of("a", "b", "c", "d"), Arbitraries.integers().between(0, 9)).as(Write::new);
        Arbitrary<Write> delete = Arbitraries.longs().between(1, 12).map(id -> new Write(id, null, 0));
        return Arbitraries.frequencyOf(net.jqwik.api.Tuple.of(4, put), net.jqwik.api.Tuple.of(1, delete))
                .list().ofMaxSize(30);
    }

    @Property(tries = WATCH_TRIES)
    void watchChanges_anyWrites_appliedInTurnGiveTheQueryResults(@ForAll("writes") List<Write> writes,
                                                               @ForAll boolean limited,
                                                               @ForAll boolean immediately) throws Exception {
        // a handle per try: jqwik runs the tries on a thread of its own
        Atoll db = Atoll.open(kit.system(), List.of(WatchedItem.class), dir, "diffs",
                AtollOptions.builder().durability(AtollOptions.Durability.WRITE).build());
        AtollCollection<WatchedItem> items = db.collection(WatchedItem.class);
        db.writeTxnSync(items::clear);
        Query<WatchedItem> query = items.query().filter(Filter.greaterThan("size", 3)).sortBy("name")
                .limit(limited ? 4 : Long.MAX_VALUE);
        BlockingQueue<QueryChanges<WatchedItem>> deliveries = new LinkedBlockingQueue<>();
        Subscription s = query.watchChanges(immediately ? WatchOptions.fireImmediately() : WatchOptions.defaults(),
                deliveries::add);
        try {
            for (Write w : writes) {
                db.writeTxnSync(() -> {
                    if (w.name() == null) {
                        items.delete(w.id());
                    } else {
                        items.put(new WatchedItem(w.id(), w.name(), w.size()));
                    }
                });
            }
            db.writeTxnSync(() -> items.put(new WatchedItem(100, "0 last", 9))); // sorts first: always found
            List<WatchedItem> mirror = new ArrayList<>();
            while (mirror.stream().noneMatch(i -> i.id == 100)) {
                QueryChanges<WatchedItem> c = deliveries.poll(10, TimeUnit.SECONDS);
                assertNotNull(c, "no delivery within 10 s; mirror " + describe(mirror));
                List<WatchedItem> previous = mirror;
                mirror = apply(previous, c.results(), c);
                for (int j : c.modified()) {
                    mirror.set(j, c.results().get(j));
                }
                assertEquals(describe(c.results()), describe(mirror), "the delivery applied to the mirror");
                for (int j = 0; j < c.results().size(); j++) {
                    if (c.inserted().contains(j)) {
                        continue;
                    }
                    WatchedItem now = c.results().get(j);
                    WatchedItem was = previous.stream().filter(i -> i.id == now.id).findFirst().orElseThrow();
                    if (c.modified().contains(j)) {
                        assertNotEquals(describe(List.of(was)), describe(List.of(now)), "modified but equal");
                    } else {
                        assertEquals(describe(List.of(was)), describe(List.of(now)), "changed but not modified");
                    }
                }
            }
            assertEquals(describe(query.findAll()), describe(mirror), "the mirror against the query run again");
        } finally {
            s.cancel();
            db.close();
        }
    }

    private static List<String> describe(List<WatchedItem> items) {
        return items.stream().map(i -> i.id + ":" + i.name + ":" + i.size).toList();
    }
}
