package dev.atoll.meta;

import dev.atoll.Filter;

import java.util.List;
import java.util.Objects;

/**
 * A List property. {@link #element()} gives a property of the same path for conditions on the elements
 * (some element satisfies them: {@code Post_.tags.element().equalTo("news")}, which an index on the List
 * serves); this class holds the conditions on the list itself. For a List of embedded objects,
 * {@code element()} is the embedded class's metamodel, with its paths.
 *
 * @param <E> the entity
 * @param <X> the Java class of the elements
 * @param <P> the typed property of the elements
 */
public final class ListProperty<E, X, P extends Property<E, X>> extends Property<E, List<X>> {
    private final P element;

    /**
     * @param element the property of the elements: the same entity and path, made with {@code element = true}
     * @throws IllegalArgumentException when it is not that
     */
    public ListProperty(P element) {
        super(Objects.requireNonNull(element, "element").entity(), element.path(), false);
        if (!element.isElement()) {
            throw new IllegalArgumentException("the element property of List " + element.path()
                    + " must be made with element = true");
        }
        this.element = element;
    }

    /** The elements, for conditions that some element satisfies. */
    public P element() {
        return element;
    }

    /** The List holds a null element ({@link Filter#elementIsNull}). */
    public Condition<E> elementIsNull() {
        return new Condition<>(Filter.elementIsNull(path()));
    }

    /** The List holds a non-null element ({@link Filter#elementIsNotNull}). */
    public Condition<E> elementIsNotNull() {
        return new Condition<>(Filter.elementIsNotNull(path()));
    }

    /** The List has this many elements. */
    public Condition<E> lengthEqualTo(int length) {
        return new Condition<>(Filter.lengthEqualTo(path(), length));
    }

    /** The List has more than this many elements. */
    public Condition<E> lengthGreaterThan(int length) {
        return new Condition<>(Filter.lengthGreaterThan(path(), length));
    }

    /** The List has fewer than this many elements. */
    public Condition<E> lengthLessThan(int length) {
        return new Condition<>(Filter.lengthLessThan(path(), length));
    }

    /** The List has lower to upper elements, both included. */
    public Condition<E> lengthBetween(int lower, int upper) {
        return new Condition<>(Filter.lengthBetween(path(), lower, upper));
    }

    /** The List is empty. */
    public Condition<E> isEmpty() {
        return new Condition<>(Filter.isEmpty(path()));
    }

    /** The List is not empty. */
    public Condition<E> isNotEmpty() {
        return new Condition<>(Filter.isNotEmpty(path()));
    }
}
