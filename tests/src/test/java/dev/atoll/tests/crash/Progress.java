package dev.atoll.tests.crash;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;

/** The last transaction number a kill-loop writer committed; written in the same transaction. */
@Entity
public class Progress {
    @Id
    public long id;
    public long seq;

    public Progress() {
    }

    public Progress(long id, long seq) {
        this.id = id;
        this.seq = seq;
    }
}
