package dev.atoll.testmodel;

/** Test accessors of {@link Refusing} (see {@link ReflectiveAccessors}). */
public final class Refusing_Accessors extends ReflectiveAccessors {
    public Refusing_Accessors() {
        super(Refusing.class);
    }
}
