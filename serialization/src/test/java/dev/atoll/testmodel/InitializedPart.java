package dev.atoll.testmodel;

import dev.atoll.schema.Embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An embedded class with initializers. */
@Embedded
public class InitializedPart {
    public String name = "part";
    public List<Integer> numbers = new ArrayList<>(List.of(1));
    public int count = 3;

    @Override
    public boolean equals(Object o) {
        return o instanceof InitializedPart p && Objects.equals(name, p.name) && Objects.equals(numbers, p.numbers)
            && count == p.count;
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, numbers, count);
    }

    @Override
    public String toString() {
        return "Part[" + name + ", " + numbers + ", " + count + "]";
    }
}
