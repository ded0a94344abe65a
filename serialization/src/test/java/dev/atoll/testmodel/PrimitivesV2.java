package dev.atoll.testmodel;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Ignore;

/**
 * Version 2: a component of every primitive type added (values written by version 1 have none of them), and
 * an ignored char, which the canonical constructor still takes.
 */
@Entity(name = "Primitives")
public record PrimitivesV2(@Id long id, String name, boolean flag, byte b, short s, int i, long l, float f,
                           double d, @Ignore char c) {
}
