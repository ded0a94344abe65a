package dev.atoll.schema;

/** The stored type of a property. */
public enum PropertyType {
    BOOL, BYTE, SHORT, INT, LONG, FLOAT, DOUBLE, STRING, ENUM, BYTES, INSTANT, EMBEDDED, LIST
}
