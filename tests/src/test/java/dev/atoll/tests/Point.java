package dev.atoll.tests;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;

/** A record collection: its id is reported by put, not written back. */
@Entity
public record Point(@Id long id, int x, int y) {
}
