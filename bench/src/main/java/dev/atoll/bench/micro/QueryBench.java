package dev.atoll.bench.micro;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.Filter;
import dev.atoll.Sort;
import dev.atoll.Where;
import dev.atoll.bench.engines.AtollEngine;
import dev.atoll.bench.model.Ranked;
import org.apache.pekko.actor.typed.ActorSystem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Queries over 50,000 small objects with a value index on {@code rank} (ranks 0 to 49,999, one each):
 * an index lookup, a range of 100 over the index (which reads only those 100 objects), and a filter on
 * an unindexed property with a sort (which decodes every object). The benchmark thread holds one handle.
 */
@State(Scope.Benchmark)
public class QueryBench {
    private static final int SIZE = 50_000;
    private ActorSystem<Void> system;
    private Atoll db;
    private AtollCollection<Ranked> ranked;
    private Path dir;
    private final SplittableRandom random = new SplittableRandom(2);

    /** Opens the instance and fills it. */
    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("atoll-jmh-query");
        system = AtollEngine.newSystem("atoll-jmh-query");
        db = Atoll.open(system, List.of(Ranked.class), dir, "query");
        ranked = db.collection(Ranked.class);
        List<Ranked> all = new ArrayList<>(SIZE);
        for (int i = 0; i < SIZE; i++) {
            all.add(new Ranked(i + 1, (int) ((i * 7919L) % SIZE), "title " + (i * 31 % 1000), i % 2 == 0));
        }
        db.writeTxnSync(() -> ranked.putAll(all));
    }

    /** Closes and deletes everything. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        db.close(true);
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
        dev.atoll.bench.Compare.deleteTree(dir);
    }

    /** The one object with a rank, through the index. */
    @Benchmark
    public Ranked indexLookup() {
        return ranked.query().where(Where.equalTo("rank", random.nextInt(SIZE))).findFirst();
    }

    /** The 100 objects of a range of ranks, through the index. */
    @Benchmark
    public List<Ranked> indexRange() {
        int from = random.nextInt(SIZE - 100);
        return ranked.query().where(Where.between("rank", from, from + 99)).findAll();
    }

    /** Half of the objects, by an unindexed property, sorted by title: decodes all 50,000. */
    @Benchmark
    public int filterWithSort() {
        return ranked.query().filter(Filter.equalTo("flag", true)).sortBy("title", Sort.ASC).findAll().size();
    }
}
