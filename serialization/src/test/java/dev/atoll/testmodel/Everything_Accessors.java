package dev.atoll.testmodel;

/** Test accessors of {@link Everything} (see {@link ReflectiveAccessors}). */
public final class Everything_Accessors extends ReflectiveAccessors {
    public Everything_Accessors() {
        super(Everything.class);
    }
}
