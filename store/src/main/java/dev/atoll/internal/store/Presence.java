package dev.atoll.internal.store;

import org.h2.mvstore.WriteBuffer;
import org.h2.mvstore.type.BasicDataType;

import java.nio.ByteBuffer;

/** The value type of index maps: the key says everything, so the value takes no bytes. */
final class Presence extends BasicDataType<Boolean> {
    static final Presence INSTANCE = new Presence();

    private Presence() {
    }

    @Override
    public int getMemory(Boolean obj) {
        return 0;
    }

    @Override
    public void write(WriteBuffer buff, Boolean obj) {
        // nothing to write
    }

    @Override
    public Boolean read(ByteBuffer buff) {
        return Boolean.TRUE;
    }

    @Override
    public Boolean[] createStorage(int size) {
        return new Boolean[size];
    }
}
