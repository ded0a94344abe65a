package dev.atoll.meta;

import dev.atoll.Filter;
import dev.atoll.Where;

/**
 * A String property: comparisons, and the string conditions of {@link Filter}. {@link #startsWith(String)}
 * can read an index; the others are filters.
 *
 * @param <E> the entity
 */
public final class StringProperty<E> extends ComparableProperty<E, String> {
    /** See {@link Property#Property(Class, String, boolean)}. */
    public StringProperty(Class<E> entity, String path, boolean element) {
        super(entity, path, element);
    }

    /** The property starts with prefix (on a {@code caseSensitive = false} index, ignoring case). */
    public IndexCondition<E> startsWith(String prefix) {
        return new IndexCondition<>(Where.startsWith(path(), prefix), Filter.startsWith(path(), prefix));
    }

    /** The property starts with prefix, ignoring case when {@code caseSensitive} is false. */
    public Condition<E> startsWith(String prefix, boolean caseSensitive) {
        return new Condition<>(Filter.startsWith(path(), prefix, caseSensitive));
    }

    /** The property equals value, ignoring case when {@code caseSensitive} is false. */
    public Condition<E> equalTo(String value, boolean caseSensitive) {
        return new Condition<>(Filter.equalTo(path(), value, caseSensitive));
    }

    /** The property ends with suffix. */
    public Condition<E> endsWith(String suffix) {
        return new Condition<>(Filter.endsWith(path(), suffix));
    }

    /** The property ends with suffix, ignoring case when {@code caseSensitive} is false. */
    public Condition<E> endsWith(String suffix, boolean caseSensitive) {
        return new Condition<>(Filter.endsWith(path(), suffix, caseSensitive));
    }

    /** The property contains part. */
    public Condition<E> contains(String part) {
        return new Condition<>(Filter.contains(path(), part));
    }

    /** The property contains part, ignoring case when {@code caseSensitive} is false. */
    public Condition<E> contains(String part, boolean caseSensitive) {
        return new Condition<>(Filter.contains(path(), part, caseSensitive));
    }

    /** The property matches a wildcard pattern ({@code *} any run, {@code ?} one character). */
    public Condition<E> matches(String pattern) {
        return new Condition<>(Filter.matches(path(), pattern));
    }

    /** The property matches a wildcard pattern, ignoring case when {@code caseSensitive} is false. */
    public Condition<E> matches(String pattern, boolean caseSensitive) {
        return new Condition<>(Filter.matches(path(), pattern, caseSensitive));
    }
}
