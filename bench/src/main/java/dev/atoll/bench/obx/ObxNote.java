package dev.atoll.bench.obx;

import dev.atoll.bench.model.NoteData;
import io.objectbox.annotation.Entity;
import io.objectbox.annotation.Id;

/** The small object as an ObjectBox entity. */
@Entity
public class ObxNote {
    @Id(assignable = true)
    public long id;
    public String content;
    public long createdAt;
    public int priority;

    public ObxNote() {
    }

    public ObxNote(NoteData d) {
        this.id = d.id();
        this.content = d.content();
        this.createdAt = d.createdAt();
        this.priority = d.priority();
    }
}
