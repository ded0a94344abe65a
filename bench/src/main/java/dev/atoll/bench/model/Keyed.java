package dev.atoll.bench.model;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

/** A small object with a unique index, for the index-lookup micro benchmark. */
@Entity
public class Keyed {
    @Id
    public long id;
    @Index(unique = true)
    public String key;
    public String content;
    public int priority;

    public Keyed() {
    }

    public Keyed(long id, String key, String content, int priority) {
        this.id = id;
        this.key = key;
        this.content = content;
        this.priority = priority;
    }
}
