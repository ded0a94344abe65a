package dev.atoll.tests.values;

import dev.atoll.schema.Embedded;

/** An embedded part with an initializer. */
@Embedded
public class Part {
    public String name = "part";
}
