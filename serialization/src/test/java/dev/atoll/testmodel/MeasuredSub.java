package dev.atoll.testmodel;

/** A subclass of an entity class: a collection stores exactly its own class. */
public class MeasuredSub extends Measured {
}
