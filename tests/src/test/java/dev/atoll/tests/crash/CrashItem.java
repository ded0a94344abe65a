package dev.atoll.tests.crash;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

/** One object of a kill-loop transaction: which transaction wrote it, and how many objects it had. */
@Entity
public class CrashItem {
    @Id
    public long id;
    @Index(unique = true)
    public String tag;
    @Index
    public String txn;
    public int size;
    public int writer;

    public CrashItem() {
    }

    public CrashItem(String tag, String txn, int size, int writer) {
        this.tag = tag;
        this.txn = txn;
        this.size = size;
        this.writer = writer;
    }
}
