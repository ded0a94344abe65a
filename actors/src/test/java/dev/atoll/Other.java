package dev.atoll;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;

/** A second collection, for commits that must not fire watchers of the first. */
@Entity
public class Other {
    @Id
    public long id;
    public String note;

    public Other() {
    }
}
