package dev.atoll.tests.query;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;

/** Random {@link Item}s from small value pools, so that queries find ties, nulls and duplicates. */
final class Items {
    static final String[] NAMES = {"apple", "Apple", "apricot", "banana", "band", "Band", "cherry", "ch*rry",
        "date", "", "éclair", "zeta", "a?b", "kiwi"};
    static final String[] TAGS = {"red", "green", "blue", "Red", "big", "small", "x"};
    static final String[] GROUPS = {"g1", "g2", "g3"};

    private Items() {
    }

    static Item random(Random r) {
        Item i = new Item();
        i.name = r.nextInt(8) == 0 ? null : pick(r, NAMES);
        i.label = r.nextInt(8) == 0 ? null : pick(r, NAMES);
        i.score = r.nextInt(21) - 10;
        i.group = r.nextInt(6) == 0 ? null : pick(r, GROUPS);
        i.weight = r.nextInt(5) == 0 ? null : (r.nextInt(41) - 20) / 4.0;
        i.tags = r.nextInt(6) == 0 ? null : tags(r);
        i.code = r.nextInt(6) == 0 ? null : "c" + r.nextInt(6);
        i.key = r.nextInt(3) == 0 ? null : "k" + r.nextInt(1000);
        i.createdAt = r.nextInt(1000) - 100;
        i.color = r.nextInt(5) == 0 ? null : Color.values()[r.nextInt(3)];
        i.author = r.nextInt(4) == 0 ? null : new Author(r.nextInt(5) == 0 ? null : pick(r, NAMES), r.nextInt(90));
        i.numbers = r.nextInt(5) == 0 ? null : numbers(r);
        i.flag = r.nextBoolean();
        i.when = r.nextInt(4) == 0 ? null : Instant.ofEpochSecond(r.nextInt(100000), r.nextInt(3) * 1000);
        i.blob = r.nextInt(4) == 0 ? null : new byte[] {(byte) r.nextInt(4), (byte) r.nextInt(256)};
        return i;
    }

    private static List<String> tags(Random r) {
        List<String> tags = new ArrayList<>();
        int n = r.nextInt(4);
        for (int k = 0; k < n; k++) {
            tags.add(r.nextInt(10) == 0 ? null : pick(r, TAGS));
        }
        return tags;
    }

    private static List<Integer> numbers(Random r) {
        List<Integer> numbers = new ArrayList<>();
        int n = r.nextInt(4);
        for (int k = 0; k < n; k++) {
            numbers.add(r.nextInt(20));
        }
        return numbers;
    }

    static String pick(Random r, String[] pool) {
        return pool[r.nextInt(pool.length)];
    }

    static List<Long> ids(List<Item> items) {
        return items.stream().map(i -> i.id).toList();
    }

    static List<Long> sortedIds(List<Item> items) {
        return items.stream().map(i -> i.id).sorted().toList();
    }

    /** Nulls first, then natural order (Strings here are BMP-only, so UTF-16 order is code-point order). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    static <V> Comparator<Item> by(java.util.function.Function<Item, V> f) {
        return Comparator.comparing(f, Comparator.nullsFirst((Comparator) Comparator.naturalOrder()));
    }
}
