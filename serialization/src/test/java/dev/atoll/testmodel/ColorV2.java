package dev.atoll.testmodel;

/** Color with reordered constants, one removed and one added. */
public enum ColorV2 {
    BLUE, YELLOW, RED
}
