package dev.atoll;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

/** A small collection for the watcher tests of this module. */
@Entity
public class WatchedItem {
    @Id
    public long id;
    @Index
    public String name;
    public int size;

    public WatchedItem() {
    }

    WatchedItem(long id, String name, int size) {
        this.id = id;
        this.name = name;
        this.size = size;
    }
}
