package dev.atoll.schema;

import java.util.List;
import java.util.Objects;

/**
 * The definition of one index of a collection.
 *
 * @param name          the index name
 * @param properties    the indexed property names, the annotated one first
 * @param unique        whether keys are unique
 * @param replace       whether a write replaces the holder of a unique key
 * @param caseSensitive whether strings are compared as they are
 * @param hash          whether keys are 8-byte hashes of the values
 * @param multiEntry    whether the first property is a list indexed element by element
 */
public record IndexSchema(String name, List<String> properties, boolean unique, boolean replace,
                          boolean caseSensitive, boolean hash, boolean multiEntry) {

    /**
     * Copies the property list.
     *
     * @throws NullPointerException     if name or properties is null
     * @throws IllegalArgumentException if properties is empty
     */
    public IndexSchema {
        Objects.requireNonNull(name, "name");
        properties = List.copyOf(properties);
        if (properties.isEmpty()) {
            throw new IllegalArgumentException("index '" + name + "' has no properties");
        }
    }

    /** The canonical description used in fingerprints. */
    public String canonical() {
        return name + "(" + String.join(",", properties) + ")" + (unique ? "U" : "-") + (replace ? "R" : "-")
            + (caseSensitive ? "C" : "-") + (hash ? "H" : "-") + (multiEntry ? "M" : "-");
    }
}
