package dev.atoll.tests.golden;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

import java.util.List;

/**
 * The collection of the golden "words" file: strings whose keys changed meaning with key encoding 2 (case
 * folded per code point, lone surrogates kept apart), in a case-insensitive and a case-sensitive index.
 */
@Entity
public class GoldenWord {
    /** The words of the file, by id (1 to WORDS.size()). */
    static final List<String> WORDS = List.of("\u039F\u0394\u039F\u03A3", "\u03BF\u03B4\u03BF\u03C3", "\u0130stanbul",
            "\u0131stanbul", "ISTANBUL", "Stra\u00DFe", "STRA\u1E9EE", "?", "plain", "PLAIN");

    @Id
    public long id;
    @Index(caseSensitive = false)
    public String folded;
    @Index
    public String exact;

    public GoldenWord() {
    }

    static GoldenWord word(int id) {
        GoldenWord w = new GoldenWord();
        w.id = id;
        w.folded = WORDS.get(id - 1);
        w.exact = WORDS.get(id - 1);
        return w;
    }
}
