package dev.atoll.schema;

import java.util.List;
import java.util.Objects;

/**
 * The stored shape of one property: its name, type and nullability, plus the element schema of a
 * {@code LIST}, the properties of an {@code EMBEDDED} object (in name order) and the constants of an
 * {@code ENUM}. {@code typeName} is the Java simple class name for ENUM and EMBEDDED, else null.
 *
 * @param name       the property name ("element" for list elements)
 * @param type       the stored type
 * @param nullable   whether the value may be null (false only for primitives)
 * @param element    the element schema, only for LIST
 * @param embedded   the embedded properties in name order, only for EMBEDDED
 * @param enumValues the constant names in declaration order, only for ENUM
 * @param typeName   the Java simple class name, only for ENUM and EMBEDDED
 * @param recursion  for an embedded class that contains itself (a tree), at the place where it does: how
 *                   many embedded levels up the enclosing occurrence of the class is; else null. Its
 *                   {@link #embedded()} are then the enclosing occurrence's properties, so walking the
 *                   schema along a path never ends at it; code that walks every property must stop at it.
 */
public record PropertySchema(String name, PropertyType type, boolean nullable, PropertySchema element,
                             List<PropertySchema> embedded, List<String> enumValues, String typeName,
                             Recursion recursion) {

    /**
     * Where an embedded class contains itself: {@code up} embedded levels above (1: the class holds a property
     * of its own class). The target properties are filled in once, when the enclosing occurrence is built;
     * equality looks at {@code up} only.
     */
    public static final class Recursion {
        private final int up;
        private List<PropertySchema> target;

        /**
         * A recursion to the occurrence {@code up} levels above.
         *
         * @throws IllegalArgumentException if up is not positive
         */
        public Recursion(int up) {
            if (up < 1) {
                throw new IllegalArgumentException("a recursion goes at least 1 level up, not " + up);
            }
            this.up = up;
        }

        /** How many embedded levels up the enclosing occurrence is. */
        public int up() {
            return up;
        }

        /**
         * Sets the enclosing occurrence's properties, once.
         *
         * @throws IllegalStateException when they are set already
         */
        public void resolve(List<PropertySchema> properties) {
            if (target != null) {
                throw new IllegalStateException("recursion resolved twice");
            }
            target = List.copyOf(properties);
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Recursion r && r.up == up;
        }

        @Override
        public int hashCode() {
            return up;
        }

        @Override
        public String toString() {
            return "^" + up;
        }
    }

    /** A property without recursion; see the canonical constructor. */
    public PropertySchema(String name, PropertyType type, boolean nullable, PropertySchema element,
                          List<PropertySchema> embedded, List<String> enumValues, String typeName) {
        this(name, type, nullable, element, embedded, enumValues, typeName, null);
    }

    /** An embedded property whose class is the class of the occurrence {@code up} embedded levels above. */
    public static PropertySchema recursive(String name, String typeName, int up) {
        return new PropertySchema(name, PropertyType.EMBEDDED, true, null, List.of(), null, typeName,
            new Recursion(up));
    }

    /**
     * Validates the parts and copies the lists.
     *
     * @throws NullPointerException     if name or type is null
     * @throws IllegalArgumentException if element, embedded or enumValues do not match the type
     */
    public PropertySchema {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(type, "type");
        if ((type == PropertyType.LIST) != (element != null)) {
            throw new IllegalArgumentException("element must be given exactly for LIST: " + name);
        }
        if ((type == PropertyType.EMBEDDED) != (embedded != null)) {
            throw new IllegalArgumentException("embedded must be given exactly for EMBEDDED: " + name);
        }
        if ((type == PropertyType.ENUM) != (enumValues != null)) {
            throw new IllegalArgumentException("enumValues must be given exactly for ENUM: " + name);
        }
        if (recursion != null && (type != PropertyType.EMBEDDED || !embedded.isEmpty())) {
            throw new IllegalArgumentException("a recursion is an EMBEDDED property without properties: " + name);
        }
        embedded = embedded == null ? null : List.copyOf(embedded);
        enumValues = enumValues == null ? null : List.copyOf(enumValues);
    }

    /**
     * The properties of an embedded object, in name order: for a {@link #recursion()}, those of the enclosing
     * occurrence of the class; null for other types.
     *
     * @throws IllegalStateException for a recursion that was never resolved
     */
    @Override
    public List<PropertySchema> embedded() {
        if (recursion == null) {
            return embedded;
        }
        if (recursion.target == null) {
            throw new IllegalStateException("the recursion of '" + name + "' was never resolved");
        }
        return recursion.target;
    }

    /** Whether this property is where an embedded class contains itself ({@link #recursion()} is set). */
    public boolean isRecursive() {
        return recursion != null;
    }

    /** A scalar (non-list, non-embedded, non-enum) property. */
    public static PropertySchema scalar(String name, PropertyType type, boolean nullable) {
        return new PropertySchema(name, type, nullable, null, null, null, null);
    }

    /**
     * The canonical type description used for fingerprints and messages, without the name, e.g.
     * {@code INT}, {@code STRING?}, {@code ENUM?[A,B]}, {@code LIST?<STRING?>}, {@code EMBEDDED?{a:INT,b:STRING?}},
     * and {@code EMBEDDED?{^2}} where an embedded class contains itself, two levels up.
     * Java class names are not part of it.
     */
    public String signature() {
        StringBuilder sb = new StringBuilder();
        appendSignature(sb);
        return sb.toString();
    }

    void appendSignature(StringBuilder sb) {
        sb.append(type.name());
        if (nullable) {
            sb.append('?');
        }
        switch (type) {
            case ENUM -> sb.append('[').append(String.join(",", enumValues)).append(']');
            case LIST -> {
                sb.append('<');
                element.appendSignature(sb);
                sb.append('>');
            }
            case EMBEDDED -> {
                sb.append('{');
                if (recursion != null) {
                    sb.append(recursion);
                }
                for (int i = 0; i < embedded.size(); i++) {
                    if (i > 0) {
                        sb.append(',');
                    }
                    PropertySchema p = embedded.get(i);
                    sb.append(p.name).append(':');
                    p.appendSignature(sb);
                }
                sb.append('}');
            }
            default -> { }
        }
    }

    /** The short type description used in messages: the type, or {@code LIST<element type>}. */
    public String typeDescription() {
        return type == PropertyType.LIST ? "LIST<" + element.typeDescription() + ">" : type.name();
    }
}
