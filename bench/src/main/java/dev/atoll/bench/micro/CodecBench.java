package dev.atoll.bench.micro;

import dev.atoll.bench.model.Data;
import dev.atoll.bench.model.Post;
import dev.atoll.schema.CollectionSchema;
import dev.atoll.internal.codec.CollectionCodec;
import dev.atoll.internal.codec.Codecs;
import dev.atoll.internal.codec.SchemaLayout;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import java.util.List;
import java.util.Map;

/** Encoding and decoding of one post (20 words on average) by {@link CollectionCodec}, per object. */
@State(Scope.Thread)
public class CodecBench {
    private CollectionCodec<Post> codec;
    private Post post;
    private byte[] encoded;

    /** Builds the codec and one encoded post. */
    @Setup
    public void setup() {
        CollectionSchema schema = CollectionSchema.of(Post.class);
        codec = Codecs.create(List.of(schema), Map.of(schema.name(), SchemaLayout.initial(schema))).codec(Post.class);
        post = new Post(Data.post(7, 10, 30));
        encoded = codec.encode(post);
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
}
