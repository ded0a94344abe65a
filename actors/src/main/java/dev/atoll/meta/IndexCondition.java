package dev.atoll.meta;

import dev.atoll.Filter;
import dev.atoll.Where;

import java.util.Objects;

/**
 * A typed condition that an index can serve: for {@link dev.atoll.Query#where(IndexCondition)} (the
 * {@link Where} clause) and for {@link dev.atoll.Query#filter(Condition)} (the equivalent {@link Filter}).
 * Whether the property leads an index that serves the clause is checked when the clause is given to
 * {@code where}, as for the string form.
 *
 * @param <E> the entity whose objects the condition tests
 */
public final class IndexCondition<E> extends Condition<E> {
    private final Where where;

    IndexCondition(Where where, Filter filter) {
        super(filter);
        this.where = Objects.requireNonNull(where, "where");
    }

    /** The string-API where clause this condition is. */
    public Where where() {
        return where;
    }
}
