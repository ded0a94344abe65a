package dev.atoll.meta;

/**
 * An embedded object. The generated metamodel of an {@code @Embedded} class {@code Author} is
 * {@code Author_<R> extends EmbeddedProperty<R, Author>}, with a typed property per stored member, its
 * path prefixed with this one's ({@code Post_.author.name} is {@code "author.name"}). Where the class
 * contains itself (a tree), that member is a method, so that the paths are built as they are asked for.
 *
 * @param <E> the entity
 * @param <X> the embedded class
 */
public abstract class EmbeddedProperty<E, X> extends Property<E, X> {
    /** See {@link Property#Property(Class, String, boolean)}. */
    protected EmbeddedProperty(Class<E> entity, String path, boolean element) {
        super(entity, path, element);
    }

    /** The path of a member of the embedded class: this path, a dot, the member's name. */
    protected final String member(String name) {
        return path() + "." + name;
    }
}
