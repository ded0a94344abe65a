package dev.atoll.meta;

import dev.atoll.Filter;
import dev.atoll.Where;

/**
 * A property with ordered values: numbers, Strings, enums (in declaration order), instants and byte
 * arrays. Range conditions never match null, and a null bound is refused, as in the string API.
 *
 * @param <E> the entity
 * @param <V> the Java class of the values
 */
public class ComparableProperty<E, V> extends ValueProperty<E, V> {
    /** See {@link Property#Property(Class, String, boolean)}. */
    public ComparableProperty(Class<E> entity, String path, boolean element) {
        super(entity, path, element);
    }

    /** The property is greater than value. */
    public final IndexCondition<E> greaterThan(V value) {
        return greaterThan(value, false);
    }

    /** The property is greater than value, or equal when {@code include}. */
    public final IndexCondition<E> greaterThan(V value, boolean include) {
        return new IndexCondition<>(Where.greaterThan(path(), value, include),
                Filter.greaterThan(path(), value, include));
    }

    /** The property is less than value. */
    public final IndexCondition<E> lessThan(V value) {
        return lessThan(value, false);
    }

    /** The property is less than value, or equal when {@code include}. */
    public final IndexCondition<E> lessThan(V value, boolean include) {
        return new IndexCondition<>(Where.lessThan(path(), value, include), Filter.lessThan(path(), value, include));
    }

    /** The property lies between lower and upper, both included. */
    public final IndexCondition<E> between(V lower, V upper) {
        return between(lower, true, upper, true);
    }

    /** The property lies between lower and upper, each included when its flag says so. */
    public final IndexCondition<E> between(V lower, boolean includeLower, V upper, boolean includeUpper) {
        return new IndexCondition<>(Where.between(path(), lower, includeLower, upper, includeUpper),
                Filter.between(path(), lower, includeLower, upper, includeUpper));
    }
}
