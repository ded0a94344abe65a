package dev.atoll.testmodel;

import dev.atoll.schema.Embedded;

import java.util.List;
import java.util.Objects;

/** An embedded test class with a nested list and enum. */
@Embedded
public class Address {
    public String street;
    public int number;
    public Color color;
    public List<String> lines;

    public Address() {
    }

    public Address(String street, int number, Color color, List<String> lines) {
        this.street = street;
        this.number = number;
        this.color = color;
        this.lines = lines;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Address a && Objects.equals(street, a.street) && number == a.number
            && color == a.color && Objects.equals(lines, a.lines);
    }

    @Override
    public int hashCode() {
        return Objects.hash(street, number, color, lines);
    }

    @Override
    public String toString() {
        return "Address[" + street + ", " + number + ", " + color + ", " + lines + "]";
    }
}
