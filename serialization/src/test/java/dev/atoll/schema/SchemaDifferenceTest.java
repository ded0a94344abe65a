package dev.atoll.schema;

import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

/**
 * What the schema check names when an index changed (each flag, its properties, an index added or gone),
 * that schemas are equal exactly when their descriptions are, and the values of the stored hash.
 */
class SchemaDifferenceTest {
    @Entity(name = "Flags")
    static class Plain {
        @Id
        long id;
        @Index
        String v;
        String w;
    }

    @Entity(name = "Flags")
    static class Replacing {
        @Id
        long id;
        @Index(unique = true, replace = true)
        String v;
        String w;
    }

    @Entity(name = "Flags")
    static class Unique {
        @Id
        long id;
        @Index(unique = true)
        String v;
        String w;
    }

    @Entity(name = "Flags")
    static class CaseInsensitive {
        @Id
        long id;
        @Index(caseSensitive = false)
        String v;
        String w;
    }

    @Entity(name = "Flags")
    static class Hashed {
        @Id
        long id;
        @Index(hash = true)
        String v;
        String w;
    }

    @Entity(name = "Flags")
    static class Composite {
        @Id
        long id;
        @Index(name = "v", composite = {"w"})
        String v;
        String w;
    }

    @Entity(name = "Flags")
    static class NoIndex {
        @Id
        long id;
        String v;
        String w;
    }

    private static String diff(Class<?> here, Class<?> there) {
        return CollectionSchema.of(here).differenceFrom(CollectionSchema.of(there)).orElseThrow();
    }

    @Test
    void differenceFrom_eachIndexFlag_namesTheFlagBothWays() {
        assertEquals("collection 'Flags': index 'v' differs (replacing here, not replacing in the open instance)",
            diff(Replacing.class, Unique.class));
        assertEquals("collection 'Flags': index 'v' differs (not replacing here, replacing in the open instance)",
            diff(Unique.class, Replacing.class));
        assertEquals("collection 'Flags': index 'v' differs (not case-sensitive here, case-sensitive in the open"
            + " instance)", diff(CaseInsensitive.class, Plain.class));
        assertEquals("collection 'Flags': index 'v' differs (hashed here, not hashed in the open instance)",
            diff(Hashed.class, Plain.class));
        assertEquals("collection 'Flags': index 'v' differs (not hashed here, hashed in the open instance)",
            diff(Plain.class, Hashed.class));
    }

    @Test
    void differenceFrom_indexOnOtherProperties_namesBothLists() {
        assertEquals("collection 'Flags': index 'v' differs (on [v, w] here, on [v] in the open instance)",
            diff(Composite.class, Plain.class));
    }

    @Test
    void differenceFrom_indexAddedOrGone_namesItAndWhere() {
        assertEquals("collection 'Flags': index 'v' is missing in the open instance", diff(Plain.class, NoIndex.class));
        assertEquals("collection 'Flags': index 'v' is missing here but present in the open instance",
            diff(NoIndex.class, Plain.class));
        assertEquals(Optional.empty(), CollectionSchema.of(Plain.class).differenceFrom(CollectionSchema.of(Plain.class)));
    }

    @Test
    void equals_sameDescriptionOnly() {
        CollectionSchema plain = CollectionSchema.of(Plain.class);
        assertEquals(plain, CollectionSchema.of(Plain.class));
        assertNotEquals(plain, CollectionSchema.of(Hashed.class));
        assertNotEquals(plain, (Object) plain.canonicalDescription());
        assertEquals(Long.hashCode(plain.fingerprint()), plain.hashCode());
    }

    @Test
    void hash64_valuesStoredInFiles_neverChange() {
        long[] expected = {-7160610219483255062L, 6718361486260413637L, 7434927902760765826L,
            -8031828082874051904L, -5317971593277232632L, -3249701443854003013L, 1602333689919890145L};
        int[] lengths = {0, 1, 7, 8, 9, 16, 17};
        for (int c = 0; c < lengths.length; c++) {
            byte[] data = bytes(lengths[c]);
            assertEquals(expected[c], CollectionSchema.hash64(data, 0, data.length), "length " + lengths[c]);
            assertEquals(expected[c], CollectionSchema.hash64(data), "length " + lengths[c]);
        }
        assertEquals(-471793452613700704L, CollectionSchema.hash64(bytes(12), 3, 9), "a slice");
    }

    private static byte[] bytes(int n) {
        byte[] d = new byte[n];
        for (int i = 0; i < n; i++) {
            d[i] = (byte) (i * 37 + 1);
        }
        return d;
    }
}
