package dev.atoll.internal.query;

import dev.atoll.schema.IndexSchema;

import java.util.List;

/**
 * A where clause checked against a collection. For an index: the ranges of stored keys to read
 * (for a hash index also the ranges of unhashed keys that a found object must have, against
 * collisions); for the id: inclusive id ranges.
 */
public record Bound(String text, IndexSchema index, int slot, List<KeyRange> ranges, List<KeyRange> rawRanges,
             long[] idRanges) {
    public boolean isId() {
        return index == null;
    }

    /**
     * Whether the clause reads its entries in an order worth keeping: one range of the ids, or one
     * range of an index that is neither multi-entry nor hashed (a hash index's order is the hashes').
     */
    public boolean ordered() {
        return isId() ? idRanges.length == 2 : ranges.size() == 1 && !index.multiEntry() && !index.hash();
    }
}
