/**
 * Typed queries: the property types of the metamodel classes that the {@code atoll-processor}
 * annotation processor generates for each {@code @Entity} (for {@code Message}, {@code Message_}), and
 * the conditions they build.
 *
 * <p>Each typed call is a {@link dev.atoll.Where} or {@link dev.atoll.Filter} of the string API, built
 * for the property's path, so a typed query is exactly the query its string form gives (the same
 * {@code explain()}, the same results). What the compiler checks: the value's type against the
 * property's type, that a condition, sort or property belongs to the query's entity, that string
 * conditions name a String and list conditions a List. What is still checked when the query is built, as
 * for the string form: that a where clause names an index (or the id) the index can serve, and that a
 * sort or {@code property(...)} does not pass through a List.
 */
package dev.atoll.meta;
