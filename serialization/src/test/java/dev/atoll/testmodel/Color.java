package dev.atoll.testmodel;

/** A test enum. */
public enum Color {
    RED, GREEN, BLUE
}
