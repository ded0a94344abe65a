package dev.atoll.bench.model;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;

import java.util.List;

/** The object of Isar's own benchmark, as an Atoll collection. No index: the peers get none either. */
@Entity
public class Post {
    @Id
    public long id;
    public String title;
    public List<String> words;
    public int wordCount;
    public double averageWordLength;
    public boolean archived;

    public Post() {
    }

    public Post(PostData d) {
        this.id = d.id();
        this.title = d.title();
        this.words = d.words();
        this.wordCount = d.wordCount();
        this.averageWordLength = d.averageWordLength();
        this.archived = d.archived();
    }
}
