package dev.atoll.bench.model;

import java.util.List;

/** One generated post, engine-neutral: each engine maps it to its own class or row. */
public record PostData(long id, String title, List<String> words, int wordCount, double averageWordLength,
                       boolean archived) {
}
