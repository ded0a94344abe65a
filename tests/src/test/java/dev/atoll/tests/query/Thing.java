package dev.atoll.tests.query;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

import java.time.Instant;
import java.util.HexFormat;
import java.util.List;

/**
 * Every property kind, and an index of every kind (value, hash, unique, case-insensitive, composite,
 * multi-entry), for {@link QueryModelPropertyTest}.
 */
@Entity
public class Thing {
    @Id public long id;
    @Index public boolean flag;
    public byte b;
    public short s;
    @Index public int i;
    @Index(hash = true) public long l;
    public float f;
    @Index public double d;
    public Boolean boxedFlag;
    @Index public Byte boxedByte;
    public Short boxedShort;
    @Index(hash = true) public Integer boxedInt;
    @Index public Long boxedLong;
    @Index public Float boxedFloat;
    public Double boxedDouble;
    @Index public String name;
    @Index(caseSensitive = false) public String label;
    @Index(hash = true) public String code;
    @Index(unique = true) public String key;
    @Index(composite = {"i"}) public String group;
    @Index public Color color;
    @Index public byte[] blob;
    @Index public Instant when;
    public Author author;
    @Index public List<String> tags;
    public List<Integer> numbers;
    public List<Author> authors;

    public Thing() {
    }

    @Override
    public String toString() {
        return "Thing#" + id + "{flag=" + flag + ", b=" + b + ", s=" + s + ", i=" + i + ", l=" + l + ", f=" + f
                + ", d=" + d + ", boxedFlag=" + boxedFlag + ", boxedByte=" + boxedByte + ", boxedShort=" + boxedShort
                + ", boxedInt=" + boxedInt + ", boxedLong=" + boxedLong + ", boxedFloat=" + boxedFloat
                + ", boxedDouble=" + boxedDouble + ", name=" + q(name) + ", label=" + q(label) + ", code=" + q(code)
                + ", key=" + q(key) + ", group=" + q(group) + ", color=" + color + ", blob="
                + (blob == null ? null : HexFormat.of().formatHex(blob)) + ", when=" + when + ", author="
                + show(author) + ", tags=" + tags + ", numbers=" + numbers + ", authors="
                + (authors == null ? null : authors.stream().map(Thing::show).toList()) + "}";
    }

    private static String q(String v) {
        return v == null ? null : "\"" + v + "\"";
    }

    static String show(Author a) {
        return a == null ? null : "Author(" + q(a.name) + ", " + a.age + ")";
    }
}
