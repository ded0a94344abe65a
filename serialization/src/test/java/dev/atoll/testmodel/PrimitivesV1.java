package dev.atoll.testmodel;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;

/** Version 1 of a record collection that later gains a component of every primitive type. */
@Entity(name = "Primitives")
public record PrimitivesV1(@Id long id, String name) {
}
