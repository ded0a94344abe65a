package dev.atoll.testmodel;

/** Test accessors of {@link Point} (see {@link ReflectiveAccessors}). */
public final class Point_Accessors extends ReflectiveAccessors {
    public Point_Accessors() {
        super(Point.class);
    }
}
