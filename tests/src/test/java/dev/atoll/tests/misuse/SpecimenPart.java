package dev.atoll.tests.misuse;

import dev.atoll.schema.Embedded;

/** The embedded object of {@link Specimen}. */
@Embedded
public class SpecimenPart {
    public String name;
    public int size;

    public SpecimenPart() {
    }

    SpecimenPart(String name, int size) {
        this.name = name;
        this.size = size;
    }
}
