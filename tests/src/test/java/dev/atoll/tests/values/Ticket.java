package dev.atoll.tests.values;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

/** A record with a unique replace index: put reports the id it took. */
@Entity
public record Ticket(@Id long id, @Index(unique = true, replace = true) String seat, int price) {
}
