package dev.atoll.meta;

import dev.atoll.Filter;
import dev.atoll.Where;

import java.util.Collection;

/**
 * A property with single values that an index can hold: equality conditions, usable in {@code where} and
 * in {@code filter}. Booleans are of this class; ordered values of {@link ComparableProperty}.
 *
 * @param <E> the entity
 * @param <V> the Java class of the values
 */
public class ValueProperty<E, V> extends Property<E, V> {
    /** See {@link Property#Property(Class, String, boolean)}. */
    public ValueProperty(Class<E> entity, String path, boolean element) {
        super(entity, path, element);
    }

    /** {@code Where.isNull(path)} and its filter (for a List's elements: some element is null). */
    @Override
    public IndexCondition<E> isNull() {
        return new IndexCondition<>(Where.isNull(path()), nullFilter());
    }

    /** {@code Where.isNotNull(path)} and its filter. */
    @Override
    public IndexCondition<E> isNotNull() {
        return new IndexCondition<>(Where.isNotNull(path()), notNullFilter());
    }

    /** The property equals value (null: is null); for a List's elements, some element does. */
    public final IndexCondition<E> equalTo(V value) {
        return new IndexCondition<>(Where.equalTo(path(), value), Filter.equalTo(path(), value));
    }

    /** The exact complement of {@link #equalTo}: {@code Where.notEqualTo}, {@code Filter.equalTo(...).not()}. */
    public final IndexCondition<E> notEqualTo(V value) {
        return new IndexCondition<>(Where.notEqualTo(path(), value), Filter.equalTo(path(), value).not());
    }

    /** The property equals one of the values; none: nothing. */
    @SafeVarargs
    public final IndexCondition<E> anyOf(V... values) {
        return new IndexCondition<>(Where.anyOf(path(), (Object[]) values), Filter.anyOf(path(), (Object[]) values));
    }

    /** The property equals one of the values; none: nothing. */
    public final IndexCondition<E> anyOf(Collection<? extends V> values) {
        return new IndexCondition<>(Where.anyOf(path(), values), Filter.anyOf(path(), values));
    }
}
