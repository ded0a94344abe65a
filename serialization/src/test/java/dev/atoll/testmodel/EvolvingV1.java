package dev.atoll.testmodel;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;

import java.util.List;

/** Version 1 of the evolving collection. */
@Entity(name = "Evolving")
public class EvolvingV1 {
    @Id
    public long id;
    public String kept;
    public int removed;
    public int changed;
    public Address address;
    public List<Address> addresses;
    public Color color;
}
