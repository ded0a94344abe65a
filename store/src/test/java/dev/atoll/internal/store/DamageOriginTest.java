package dev.atoll.internal.store;

import org.h2.mvstore.DataUtils;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression: any {@link NullPointerException} (or other parse-like exception) thrown while a read ran,
 * a null argument's included, was reported as a damaged file. Only those that MVStore, the store or
 * the codecs threw are damage now ({@link StoreCore.isDamage}).
 */
class DamageOriginTest {

    private static RuntimeException thrownAt(RuntimeException e, String... classes) {
        StackTraceElement[] trace = new StackTraceElement[classes.length];
        for (int i = 0; i < classes.length; i++) {
            trace[i] = new StackTraceElement(classes[i], "m", null, -1);
        }
        e.setStackTrace(trace);
        return e;
    }

    @Test
    void isDamage_mvStoreError_alwaysDamage() {
        assertTrue(StoreCore.isDamage(thrownAt(DataUtils.newMVStoreException(DataUtils.ERROR_FILE_CORRUPT, "bad"),
                "dev.atoll.AtollCollection")));
    }

    @Test
    void isDamage_parseErrorsThrownInStorage_damage() {
        assertTrue(StoreCore.isDamage(thrownAt(new NullPointerException(), "org.h2.mvstore.Page")));
        assertTrue(StoreCore.isDamage(thrownAt(new IndexOutOfBoundsException(), "java.nio.HeapByteBuffer",
                "jdk.internal.util.Preconditions", "sun.nio.ch.Util", "dev.atoll.internal.store.Records")));
        assertTrue(StoreCore.isDamage(thrownAt(new ClassCastException(), "dev.atoll.internal.codec.KeyEncoder")));
        assertTrue(StoreCore.isDamage(thrownAt(new java.nio.BufferUnderflowException(), "org.h2.mvstore.Chunk")));
        assertTrue(StoreCore.isDamage(thrownAt(new NegativeArraySizeException(), "org.h2.mvstore.Page")));
        assertTrue(StoreCore.isDamage(thrownAt(new NumberFormatException(), "org.h2.mvstore.DataUtils")));
        assertTrue(StoreCore.isDamage(thrownAt(new ArithmeticException(), "org.h2.mvstore.FileStore")));
    }

    @Test
    void isDamage_emptyTrace_damageAsBefore() {
        assertTrue(StoreCore.isDamage(thrownAt(new NullPointerException())));
        assertTrue(StoreCore.isDamage(thrownAt(new NullPointerException(), "java.util.Objects")));
    }

    @Test
    void isDamage_parseErrorThrownByTheCallerOrUserCode_notDamage() {
        assertFalse(StoreCore.isDamage(thrownAt(new NullPointerException(), "java.util.Objects",
                "dev.atoll.AtollCollection", "org.h2.mvstore.MVMap")));
        assertFalse(StoreCore.isDamage(thrownAt(new ClassCastException(), "com.example.MyFilter")));
    }

    @Test
    void isDamage_otherExceptions_notDamage() {
        assertFalse(StoreCore.isDamage(thrownAt(new IllegalArgumentException(), "org.h2.mvstore.Page")));
        assertFalse(StoreCore.isDamage(thrownAt(new IllegalStateException(), "dev.atoll.internal.store.Records")));
    }
}
