package dev.atoll.internal.store;

import org.h2.mvstore.DataUtils;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Regression: any {@link NullPointerException} (or other parse-like exception) thrown while a read ran,
 * a null argument's included, was reported as a damaged file. Only those that MVStore, the store or
 * the codecs threw are damage now ({@link StoreErrors.isDamage}).
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
        assertTrue(StoreErrors.isDamage(thrownAt(DataUtils.newMVStoreException(DataUtils.ERROR_FILE_CORRUPT, "bad"),
                "dev.atoll.AtollCollection")));
    }

    @Test
    void isDamage_parseErrorsThrownInStorage_damage() {
        assertTrue(StoreErrors.isDamage(thrownAt(new NullPointerException(), "org.h2.mvstore.Page")));
        assertTrue(StoreErrors.isDamage(thrownAt(new IndexOutOfBoundsException(), "java.nio.HeapByteBuffer",
                "jdk.internal.util.Preconditions", "sun.nio.ch.Util", "dev.atoll.internal.store.Records")));
        assertTrue(StoreErrors.isDamage(thrownAt(new ClassCastException(), "dev.atoll.internal.codec.KeyEncoder")));
        assertTrue(StoreErrors.isDamage(thrownAt(new java.nio.BufferUnderflowException(), "org.h2.mvstore.Chunk")));
        assertTrue(StoreErrors.isDamage(thrownAt(new NegativeArraySizeException(), "org.h2.mvstore.Page")));
        assertTrue(StoreErrors.isDamage(thrownAt(new NumberFormatException(), "org.h2.mvstore.DataUtils")));
        assertTrue(StoreErrors.isDamage(thrownAt(new ArithmeticException(), "org.h2.mvstore.FileStore")));
    }

    @Test
    void isDamage_emptyTrace_damageAsBefore() {
        assertTrue(StoreErrors.isDamage(thrownAt(new NullPointerException())));
        assertTrue(StoreErrors.isDamage(thrownAt(new NullPointerException(), "java.util.Objects")));
    }

    @Test
    void isDamage_parseErrorThrownByTheCallerOrUserCode_notDamage() {
        assertFalse(StoreErrors.isDamage(thrownAt(new NullPointerException(), "java.util.Objects",
                "dev.atoll.AtollCollection", "org.h2.mvstore.MVMap")));
        assertFalse(StoreErrors.isDamage(thrownAt(new ClassCastException(), "com.example.MyFilter")));
    }

    @Test
    void isDamage_otherExceptions_notDamage() {
        assertFalse(StoreErrors.isDamage(thrownAt(new IllegalArgumentException(), "org.h2.mvstore.Page")));
        assertFalse(StoreErrors.isDamage(thrownAt(new IllegalStateException(), "dev.atoll.internal.store.Records")));
    }
}
