package dev.atoll.meta;

import dev.atoll.Filter;

import java.util.Objects;

/**
 * A typed property of entity {@code E} with values of class {@code V}, named by its path as in the string
 * API ({@code "content"}, {@code "author.name"}). Generated metamodel classes hold constants of its
 * subclasses; {@link dev.atoll.Query} takes them for sorts, {@code distinctBy} and {@code property}.
 *
 * @param <E> the entity the property belongs to
 * @param <V> the Java class of its values (a boxed class for primitives)
 */
public abstract class Property<E, V> {
    private final Class<E> entity;
    private final String path;
    private final boolean element;

    /**
     * @param entity  the entity class
     * @param path    the property's path, as the string API names it
     * @param element whether the property stands for the elements of a List ({@link ListProperty#element()}):
     *                then {@link #isNull()} tests for a null element
     */
    protected Property(Class<E> entity, String path, boolean element) {
        this.entity = Objects.requireNonNull(entity, "entity");
        this.path = Objects.requireNonNull(path, "path");
        this.element = element;
    }

    /** The entity class. */
    public final Class<E> entity() {
        return entity;
    }

    /** The path, as the string API names the property. */
    public final String path() {
        return path;
    }

    /** Whether this stands for the elements of a List. */
    public final boolean isElement() {
        return element;
    }

    /** The property is null ({@link Filter#isNull}); for a List's elements, some element is null. */
    public Condition<E> isNull() {
        return new Condition<>(nullFilter());
    }

    /** The property is not null; for a List's elements, some element is not null. */
    public Condition<E> isNotNull() {
        return new Condition<>(notNullFilter());
    }

    final Filter nullFilter() {
        return element ? Filter.elementIsNull(path) : Filter.isNull(path);
    }

    final Filter notNullFilter() {
        return element ? Filter.elementIsNotNull(path) : Filter.isNotNull(path);
    }

    @Override
    public String toString() {
        return entity.getSimpleName() + "." + path + (element ? "[element]" : "");
    }
}
