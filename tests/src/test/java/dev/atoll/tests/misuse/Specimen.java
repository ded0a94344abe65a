package dev.atoll.tests.misuse;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

import java.util.List;

/**
 * The collection of {@link QueryBuilderFuzzTest}: indexed and unindexed properties of most types, a
 * multi-entry, a unique, a hash and a composite index, an embedded object.
 */
@Entity
public class Specimen {
    @Id
    public long id;
    @Index
    public String name;
    @Index(caseSensitive = false)
    public String label;
    @Index
    public int count;
    @Index
    public long stamp;
    @Index
    public double ratio;
    public Double weight;
    @Index
    public boolean active;
    @Index
    public Shade shade;
    public Shade other;
    @Index
    public List<String> tags;
    public List<String> notes;
    public SpecimenPart part;
    @Index(unique = true)
    public String code;
    @Index(composite = {"count"})
    public String group;
    @Index(hash = true)
    public String digest;
    public int plain;
    public long plainLong;

    public Specimen() {
    }

    /** The enum of {@link Specimen}. */
    public enum Shade { LIGHT, DARK, CLEAR }
}
