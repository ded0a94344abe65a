package dev.atoll.testmodel;

import dev.atoll.schema.Embedded;

/** An embedded test class whose no-argument constructor throws while {@link #refuse} is set. */
@Embedded
public class Part {
    /** What the constructor throws, or null. */
    public static volatile Error refuse;

    public String name;

    public Part() {
        Error e = refuse;
        if (e != null) {
            throw e;
        }
    }

    public Part(String name) {
        this.name = name;
    }
}
