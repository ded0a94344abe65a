package dev.atoll.testmodel;

/** Test accessors of {@link Address} (see {@link ReflectiveAccessors}). */
public final class Address_Accessors extends ReflectiveAccessors {
    public Address_Accessors() {
        super(Address.class);
    }
}
