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
 */
public record PropertySchema(String name, PropertyType type, boolean nullable, PropertySchema element,
                             List<PropertySchema> embedded, List<String> enumValues, String typeName) {

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
        embedded = embedded == null ? null : List.copyOf(embedded);
        enumValues = enumValues == null ? null : List.copyOf(enumValues);
    }

    /** A scalar (non-list, non-embedded, non-enum) property. */
    public static PropertySchema scalar(String name, PropertyType type, boolean nullable) {
        return new PropertySchema(name, type, nullable, null, null, null, null);
    }

    /**
     * The canonical type description used for fingerprints and messages, without the name, e.g.
     * {@code INT}, {@code STRING?}, {@code ENUM?[A,B]}, {@code LIST?<STRING?>}, {@code EMBEDDED?{a:INT,b:STRING?}}.
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
