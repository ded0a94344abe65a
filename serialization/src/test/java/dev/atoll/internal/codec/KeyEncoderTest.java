package dev.atoll.internal.codec;

import dev.atoll.schema.PropertySchema;
import dev.atoll.schema.PropertyType;
import dev.atoll.testmodel.Color;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Order preservation and prefix-freeness of index keys, checked against the natural order. */
class KeyEncoderTest {
    private static final int COUNT = 3000;
    /** The seed of the random values; {@code -Datoll.test.seed=N} picks another. */
    private static final long SEED = Long.getLong("atoll.test.seed", 12345L);
    private final Random random = new Random(SEED);

    KeyEncoderTest() {
        System.out.println("KeyEncoderTest seed " + SEED + " (repeat with -Datoll.test.seed=" + SEED + ")");
    }

    /** Checks key order against natural order for all adjacent pairs in key order and many random pairs. */
    private static <T> void checkOrder(List<T> values, Comparator<T> natural, Function<T, byte[]> key) {
        List<T> vals = new ArrayList<>(values);
        List<byte[]> keys = new ArrayList<>();
        for (T v : vals) {
            keys.add(key.apply(v));
        }
        Integer[] order = new Integer[vals.size()];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Arrays.compareUnsigned(keys.get(a), keys.get(b)));
        for (int i = 1; i < order.length; i++) {
            int a = order[i - 1];
            int b = order[i];
            check(vals.get(a), keys.get(a), vals.get(b), keys.get(b), natural);
        }
        Random r = new Random(SEED + 1);
        for (int i = 0; i < 20 * vals.size(); i++) {
            int a = r.nextInt(vals.size());
            int b = r.nextInt(vals.size());
            check(vals.get(a), keys.get(a), vals.get(b), keys.get(b), natural);
        }
    }

    private static <T> void check(T a, byte[] ka, T b, byte[] kb, Comparator<T> natural) {
        int n = Integer.signum(natural.compare(a, b));
        int k = Integer.signum(Arrays.compareUnsigned(ka, kb));
        assertEquals(n, k, () -> "order of " + show(a) + " and " + show(b));
        if (n != 0) {
            assertFalse(isPrefix(ka, kb) || isPrefix(kb, ka), () -> "prefix: " + show(a) + " / " + show(b));
        }
    }

    private static String show(Object o) {
        return o instanceof String s ? s.codePoints().mapToObj(Integer::toHexString).toList().toString()
            : String.valueOf(o);
    }

    private static boolean isPrefix(byte[] p, byte[] of) {
        return p.length <= of.length && Arrays.equals(p, 0, p.length, of, 0, p.length);
    }

    private <T> List<T> generate(Supplier<T> supplier, List<T> edges) {
        List<T> out = new ArrayList<>(edges);
        while (out.size() < COUNT) {
            out.add(supplier.get());
        }
        return out;
    }

    private static <T extends Comparable<T>> Comparator<T> nullsFirst() {
        return Comparator.nullsFirst(Comparator.naturalOrder());
    }

    private static PropertySchema schema(PropertyType type) {
        return PropertySchema.scalar("p", type, true);
    }

    @Test
    void ints_orderAndPrefixFree() {
        List<Integer> values = generate(() -> random.nextInt(4) == 0 ? random.nextInt(200) - 100 : random.nextInt(),
            Arrays.asList(Integer.MIN_VALUE, Integer.MAX_VALUE, 0, -1, 1, null));
        checkOrder(values, nullsFirst(), v -> KeyEncoder.encode(schema(PropertyType.INT), true, v));
        assertArrayEquals(KeyEncoder.ofInt(-7), KeyEncoder.encode(schema(PropertyType.INT), true, -7));
    }

    @Test
    void longs_orderAndPrefixFree() {
        List<Long> values = generate(() -> random.nextBoolean() ? random.nextLong() : random.nextInt(1000) - 500L,
            Arrays.asList(Long.MIN_VALUE, Long.MAX_VALUE, 0L, -1L, 1L, Long.MIN_VALUE + 1, null));
        checkOrder(values, nullsFirst(), v -> KeyEncoder.encode(schema(PropertyType.LONG), true, v));
    }

    @Test
    void shortsAndBytesAndBooleans_orderAndPrefixFree() {
        checkOrder(generate(() -> (short) random.nextInt(),
                Arrays.asList(Short.MIN_VALUE, Short.MAX_VALUE, (short) 0, (short) -1, null)), nullsFirst(),
            v -> KeyEncoder.encode(schema(PropertyType.SHORT), true, v));
        checkOrder(generate(() -> (byte) random.nextInt(),
                Arrays.asList(Byte.MIN_VALUE, Byte.MAX_VALUE, (byte) 0, (byte) -1, null)), nullsFirst(),
            v -> KeyEncoder.encode(schema(PropertyType.BYTE), true, v));
        checkOrder(Arrays.asList(true, false, null, true), nullsFirst(),
            v -> KeyEncoder.encode(schema(PropertyType.BOOL), true, v));
    }

    @Test
    void doubles_orderAndPrefixFree() {
        List<Double> values = generate(() -> switch (random.nextInt(4)) {
            case 0 -> random.nextGaussian() * 1e-300;
            case 1 -> Double.longBitsToDouble(random.nextLong());
            default -> (random.nextDouble() - 0.5) * Math.pow(10, random.nextInt(40) - 20);
        }, Arrays.asList(Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN, -Double.MAX_VALUE,
            Double.MAX_VALUE, Double.MIN_VALUE, -Double.MIN_VALUE, 0.0, -0.0, 1.0, -1.0, null));
        // Double.compare: -0.0 before 0.0, NaN after +infinity, like the keys
        checkOrder(values, nullsFirst(), v -> KeyEncoder.encode(schema(PropertyType.DOUBLE), true, v));
        byte[] nan = KeyEncoder.ofDouble(Double.NaN);
        assertEquals(1, Integer.signum(Arrays.compareUnsigned(nan, KeyEncoder.ofDouble(Double.POSITIVE_INFINITY))));
        assertArrayEquals(nan, KeyEncoder.ofDouble(Double.longBitsToDouble(0xFFF8000000000001L)));
    }

    @Test
    void floats_orderAndPrefixFree() {
        List<Float> values = generate(() -> random.nextBoolean() ? Float.intBitsToFloat(random.nextInt())
                : (random.nextFloat() - 0.5f) * 1000,
            Arrays.asList(Float.NEGATIVE_INFINITY, Float.POSITIVE_INFINITY, Float.NaN, -0.0f, 0.0f, null));
        checkOrder(values, nullsFirst(), v -> KeyEncoder.encode(schema(PropertyType.FLOAT), true, v));
    }

    private String randomString() {
        int len = random.nextInt(8);
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            int cp = switch (random.nextInt(6)) {
                case 0 -> 0;
                case 1 -> 1 + random.nextInt(3);
                case 2 -> 'a' + random.nextInt(3);
                case 3 -> 0x80 + random.nextInt(0x800);
                case 4 -> random.nextBoolean() ? 0xE000 + random.nextInt(0x2000) : 0xFF;
                default -> 0x10000 + random.nextInt(0x10000);
            };
            sb.appendCodePoint(cp);
        }
        return sb.toString();
    }

    /** Code-point order (String.compareTo orders UTF-16 units, which differs above U+FFFF). */
    private static final Comparator<String> CODE_POINTS = (a, b) -> Arrays.compare(a.codePoints().toArray(),
        b.codePoints().toArray());

    @Test
    void strings_codePointOrderAndPrefixFree() {
        List<String> values = generate(this::randomString,
            Arrays.asList("", "\0", "\0\0", "a", "a\0", "a\0b", "a\u0001", "ab", "\uFFFF", "\uD800\uDC00", null));
        checkOrder(values, Comparator.nullsFirst(CODE_POINTS),
            v -> KeyEncoder.encode(schema(PropertyType.STRING), true, v));
    }

    @Test
    void strings_caseInsensitive_foldedPerCodePoint() {
        assertArrayEquals(KeyEncoder.ofString("istanbul", true), KeyEncoder.ofString("ISTANBUL", false));
        assertArrayEquals(KeyEncoder.ofString("straße", false), KeyEncoder.ofString("STRAßE", false));
        assertFalse(Arrays.equals(KeyEncoder.ofString("A", true), KeyEncoder.ofString("a", true)));
        assertArrayEquals(new byte[] {1, 'a', 0, (byte) 0xFF, 'b', 0, 1}, KeyEncoder.ofString("a\0b", true));
    }

    @Test
    void bytes_unsignedOrderAndPrefixFree() {
        List<byte[]> values = generate(() -> {
            byte[] b = new byte[random.nextInt(6)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (random.nextInt(3) == 0 ? 0 : random.nextInt(4) == 0 ? 0xFF : random.nextInt(256));
            }
            return b;
        }, Arrays.asList(new byte[0], new byte[] {0}, new byte[] {0, 0}, new byte[] {-1}, null));
        checkOrder(values, Comparator.nullsFirst(Arrays::compareUnsigned),
            v -> KeyEncoder.encode(schema(PropertyType.BYTES), true, v));
    }

    @Test
    void instants_orderAndPrefixFree() {
        List<Instant> values = generate(() -> Instant.ofEpochSecond(
                random.nextBoolean() ? random.nextInt(100) - 50 : random.nextLong() % Instant.MAX.getEpochSecond(),
                random.nextInt(1_000_000_000)),
            Arrays.asList(Instant.MIN, Instant.MAX, Instant.EPOCH, Instant.ofEpochSecond(-1, 999_999_999), null));
        checkOrder(values, nullsFirst(), v -> KeyEncoder.encode(schema(PropertyType.INSTANT), true, v));
    }

    @Test
    void enums_orderByOrdinal() {
        PropertySchema p = new PropertySchema("c", PropertyType.ENUM, true, null, null,
            List.of("RED", "GREEN", "BLUE"), "Color");
        checkOrder(Arrays.asList(Color.BLUE, Color.RED, null, Color.GREEN, Color.RED), nullsFirst(),
            v -> KeyEncoder.encode(p, true, v));
        assertArrayEquals(KeyEncoder.ofEnum(Color.GREEN), KeyEncoder.encode(p, true, Color.GREEN));
    }

    @Test
    void lists_lexicographicOrderAndPrefixFree() {
        PropertySchema element = schema(PropertyType.STRING);
        PropertySchema list = new PropertySchema("l", PropertyType.LIST, true, element, null, null, null);
        List<List<String>> values = generate(() -> {
            List<String> l = new ArrayList<>();
            int n = random.nextInt(4);
            for (int i = 0; i < n; i++) {
                l.add(random.nextInt(5) == 0 ? null : String.valueOf((char) ('a' + random.nextInt(3))));
            }
            return l;
        }, Arrays.asList(List.of(), null, List.of("")));
        Comparator<String> el = Comparator.nullsFirst(CODE_POINTS);
        Comparator<List<String>> lex = (a, b) -> {
            for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
                int c = el.compare(a.get(i), b.get(i));
                if (c != 0) {
                    return c;
                }
            }
            return Integer.compare(a.size(), b.size());
        };
        checkOrder(values, Comparator.nullsFirst(lex), v -> KeyEncoder.encode(list, true, v));
    }

    @Test
    void composite_concatenationKeepsLexicographicOrder() {
        record Pair(String s, int i) {
        }
        List<Pair> values = generate(() -> new Pair(randomString(), random.nextInt(5) - 2), List.of());
        Comparator<Pair> natural = Comparator.comparing(Pair::s, CODE_POINTS).thenComparingInt(Pair::i);
        checkOrder(values, natural,
            p -> KeyEncoder.concat(KeyEncoder.ofString(p.s(), true), KeyEncoder.ofInt(p.i())));
    }

    @Test
    void hash_eightBytesStableAndDiscriminating() {
        byte[] a = KeyEncoder.hash(KeyEncoder.ofString("abc", true));
        assertEquals(8, a.length);
        assertArrayEquals(a, KeyEncoder.hash(KeyEncoder.ofString("abc", true)));
        assertFalse(Arrays.equals(a, KeyEncoder.hash(KeyEncoder.ofString("abd", true))));
        Set<Long> seen = new HashSet<>();
        for (int i = 0; i < 100_000; i++) {
            seen.add(KeyEncoder.hash64(KeyEncoder.ofInt(i)));
        }
        assertEquals(100_000, seen.size());
    }

    @Test
    void encode_wrongValueOrEmbedded_illegalArgument() {
        assertThrows(IllegalArgumentException.class,
            () -> KeyEncoder.encode(schema(PropertyType.INT), true, "x"));
        PropertySchema embedded = new PropertySchema("e", PropertyType.EMBEDDED, true, null, List.of(), null, "E");
        assertThrows(IllegalArgumentException.class, () -> KeyEncoder.encode(embedded, true, new Object()));
        assertArrayEquals(KeyEncoder.ofNull(), KeyEncoder.encode(embedded, true, null));
    }
}
