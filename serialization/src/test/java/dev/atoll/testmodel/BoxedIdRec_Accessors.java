package dev.atoll.testmodel;

/** Test accessors of {@link BoxedIdRec} (see {@link ReflectiveAccessors}). */
public final class BoxedIdRec_Accessors extends ReflectiveAccessors {
    public BoxedIdRec_Accessors() {
        super(BoxedIdRec.class);
    }
}
