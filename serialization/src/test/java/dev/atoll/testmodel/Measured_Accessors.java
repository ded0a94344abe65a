package dev.atoll.testmodel;

/** An accessor class of {@link Measured} without a public no-arg constructor: the codecs refuse it. */
public final class Measured_Accessors extends ReflectiveAccessors {
    public Measured_Accessors(int unused) {
        super(Measured.class);
    }
}
