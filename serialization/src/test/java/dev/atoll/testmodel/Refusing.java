package dev.atoll.testmodel;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;

/**
 * A test entity record whose constructor refuses values while {@link #refuse} names an exception: what a
 * record that checks its values does when the rules changed after the object was stored.
 */
@Entity(name = "Refusing")
public record Refusing(@Id long id, int count, Part part) {
    /** What the constructor throws, or null to accept every value. */
    public static volatile RuntimeException refuse;

    public Refusing {
        RuntimeException e = refuse;
        if (e != null && count >= 0) {
            throw e;
        }
    }
}
