package dev.atoll.tests.values;

import dev.atoll.schema.Embedded;

/** An embedded tag with an initializer. */
@Embedded
public class Tag {
    public String label = "unnamed";

    public Tag() {
    }

    public Tag(String label) {
        this.label = label;
    }
}
