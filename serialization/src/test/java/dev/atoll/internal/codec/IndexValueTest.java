package dev.atoll.internal.codec;

import dev.atoll.testmodel.Color;
import dev.atoll.testmodel.Indexed;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link CollectionCodec#indexValue}: the value behind one key of an object, for error messages. */
class IndexValueTest {
    private final CollectionCodec<Indexed> codec = TestCodecs.of(Indexed.class).codec(Indexed.class);

    private static Indexed sample() {
        Indexed x = new Indexed();
        x.uuid = "u-1";
        x.name = "Alice";
        x.age = 30;
        x.tags = Arrays.asList("b", "a", null);
        x.words = List.of("Hello", "World");
        x.email = "Alice@Example.com";
        x.score = -5;
        x.color = Color.GREEN;
        x.codes = List.of(3, 1);
        return x;
    }

    private byte[][] keys(Indexed x, String index) {
        for (int i = 0; i < codec.schema().indexes().size(); i++) {
            if (codec.schema().indexes().get(i).name().equals(index)) {
                return codec.indexKeys(x)[i];
            }
        }
        throw new AssertionError(index);
    }

    @Test
    void indexValue_singleProperty_isItsValue() {
        Indexed x = sample();
        assertEquals("u-1", codec.indexValue(x, "uuid", keys(x, "uuid")[0]));
        assertEquals(Color.GREEN, codec.indexValue(x, "color", keys(x, "color")[0]));
        assertEquals("Alice@Example.com", codec.indexValue(x, "email", keys(x, "email")[0]), "hash index");
    }

    @Test
    void indexValue_composite_isTheListOfValues() {
        Indexed x = sample();
        assertEquals(List.of("Alice", 30), codec.indexValue(x, "name_age", keys(x, "name_age")[0]));
    }

    @Test
    void indexValue_multiEntry_isTheElementOfThatKey() {
        Indexed x = sample();
        byte[][] tagKeys = keys(x, "tags");
        assertEquals(3, tagKeys.length);
        List<Object> found = Arrays.stream(tagKeys).map(k -> codec.indexValue(x, "tags", k)).toList();
        assertEquals(Arrays.asList(null, "a", "b"), found, "keys are sorted; the null element first");
        assertEquals(List.of("Hello", "World"), codec.indexValue(x, "hashedWords", keys(x, "hashedWords")[0]),
            "a hash index on a list hashes the whole list");
        byte[][] codeKeys = keys(x, "codes_score_name");
        Object first = codec.indexValue(x, "codes_score_name", codeKeys[0]);
        assertEquals(List.of(1, -5L, "Alice"), first, "composite multi-entry: the element, then the others");
    }

    @Test
    void indexValue_keyOfAnotherObject_throws() {
        Indexed x = sample();
        Indexed y = sample();
        y.uuid = "u-2";
        y.tags = List.of("z");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> codec.indexValue(x, "uuid", keys(y, "uuid")[0]));
        assertTrue(e.getMessage().contains("'uuid'"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> codec.indexValue(x, "tags", keys(y, "tags")[0]));
        x.tags = null;
        assertThrows(IllegalArgumentException.class, () -> codec.indexValue(x, "tags", keys(y, "tags")[0]),
            "no list, no key");
        assertThrows(IllegalArgumentException.class, () -> codec.indexValue(x, "nope", new byte[] {1}));
        assertThrows(NullPointerException.class, () -> codec.indexValue(null, "uuid", new byte[] {1}));
        assertThrows(NullPointerException.class, () -> codec.indexValue(x, "uuid", null));
    }
}
