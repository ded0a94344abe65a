package dev.atoll.testmodel;

/** Test accessors of {@link Rec} (see {@link ReflectiveAccessors}). */
public final class Rec_Accessors extends ReflectiveAccessors {
    public Rec_Accessors() {
        super(Rec.class);
    }
}
