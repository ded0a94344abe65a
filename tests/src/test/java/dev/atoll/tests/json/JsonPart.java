package dev.atoll.tests.json;

import dev.atoll.schema.Embedded;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** An embedded part that may contain parts (a tree), for the JSON tests. */
@Embedded
public class JsonPart {
    public String name;
    public Float weight;
    public List<JsonPart> parts;

    public JsonPart() {
    }

    public JsonPart(String name, Float weight, List<JsonPart> parts) {
        this.name = name;
        this.weight = weight;
        this.parts = parts;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonPart p && Objects.equals(name, p.name) && Objects.equals(weight, p.weight)
                && Objects.equals(parts, p.parts);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(new Object[] {name, weight, parts});
    }

    @Override
    public String toString() {
        return "Part(" + name + ", " + weight + ", " + parts + ")";
    }
}
