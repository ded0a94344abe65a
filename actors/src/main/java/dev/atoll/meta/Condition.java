package dev.atoll.meta;

import dev.atoll.Filter;

import java.util.Objects;

/**
 * A typed condition on objects of entity {@code E}, for {@link dev.atoll.Query#filter(Condition)}: a
 * {@link Filter} of the string API over a property of {@code E}. Conditions combine with {@link #and},
 * {@link #or} and {@link #not} as filters do.
 *
 * @param <E> the entity whose objects the condition tests
 */
public class Condition<E> {
    private final Filter filter;

    Condition(Filter filter) {
        this.filter = Objects.requireNonNull(filter, "filter");
    }

    /** The string-API filter this condition is. */
    public final Filter filter() {
        return filter;
    }

    /** Both this and other hold: {@code filter().and(other.filter())}. */
    public final Condition<E> and(Condition<E> other) {
        return new Condition<>(filter.and(other.filter()));
    }

    /** This or other holds: {@code filter().or(other.filter())}. */
    public final Condition<E> or(Condition<E> other) {
        return new Condition<>(filter.or(other.filter()));
    }

    /** This does not hold: {@code filter().not()}. */
    public final Condition<E> not() {
        return new Condition<>(filter.not());
    }

    /** All of the conditions hold ({@link Filter#and(Filter...)}: none, always). */
    @SafeVarargs
    public static <E> Condition<E> and(Condition<E>... conditions) {
        return new Condition<>(Filter.and(filters(conditions)));
    }

    /** Some of the conditions holds ({@link Filter#or(Filter...)}: none, never). */
    @SafeVarargs
    public static <E> Condition<E> or(Condition<E>... conditions) {
        return new Condition<>(Filter.or(filters(conditions)));
    }

    private static Filter[] filters(Condition<?>[] conditions) {
        Filter[] filters = new Filter[conditions.length];
        for (int i = 0; i < conditions.length; i++) {
            filters[i] = conditions[i].filter();
        }
        return filters;
    }

    @Override
    public String toString() {
        return filter.toString();
    }
}
