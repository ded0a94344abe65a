package dev.atoll.tests;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

/** {@link NoteV1} with {@code body} removed, {@code stars} added, and {@code title} indexed. */
@Entity(name = "Note")
public class NoteV2 {
    @Id
    public long id;
    @Index
    public String title;
    public int stars;

    public NoteV2() {
    }
}
