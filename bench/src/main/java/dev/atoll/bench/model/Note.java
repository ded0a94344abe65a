package dev.atoll.bench.model;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;

/** A small object: the 100,000-object workload and the single-object transactions. */
@Entity
public class Note {
    @Id
    public long id;
    public String content;
    public long createdAt;
    public int priority;

    public Note() {
    }

    public Note(NoteData d) {
        this.id = d.id();
        this.content = d.content();
        this.createdAt = d.createdAt();
        this.priority = d.priority();
    }
}
