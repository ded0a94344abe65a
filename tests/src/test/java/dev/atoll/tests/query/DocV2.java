package dev.atoll.tests.query;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

/** {@link DocV1} with an index on {@code title} added and the one on {@code rank} removed. */
@Entity(name = "Doc")
public class DocV2 {
    @Id
    public long id;
    @Index
    public String title;
    public int rank;

    public DocV2() {
    }
}
