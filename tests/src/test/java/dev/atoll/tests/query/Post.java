package dev.atoll.tests.query;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

import java.util.List;

/** The collection of the README's query example. */
@Entity
public class Post {
    @Id public long id;
    @Index public long createdAt;                  // ranges and sorts over it read the index
    @Index(caseSensitive = false) public String title;
    @Index public List<String> tags;               // multi-entry: one entry per element
    public String content;
    public int priority;
    public Author author;                          // @Embedded

    public Post() {
    }

    Post(long createdAt, String title, List<String> tags, String content, int priority, Author author) {
        this.createdAt = createdAt;
        this.title = title;
        this.tags = tags;
        this.content = content;
        this.priority = priority;
        this.author = author;
    }
}
