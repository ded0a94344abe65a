package dev.atoll.tests.json;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;

/**
 * Every property kind (primitives, boxes, String, enum, byte[], Instant, an embedded tree, Lists), for the
 * JSON tests. {@link #equals} compares floats by their bits (through their boxes), byte arrays by content.
 */
@Entity
public class JsonThing {
    /** An enum stored by name. */
    public enum Mood { CALM, ODD, LOUD }

    @Id public long id;
    public boolean flag;
    public byte b;
    public short s;
    public int i;
    public long l;
    public float f;
    public double d;
    public Boolean boxedFlag;
    public Byte boxedByte;
    public Short boxedShort;
    public Integer boxedInt;
    public Long boxedLong;
    public Float boxedFloat;
    public Double boxedDouble;
    @Index public String text;
    public Mood mood;
    public byte[] blob;
    public Instant when;
    public JsonPart part;
    public List<String> texts;
    public List<Long> longs;
    public List<Double> doubles;
    public List<Mood> moods;
    public List<Instant> instants;
    public List<JsonPart> parts;

    public JsonThing() {
    }

    private List<Object> values() {
        return Arrays.asList(id, flag, b, s, i, l, f, d, boxedFlag, boxedByte, boxedShort, boxedInt, boxedLong,
                boxedFloat, boxedDouble, text, mood, blob == null ? null : ByteBuffer.wrap(blob), when, part, texts,
                longs, doubles, moods, instants, parts);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof JsonThing t && values().equals(t.values());
    }

    @Override
    public int hashCode() {
        return values().hashCode();
    }

    @Override
    public String toString() {
        return "JsonThing" + values();
    }
}
