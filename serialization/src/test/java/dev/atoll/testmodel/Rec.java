package dev.atoll.testmodel;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Ignore;
import dev.atoll.schema.Index;

import java.time.Instant;
import java.util.List;

/** A test entity record. */
@Entity(name = "Rec")
public record Rec(@Id long id, @Index String name, int count, boolean flag, List<String> tags, Point point,
                  List<Point> points, Color color, Instant at, @Ignore String skipped) {
}
