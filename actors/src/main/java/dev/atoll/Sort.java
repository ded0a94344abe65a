package dev.atoll;

/** The direction of a {@link Query#sortBy(String, Sort)} or {@link Query#thenBy(String, Sort)} key. */
public enum Sort {
    /** Smallest first; nulls come first. */
    ASC,
    /** Largest first; nulls come last. */
    DESC
}
