package dev.atoll.testmodel;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;

/** A test entity record with a Long id. */
@Entity
public record BoxedIdRec(@Id Long id, String name) {
}
