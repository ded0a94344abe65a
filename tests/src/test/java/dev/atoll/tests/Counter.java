package dev.atoll.tests;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;

@Entity
public class Counter {
    @Id
    public long id;
    public long value;

    public Counter() {
    }

    public Counter(long id, long value) {
        this.id = id;
        this.value = value;
    }
}
