package dev.atoll.tests.values;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

import java.util.ArrayList;
import java.util.List;

/** Properties with initializers, and an embedded object made by the constructor. */
@Entity
public class Defaults {
    @Id
    public long id;
    @Index
    public String s = "x";
    public List<Tag> tags = new ArrayList<>(List.of(new Tag("t")));
    public Integer boxed = 7;
    public Double ratio = 0.5;
    public Part part;
    public int count = 3;

    public Defaults() {
        part = new Part();
    }

    /** An object whose every property is null. */
    public static Defaults allNull() {
        Defaults d = new Defaults();
        d.s = null;
        d.tags = null;
        d.boxed = null;
        d.ratio = null;
        d.part = null;
        d.count = 0;
        return d;
    }
}
