package dev.atoll.demo;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

/** The seed's message: one collection, one index. */
@Entity
public class Message {
    @Id
    public long id;
    @Index
    public String content;
    public long createdAt;

    public Message() {
    }

    public Message(String content) {
        this.content = content;
        this.createdAt = System.currentTimeMillis();
    }
}
