package dev.atoll.bench.model;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

/** A small object with a value index on an int, for the query micro benchmarks. */
@Entity
public class Ranked {
    @Id
    public long id;
    @Index
    public int rank;
    public String title;
    public boolean flag;

    public Ranked() {
    }

    public Ranked(long id, int rank, String title, boolean flag) {
        this.id = id;
        this.rank = rank;
        this.title = title;
        this.flag = flag;
    }
}
