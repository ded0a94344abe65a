package dev.atoll.testmodel;

import dev.atoll.schema.Embedded;

/** An embedded test record. */
@Embedded
public record Point(double x, double y, Integer label) {
}
