package dev.atoll.bench.model;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Deterministic workload data: object {@code i} is the same in every run and for every engine. Words come
 * from a fixed list of 1,000 lower-case words that includes "time"; titles are lower-case too, so SQL
 * {@code LIKE} and Java {@code contains} agree.
 */
public final class Data {
    /** The word list. */
    public static final List<String> WORDS = words();

    private Data() {
    }

    /** Posts with ids {@code from} to {@code from + count - 1}; each has 10 to 30 words. */
    public static List<PostData> posts(long from, int count) {
        return posts(from, count, 10, 30);
    }

    /** Posts with ids {@code from} to {@code from + count - 1}, with {@code minWords} to {@code maxWords} words. */
    public static List<PostData> posts(long from, int count, int minWords, int maxWords) {
        List<PostData> out = new ArrayList<>(count);
        for (long id = from; id < from + count; id++) {
            out.add(post(id, minWords, maxWords));
        }
        return out;
    }

    /** Post {@code id}. */
    public static PostData post(long id, int minWords, int maxWords) {
        SplittableRandom r = new SplittableRandom(id * 0x9E3779B97F4A7C15L);
        int titleWords = 2 + r.nextInt(4);
        StringBuilder title = new StringBuilder();
        for (int i = 0; i < titleWords; i++) {
            if (i > 0) {
                title.append(' ');
            }
            title.append(WORDS.get(r.nextInt(WORDS.size())));
        }
        int n = minWords + r.nextInt(maxWords - minWords + 1);
        List<String> words = new ArrayList<>(n);
        long letters = 0;
        for (int i = 0; i < n; i++) {
            String w = WORDS.get(r.nextInt(WORDS.size()));
            words.add(w);
            letters += w.length();
        }
        return new PostData(id, title.toString(), words, n, (double) letters / n, r.nextBoolean());
    }

    /** Small objects with ids {@code from} to {@code from + count - 1}. */
    public static List<NoteData> notes(long from, int count) {
        List<NoteData> out = new ArrayList<>(count);
        for (long id = from; id < from + count; id++) {
            SplittableRandom r = new SplittableRandom(id * 0xC2B2AE3D27D4EB4FL);
            String content = "note " + id + " " + WORDS.get(r.nextInt(WORDS.size())) + " "
                    + WORDS.get(r.nextInt(WORDS.size()));
            out.add(new NoteData(id, content, 1_700_000_000_000L + id * 1000, r.nextInt(10)));
        }
        return out;
    }

    /** Ids {@code from, from + step, ...} up to {@code toInclusive}. */
    public static long[] ids(long from, long toInclusive, long step) {
        int n = (int) ((toInclusive - from) / step + 1);
        long[] ids = new long[Math.max(n, 0)];
        for (int i = 0; i < ids.length; i++) {
            ids[i] = from + i * step;
        }
        return ids;
    }

    private static List<String> words() {
        String[] onsets = {"b", "c", "d", "f", "g", "h", "l", "m", "n", "p", "r", "s", "t", "v", "w", "st", "tr", "br",
            "pl", "sh"};
        String[] vowels = {"a", "e", "i", "o", "u", "ea", "ou", "io", "ai", "y"};
        String[] codas = {"", "n", "r", "s", "t", "m", "ll"};
        List<String> out = new ArrayList<>(1000);
        out.add("time");
        SplittableRandom r = new SplittableRandom(42);
        java.util.Set<String> seen = new java.util.HashSet<>(out);
        while (out.size() < 1000) {
            int syllables = 1 + r.nextInt(3);
            StringBuilder w = new StringBuilder();
            for (int s = 0; s < syllables; s++) {
                w.append(onsets[r.nextInt(onsets.length)]).append(vowels[r.nextInt(vowels.length)])
                        .append(codas[r.nextInt(codas.length)]);
            }
            String word = w.toString();
            if (!word.contains("time") && seen.add(word)) {
                out.add(word);
            }
        }
        return List.copyOf(out);
    }
}
