package dev.atoll.tests.misuse;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

/** A small collection for the misuse and security tests. */
@Entity
public class Note {
    @Id
    public long id;
    @Index(unique = true)
    public String text;

    public Note() {
    }

    public Note(String text) {
        this.text = text;
    }
}
