package dev.atoll.tests.query;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.Filter;
import dev.atoll.Where;
import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * Where clauses on string indexes answer exactly what the equivalent filters answer: on a case-sensitive
 * index for every string, lone surrogates included; on a {@code caseSensitive = false} index the same as the
 * case-insensitive filters (one case fold, per code point: final sigma, dotted and dotless I, sharp s). The
 * stored words come from a seeded generator (-Datoll.keys.seed=N, printed); jqwik prints its own seed.
 */
class StringKeysTest {
    /** Letters whose case folding is easy to get wrong, lone surrogates and plain ASCII. */
    static final String ALPHABET = "\u03C2\u03C3\u03A3\u0130\u0131Ii\u00DF\u1E9EsS?\uD800\uDC00\uDBFF\uDFFFaA\u0000"
            + "\u00C9\u00E9\uFFFF\uE000";

    private static ActorTestKit kit;
    private static Path dir;
    private static Atoll db;
    private static AtollCollection<Word> words;

    /** A word in two indexes: case-sensitive and not. */
    @Entity(name = "Word")
    public static class Word {
        @Id
        public long id;
        @Index
        public String exact;
        @Index(caseSensitive = false)
        public String folded;
        @Index(caseSensitive = false, hash = true)
        public String hashed;

        public Word() {
        }

        Word(String s) {
            exact = s;
            folded = s;
            hashed = s;
        }
    }

    @BeforeContainer
    static void open() throws Exception {
        long seed = Long.getLong("atoll.keys.seed", 20261130L);
        System.out.println("StringKeysTest seed " + seed + " (-Datoll.keys.seed=" + seed + ")");
        kit = ActorTestKit.create("StringKeysTest");
        dir = Files.createTempDirectory("atoll-string-keys");
        db = Atoll.open(kit.system(), List.of(Word.class), dir, "words");
        words = db.collection(Word.class);
        Random r = new Random(seed);
        List<Word> all = new ArrayList<>();
        for (String s : List.of("\u039F\u0394\u039F\u03A3", "\u03BF\u03B4\u03BF\u03C2", "\u03BF\u03B4\u03BF\u03C3",
                "\u0130stanbul", "istanbul", "ISTANBUL", "\u0131stanbul", "Stra\u00DFe", "STRA\u1E9EE", "strasse",
                "\uD800", "\uDC00", "?", "a\uD800", "a\uD800\uDC00", "")) {
            all.add(new Word(s));
        }
        for (int i = 0; i < 400; i++) {
            all.add(new Word(randomWord(r)));
        }
        db.writeTxnSync(() -> words.putAll(all));
    }

    @AfterContainer
    static void close() throws Exception {
        db.close(true);
        kit.shutdownTestKit();
        Files.deleteIfExists(dir);
    }

    private static String randomWord(Random r) {
        StringBuilder sb = new StringBuilder();
        for (int n = r.nextInt(5); n > 0; n--) {
            sb.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
        }
        return sb.toString();
    }

    @Provide
    Arbitrary<String> queries() {
        return Arbitraries.of(ALPHABET.chars().mapToObj(c -> (char) c).toList()).list().ofMaxSize(4)
                .map(cs -> {
                    StringBuilder sb = new StringBuilder();
                    cs.forEach(sb::append);
                    return sb.toString();
                });
    }

    private static Set<Long> ids(List<Word> found) {
        Set<Long> out = new TreeSet<>();
        found.forEach(w -> out.add(w.id));
        return out;
    }

    private static Set<Long> expected(Function<Word, Boolean> matches) {
        Set<Long> out = new TreeSet<>();
        for (Word w : words.query().findAll()) {
            if (matches.apply(w)) {
                out.add(w.id);
            }
        }
        return out;
    }

    @Property(tries = 150)
    void whereOnCaseSensitiveIndex_anyString_sameAsFilterAndAsJava(@ForAll("queries") String q) {
        Set<Long> byWhere = ids(words.query().where(Where.equalTo("exact", q)).findAll());
        assertEquals(ids(words.query().filter(Filter.equalTo("exact", q)).findAll()), byWhere, show(q));
        assertEquals(expected(w -> w.exact.equals(q)), byWhere, show(q));
        Set<Long> prefixed = ids(words.query().where(Where.startsWith("exact", q)).findAll());
        assertEquals(ids(words.query().filter(Filter.startsWith("exact", q)).findAll()), prefixed, show(q));
        assertEquals(expected(w -> w.exact.startsWith(q)), prefixed, show(q));
    }

    @Property(tries = 150)
    void whereOnCaseInsensitiveIndex_anyString_sameAsCaseInsensitiveFilter(@ForAll("queries") String q) {
        Set<Long> byWhere = ids(words.query().where(Where.equalTo("folded", q)).findAll());
        assertEquals(ids(words.query().filter(Filter.equalTo("folded", q, false)).findAll()), byWhere, show(q));
        assertEquals(byWhere, ids(words.query().where(Where.equalTo("hashed", q)).findAll()), "hash " + show(q));
        assertEquals(ids(words.query().filter(Filter.startsWith("folded", q, false)).findAll()),
                ids(words.query().where(Where.startsWith("folded", q)).findAll()), show(q));
    }

    @Property(tries = 1)
    void caseInsensitive_sigmasIsAndSharpS_matchPerCodePoint() {
        assertEquals(expected(w -> Set.of("\u039F\u0394\u039F\u03A3", "\u03BF\u03B4\u03BF\u03C2",
                "\u03BF\u03B4\u03BF\u03C3").contains(w.exact)),
                ids(words.query().where(Where.equalTo("folded", "\u03BF\u03B4\u03BF\u03C2")).findAll()), "sigmas");
        assertEquals(expected(w -> Set.of("\u0130stanbul", "istanbul", "ISTANBUL", "\u0131stanbul").contains(w.exact)),
                ids(words.query().where(Where.equalTo("folded", "Istanbul")).findAll()), "I's");
        assertEquals(expected(w -> Set.of("\u0130stanbul", "istanbul", "ISTANBUL", "\u0131stanbul").contains(w.exact)),
                ids(words.query().filter(Filter.startsWith("folded", "\u0131st", false)).findAll()), "I's, filter");
        assertEquals(expected(w -> Set.of("Stra\u00DFe", "STRA\u1E9EE").contains(w.exact)),
                ids(words.query().where(Where.equalTo("folded", "STRASSE".replace("SS", "\u00DF"))).findAll()),
                "sharp s, not ss");
        assertEquals(expected(w -> w.exact.equals("\uD800")),
                ids(words.query().where(Where.equalTo("exact", "\uD800")).findAll()), "a lone surrogate");
    }

    private static String show(String s) {
        return s.chars().mapToObj(Integer::toHexString).toList().toString();
    }
}
