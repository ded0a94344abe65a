package dev.atoll.tests;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/** Records the name of every thread that constructs one, to show where decoding runs. */
@Entity
public class Tracked {
    static final Set<String> CONSTRUCTING_THREADS = ConcurrentHashMap.newKeySet();

    @Id
    public long id;
    public String payload;

    public Tracked() {
        CONSTRUCTING_THREADS.add(Thread.currentThread().getName());
    }
}
