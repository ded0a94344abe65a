package dev.atoll.tests;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;

/** The first version of a class whose later version adds, removes and indexes properties. */
@Entity(name = "Note")
public class NoteV1 {
    @Id
    public long id;
    public String title;
    public String body;

    public NoteV1() {
    }

    public NoteV1(String title, String body) {
        this.title = title;
        this.body = body;
    }
}
