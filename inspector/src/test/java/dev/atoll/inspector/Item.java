package dev.atoll.inspector;

import dev.atoll.schema.Embedded;
import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

import java.util.List;

/** The inspector tests' collection: indexed, embedded, list, enum and long values. */
@Entity
public class Item {
    /** An enum property. */
    public enum Status { NEW, OPEN, DONE }

    /** An embedded object. */
    @Embedded
    public static class Owner {
        public String name;
        public int age;

        public Owner() {
        }

        public Owner(String name, int age) {
            this.name = name;
            this.age = age;
        }
    }

    @Id
    public long id;
    @Index
    public String name;
    @Index
    public int priority;
    public Status status;
    public List<String> tags;
    public Owner owner;
    public String note;

    public Item() {
    }

    public Item(String name, int priority, Status status, List<String> tags, Owner owner, String note) {
        this.name = name;
        this.priority = priority;
        this.status = status;
        this.tags = tags;
        this.owner = owner;
        this.note = note;
    }
}
