package dev.atoll.tests.golden;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

import java.time.Instant;
import java.util.List;

/** The collection of the golden file: one property of most kinds, and every kind of index. */
@Entity
public class GoldenItem {
    /** An enum stored by name. */
    public enum Level { LOW, MIDDLE, HIGH }

    @Id
    public long id;
    @Index
    public String name;
    @Index(unique = true)
    public String code;
    @Index(hash = true)
    public String hashed;
    @Index
    public List<String> tags;
    @Index(composite = "score")
    public Level level;
    public double score;
    public Instant at;
    public byte[] data;
    public Integer maybe;

    public GoldenItem() {
    }

    /** Item {@code i} of the golden file; the same in every version of Atoll. */
    static GoldenItem item(int i) {
        return item(i, i);
    }

    /** Item {@code i} of the golden file, stored under another id (the large-ids golden file). */
    static GoldenItem item(int i, long id) {
        GoldenItem g = new GoldenItem();
        g.id = id;
        g.name = "name " + (i % 5);
        g.code = "code-" + i;
        g.hashed = "hashed " + (i % 3);
        g.tags = List.of("t" + (i % 4), "t" + (i % 7));
        g.level = Level.values()[i % 3];
        g.score = i * 1.5 - 7;
        g.at = Instant.ofEpochSecond(1_700_000_000L + i, i);
        g.data = new byte[] {(byte) i, 0, (byte) -i};
        g.maybe = i % 2 == 0 ? null : i;
        return g;
    }
}
