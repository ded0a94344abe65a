package dev.atoll.tests.query;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

/** A collection whose later version ({@link DocV2}) indexes {@code title} and drops the index on {@code rank}. */
@Entity(name = "Doc")
public class DocV1 {
    @Id
    public long id;
    public String title;
    @Index
    public int rank;

    public DocV1() {
    }

    public DocV1(String title, int rank) {
        this.title = title;
        this.rank = rank;
    }
}
