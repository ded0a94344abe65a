package dev.atoll.bench.micro;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.bench.engines.AtollEngine;
import dev.atoll.bench.model.Keyed;
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
 * Reads and small commits on an instance of 10,000 small objects with a unique index: get by id, lookup
 * through the index, and the durable commit of one small object (fsync included). The benchmark thread
 * holds one handle; JMH runs it with one thread.
 */
@State(Scope.Benchmark)
public class StoreBench {
    private static final int SIZE = 10_000;
    private ActorSystem<Void> system;
    private Atoll db;
    private AtollCollection<Keyed> keyed;
    private Path dir;
    private final SplittableRandom random = new SplittableRandom(1);
    private long nextId = SIZE + 1;

    /** Opens the instance and fills it. */
    @Setup(Level.Trial)
    public void setup() throws IOException {
        dir = Files.createTempDirectory("atoll-jmh");
        system = AtollEngine.newSystem("atoll-jmh");
        db = Atoll.open(system, List.of(Keyed.class), dir, "jmh");
        keyed = db.collection(Keyed.class);
        List<Keyed> all = new ArrayList<>(SIZE);
        for (int i = 1; i <= SIZE; i++) {
            all.add(new Keyed(i, "key-" + i, "content of " + i, i % 10));
        }
        db.writeTxnSync(() -> keyed.putAll(all));
    }

    /** Closes and deletes everything. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        db.close(true);
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
        dev.atoll.bench.Compare.deleteTree(dir);
    }

    /** One object by id. */
    @Benchmark
    public Keyed getById() {
        return keyed.get(1 + random.nextInt(SIZE));
    }

    /** One object through its unique index. */
    @Benchmark
    public Keyed getByIndex() {
        return keyed.getByIndex("key", "key-" + (1 + random.nextInt(SIZE)));
    }

    /** One small object in its own durable write transaction. */
    @Benchmark
    public long commitOne() {
        long id = nextId++;
        Keyed k = new Keyed(id, "new-" + id, "a new small object", 1);
        return db.writeTxnSync(() -> keyed.put(k));
    }
}
