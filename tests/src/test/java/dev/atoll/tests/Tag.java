package dev.atoll.tests;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

/** A collection whose unique index replaces the object that held the value. */
@Entity
public class Tag {
    @Id
    public long id;
    @Index(unique = true, replace = true)
    public String name;
    public int uses;

    public Tag() {
    }

    public Tag(String name, int uses) {
        this.name = name;
        this.uses = uses;
    }
}
