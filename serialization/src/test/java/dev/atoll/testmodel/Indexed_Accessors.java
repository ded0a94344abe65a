package dev.atoll.testmodel;

/** Named like an accessor class of {@link Indexed} but not one: the codecs must ignore it. */
public final class Indexed_Accessors {
}
