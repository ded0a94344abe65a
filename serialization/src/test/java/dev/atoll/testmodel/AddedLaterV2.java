package dev.atoll.testmodel;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;

/** Version 2: properties added with initializers; values written by version 1 have none of them. */
@Entity(name = "AddedLater")
public class AddedLaterV2 {
    @Id
    public long id;
    public String kept = "initial";
    public String added = "initial";
    public int addedNumber = 42;
    public boolean addedFlag = true;
    public double addedDouble = 2.5;
    public float addedFloat = 1.5f;
    public long addedLong = 9L;
    public short addedShort = 4;
    public byte addedByte = 2;
}
