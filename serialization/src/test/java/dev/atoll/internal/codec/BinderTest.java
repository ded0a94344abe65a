package dev.atoll.internal.codec;

import dev.atoll.schema.CollectionSchema;
import dev.atoll.testmodel.PrimitivesV1;
import dev.atoll.testmodel.PrimitivesV2;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Binding schemas to classes: the defaults of record components that a stored value does not have. */
class BinderTest {
    @Test
    void recordDecode_componentsOfEveryPrimitiveTypeMissingFromTheValue_getTheirZeroDefaults() {
        CollectionSchema s1 = CollectionSchema.of(PrimitivesV1.class);
        CollectionSchema s2 = CollectionSchema.of(PrimitivesV2.class);
        SchemaLayout l1 = SchemaLayout.initial(s1);
        byte[] stored = Codecs.create(List.of(s1), Map.of("Primitives", l1)).codec(PrimitivesV1.class)
            .encode(new PrimitivesV1(3, "three"), 3);
        PrimitivesV2 read = Codecs.create(List.of(s2), Map.of("Primitives", l1.merge(s2)))
            .codec(PrimitivesV2.class).decode(3, stored, 0, stored.length);
        assertEquals(new PrimitivesV2(3, "three", false, (byte) 0, (short) 0, 0, 0L, 0f, 0d, '\0'), read);
    }

    @Test
    void recordRoundTrip_everyPrimitiveComponent_keepsItsValue() {
        CollectionSchema s2 = CollectionSchema.of(PrimitivesV2.class);
        CollectionCodec<PrimitivesV2> codec = Codecs.create(List.of(s2), Map.of("Primitives", SchemaLayout.initial(s2)))
            .codec(PrimitivesV2.class);
        PrimitivesV2 value = new PrimitivesV2(8, "x", true, (byte) -1, (short) -2, -3, -4L, -5.5f, -6.5d, 'z');
        byte[] stored = codec.encode(value, 8);
        assertEquals(new PrimitivesV2(8, "x", true, (byte) -1, (short) -2, -3, -4L, -5.5f, -6.5d, '\0'),
            codec.decode(8, stored, 0, stored.length), "the ignored char is not stored");
    }
}
