package dev.atoll.testmodel;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;

import java.util.List;

/** Version 2 of the evolving collection: removed dropped, changed became a String, added and count added. */
@Entity(name = "Evolving")
public class EvolvingV2 {
    @Id
    public long id;
    public String kept;
    public String changed;
    public List<String> added;
    public int count;
    public Address address;
    public List<Address> addresses;
    public ColorV2 color;
}
