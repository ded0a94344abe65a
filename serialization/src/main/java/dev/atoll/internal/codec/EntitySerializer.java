package dev.atoll.internal.codec;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/** The Kryo serializer of one entity class: its payload is a tagged message without the id. */
final class EntitySerializer extends Serializer<Object> {
    final ObjectNode node;
    /** The id given to the object being read; set by the codec before each read. */
    long pendingId;

    EntitySerializer(ObjectNode node) {
        super(false, false);
        this.node = node;
    }

    @Override
    public void write(Kryo kryo, Output output, Object object) {
        MessageCodec.write(kryo, (PayloadOutput) output, node, object);
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<?> type) {
        return MessageCodec.read(kryo, (PayloadInput) input, node, pendingId);
    }
}
