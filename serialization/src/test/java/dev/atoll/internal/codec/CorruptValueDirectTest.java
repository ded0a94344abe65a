package dev.atoll.internal.codec;

import dev.atoll.testmodel.Everything;
import dev.atoll.testmodel.Rec;

/** {@link CorruptValueTest}'s damaged values, read by codecs that reach properties through {@link Accessors}. */
class CorruptValueDirectTest extends CorruptValueTest {
    @Override
    Codecs codecs() {
        return AccessorsTest.codecs(true, Everything.class, Rec.class);
    }
}
