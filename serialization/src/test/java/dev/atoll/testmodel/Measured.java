package dev.atoll.testmodel;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

/** A test entity with indexes on a double, an int and a byte, and a nullable string. */
@Entity(name = "Measured")
public class Measured {
    @Id
    public long id;
    @Index
    public double ratio;
    @Index
    public int count;
    @Index
    public byte tiny;
    @Index
    public String label;
}
