package dev.atoll.internal.codec;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.Serializer;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;

/**
 * The Kryo serializer of one embedded class. The same class may sit at several paths with different field
 * ids, so the caller sets {@link #current} to the node of the path before each write or read.
 */
final class EmbeddedSerializer extends Serializer<Object> {
    /** The node of the path being written or read. */
    ObjectNode current;

    EmbeddedSerializer() {
        super(false, false);
    }

    @Override
    public void write(Kryo kryo, Output output, Object object) {
        MessageCodec.write(kryo, (PayloadOutput) output, current, object);
    }

    @Override
    public Object read(Kryo kryo, Input input, Class<?> type) {
        return MessageCodec.read(kryo, (PayloadInput) input, current, 0);
    }
}
