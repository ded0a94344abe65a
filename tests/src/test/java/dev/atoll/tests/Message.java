package dev.atoll.tests;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

import java.util.List;

@Entity
public class Message {
    @Id
    public long id;
    @Index
    public String content;
    @Index(unique = true)
    public String uuid;
    public long createdAt;
    public List<String> tags;

    public Message() {
    }

    public Message(String content) {
        this.content = content;
    }

    public Message(String content, String uuid) {
        this.content = content;
        this.uuid = uuid;
    }
}
