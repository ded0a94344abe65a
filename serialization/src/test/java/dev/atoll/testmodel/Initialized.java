package dev.atoll.testmodel;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Ignore;

import java.time.Instant;
import java.util.Arrays;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Every property has an initializer or is set by the constructor: none of them may leak into a decoded null. */
@Entity(name = "Initialized")
public class Initialized {
    @Id
    public long id;
    public String s = "x";
    public List<String> tags = new ArrayList<>(List.of("t"));
    public Integer boxed = 7;
    public Long boxedLong = 8L;
    public Double boxedDouble = 1.5;
    public Boolean flag = Boolean.TRUE;
    public Color color = Color.GREEN;
    public byte[] bytes = {1, 2};
    public Instant at = Instant.EPOCH;
    public InitializedPart part;
    public List<InitializedPart> parts = new ArrayList<>(List.of(new InitializedPart()));
    public int primitive = 5;
    @Ignore
    public String ignored = "kept";

    public Initialized() {
        part = new InitializedPart();
    }

    /** An object whose every property was set to null (and the primitive to 0). */
    public static Initialized allNull() {
        Initialized o = new Initialized();
        o.s = null;
        o.tags = null;
        o.boxed = null;
        o.boxedLong = null;
        o.boxedDouble = null;
        o.flag = null;
        o.color = null;
        o.bytes = null;
        o.at = null;
        o.part = null;
        o.parts = null;
        o.primitive = 0;
        return o;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Initialized x && id == x.id && Objects.equals(s, x.s) && Objects.equals(tags, x.tags)
            && Objects.equals(boxed, x.boxed) && Objects.equals(boxedLong, x.boxedLong)
            && Objects.equals(boxedDouble, x.boxedDouble) && Objects.equals(flag, x.flag) && color == x.color
            && Arrays.equals(bytes, x.bytes) && Objects.equals(at, x.at) && Objects.equals(part, x.part)
            && Objects.equals(parts, x.parts) && primitive == x.primitive;
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, s, tags, boxed, primitive);
    }

    @Override
    public String toString() {
        return "Initialized[" + id + ", " + s + ", " + tags + ", " + boxed + ", " + boxedLong + ", " + boxedDouble
            + ", " + flag + ", " + color + ", " + Arrays.toString(bytes) + ", " + at + ", " + part + ", " + parts
            + ", " + primitive + "]";
    }
}
