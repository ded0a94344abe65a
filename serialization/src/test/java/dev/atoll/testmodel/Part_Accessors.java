package dev.atoll.testmodel;

/** Test accessors of {@link Part} (see {@link ReflectiveAccessors}). */
public final class Part_Accessors extends ReflectiveAccessors {
    public Part_Accessors() {
        super(Part.class);
    }
}
