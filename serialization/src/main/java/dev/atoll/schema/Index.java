package dev.atoll.schema;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Declares an index on a property. On a {@code List} property the index has one key per element
 * (multi-entry) unless {@link #hash()} is set, in which case the whole list gives one key.
 */
@Retention(RetentionPolicy.RUNTIME)
@Target({ElementType.FIELD, ElementType.RECORD_COMPONENT})
public @interface Index {
    /** Whether two objects may not share a key. */
    boolean unique() default false;

    /** For unique indexes: a write replaces the object that holds the key instead of failing. */
    boolean replace() default false;

    /** Whether strings are compared as they are (true) or lower-cased with {@code Locale.ROOT} (false). */
    boolean caseSensitive() default true;

    /** Whether keys are an 8-byte hash of the value (equality lookups only). */
    boolean hash() default false;

    /** The index name; empty means the property name, or the property names joined by "_" for composites. */
    String name() default "";

    /** Up to two more properties appended to this one, making a composite index. */
    String[] composite() default {};
}
