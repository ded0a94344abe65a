package dev.atoll.testmodel;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Ignore;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/** A test entity with a property of every supported type. */
@Entity(name = "Everything")
public class Everything {
    public static int staticField = 7;

    @Id
    public long id;
    public boolean bool;
    public byte b;
    public short s;
    public int i;
    public long l;
    public float f;
    public double d;
    public Boolean boolBox;
    public Byte bBox;
    public Short sBox;
    public Integer iBox;
    public Long lBox;
    public Float fBox;
    public Double dBox;
    public String str;
    public Color color;
    public byte[] bytes;
    public Instant instant;
    public Address address;
    public Point point;
    public List<Address> addresses;
    public List<Point> points;
    public List<Boolean> bools;
    public List<Byte> bytesList;
    public List<Short> shorts;
    public List<Integer> ints;
    public List<Long> longs;
    public List<Float> floats;
    public List<Double> doubles;
    public List<String> strings;
    public List<Color> colors;
    public List<byte[]> blobs;
    public List<Instant> instants;
    public transient int transientField;
    @Ignore
    public String ignored;

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof Everything e)) {
            return false;
        }
        return id == e.id && bool == e.bool && b == e.b && s == e.s && i == e.i && l == e.l
            && Float.compare(f, e.f) == 0 && Double.compare(d, e.d) == 0 && Objects.equals(boolBox, e.boolBox)
            && Objects.equals(bBox, e.bBox) && Objects.equals(sBox, e.sBox) && Objects.equals(iBox, e.iBox)
            && Objects.equals(lBox, e.lBox) && Objects.equals(fBox, e.fBox) && Objects.equals(dBox, e.dBox)
            && Objects.equals(str, e.str) && color == e.color && Arrays.equals(bytes, e.bytes)
            && Objects.equals(instant, e.instant) && Objects.equals(address, e.address)
            && Objects.equals(point, e.point) && Objects.equals(addresses, e.addresses)
            && Objects.equals(points, e.points) && Objects.equals(bools, e.bools)
            && Objects.equals(bytesList, e.bytesList) && Objects.equals(shorts, e.shorts)
            && Objects.equals(ints, e.ints) && Objects.equals(longs, e.longs) && Objects.equals(floats, e.floats)
            && Objects.equals(doubles, e.doubles) && Objects.equals(strings, e.strings)
            && Objects.equals(colors, e.colors) && blobsEqual(blobs, e.blobs)
            && Objects.equals(instants, e.instants) && transientField == e.transientField
            && Objects.equals(ignored, e.ignored);
    }

    private static boolean blobsEqual(List<byte[]> a, List<byte[]> b) {
        if (a == null || b == null) {
            return a == b;
        }
        return Arrays.deepEquals(a.toArray(), b.toArray());
    }

    @Override
    public int hashCode() {
        return Long.hashCode(id);
    }

    @Override
    public String toString() {
        return "Everything[id=" + id + ", str=" + str + ", i=" + i + ", address=" + address + "]";
    }
}
