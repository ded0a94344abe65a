package dev.atoll.tests.misuse;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;

import java.util.Date;
import java.util.Map;

/** Classes that cannot be stored, one reason each. */
final class BadModels {
    private BadModels() {
    }

    /** Not annotated with {@code @Entity}. */
    public static class NotAnEntity {
        @Id
        public long id;

        public NotAnEntity() {
        }
    }

    /** A property of a type Atoll does not store. */
    @Entity
    public static class WithDate {
        @Id
        public long id;
        public Date when;

        public WithDate() {
        }
    }

    /** A map property. */
    @Entity
    public static class WithMap {
        @Id
        public long id;
        public Map<String, String> attributes;

        public WithMap() {
        }
    }

    /** No no-arg constructor. */
    @Entity
    public static class NoDefaultConstructor {
        @Id
        public long id;
        public String name;

        public NoDefaultConstructor(String name) {
            this.name = name;
        }
    }

    /** Takes the collection name of {@link Note}. */
    @Entity(name = "Note")
    public static class AlsoNote {
        @Id
        public long id;

        public AlsoNote() {
        }
    }
}
