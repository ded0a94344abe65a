package dev.atoll.internal.query;

import dev.atoll.Sort;

/** One key of a query's sort: a property path and its direction. */
public record SortKey(PropertyPath path, Sort direction) {
}
