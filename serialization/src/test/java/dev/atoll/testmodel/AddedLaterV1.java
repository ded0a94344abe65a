package dev.atoll.testmodel;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;

/** Version 1 of a collection that later gains properties with initializers. */
@Entity(name = "AddedLater")
public class AddedLaterV1 {
    @Id
    public long id;
    public String kept;
}
