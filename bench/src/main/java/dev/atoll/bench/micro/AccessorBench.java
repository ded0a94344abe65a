package dev.atoll.bench.micro;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.bench.engines.AtollEngine;
import dev.atoll.bench.model.Data;
import dev.atoll.bench.model.Post;
import dev.atoll.internal.codec.Accessors;
import dev.atoll.internal.codec.CollectionCodec;
import dev.atoll.internal.codec.Codecs;
import dev.atoll.internal.codec.SchemaLayout;
import dev.atoll.schema.CollectionSchema;
import dev.atoll.schema.PropertySchema;
import org.apache.pekko.actor.typed.ActorSystem;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Reflection against generated accessors (issue 13): the codec's encode and decode of one post, a get by id
 * and a put of 100 posts through the public API, with {@code access=reflection} (the codecs as they are) or
 * {@code access=direct} (the codecs given the hand-written {@code Post_Accessors}, what the processor would
 * generate). Run with several forks; not part of {@code bench/run.sh}'s default set.
 */
@State(Scope.Benchmark)
public class AccessorBench {
    private static final int SIZE = 1_000;
    @Param({"reflection", "direct"})
    public String access;
    private CollectionCodec<Post> codec;
    private Post post;
    private byte[] encoded;
    private ActorSystem<Void> system;
    private Atoll db;
    private AtollCollection<Post> posts;
    private Path dir;
    private List<Post> batch;
    private final SplittableRandom random = new SplittableRandom(1);

    /** Builds the codec and an instance of 1,000 posts, with or without the accessors. */
    @Setup(Level.Trial)
    public void setup() throws IOException {
        System.setProperty(Accessors.PROPERTY, Boolean.toString(access.equals("direct")));
        CollectionSchema schema = CollectionSchema.of(Post.class);
        List<String> names = schema.properties().stream().map(PropertySchema::name).toList();
        if (!names.equals(List.of("archived", "averageWordLength", "title", "wordCount", "words"))) {
            throw new IllegalStateException("Post_Accessors numbers the properties differently: " + names);
        }
        codec = Codecs.create(List.of(schema), Map.of(schema.name(), SchemaLayout.initial(schema))).codec(Post.class);
        post = new Post(Data.post(7, 10, 30));
        encoded = codec.encode(post);
        dir = Files.createTempDirectory("atoll-jmh-access");
        system = AtollEngine.newSystem("atoll-jmh-access");
        db = Atoll.open(system, List.of(Post.class), dir, "jmh");
        posts = db.collection(Post.class);
        List<Post> all = new ArrayList<>(SIZE);
        for (int i = 1; i <= SIZE; i++) {
            all.add(new Post(Data.post(i, 10, 30)));
        }
        db.writeTxnSync(() -> posts.putAll(all));
        batch = new ArrayList<>(all.subList(0, 100));
        if (!Arrays.equals(codec.encode(posts.get(7)), encoded)) {
            throw new IllegalStateException("the stored post 7 does not encode as the codec's");
        }
    }

    /** Closes and deletes the instance. */
    @TearDown(Level.Trial)
    public void tearDown() throws IOException {
        db.close(true);
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
        dev.atoll.bench.Compare.deleteTree(dir);
        System.clearProperty(Accessors.PROPERTY);
    }

    /** One post to bytes. */
    @Benchmark
    public byte[] encode() {
        return codec.encode(post);
    }

    /** Bytes to one post. */
    @Benchmark
    public Post decode() {
        return codec.decode(7, encoded, 0, encoded.length);
    }

    /** One post by id through the public API. */
    @Benchmark
    public Post get() {
        return posts.get(1 + random.nextInt(SIZE));
    }

    /** 100 posts replaced in one durable write transaction through the public API. */
    @Benchmark
    public Object put100() {
        return db.writeTxnSync(() -> posts.putAll(batch));
    }
}
