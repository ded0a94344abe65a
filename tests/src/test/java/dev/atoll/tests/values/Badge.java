package dev.atoll.tests.values;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

/** Two unique replace indexes and a plain unique one. */
@Entity
public class Badge {
    @Id
    public long id;
    @Index(unique = true, replace = true)
    public String code;
    @Index(unique = true, replace = true)
    public String serial;
    @Index(unique = true)
    public String owner;
    public int level;

    public Badge() {
    }

    public Badge(long id, String code, String serial, int level) {
        this.id = id;
        this.code = code;
        this.serial = serial;
        this.level = level;
    }
}
