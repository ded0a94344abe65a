package dev.atoll.internal.codec;

import dev.atoll.schema.PropertySchema;
import dev.atoll.schema.PropertyType;

import java.util.Map;

/** How one value of a property schema is written and read, bound to its Java classes. */
final class ValueNode {
    final PropertySchema schema;
    final PropertyType type;
    /** The enum or embedded class; the boxed class for scalars; List for lists. */
    final Class<?> javaClass;
    /** Enum constants by name (ENUM only). */
    final Map<String, Enum<?>> constants;
    /** The bound embedded class (EMBEDDED only). */
    final ObjectNode object;
    /** The element (LIST only). */
    final ValueNode element;

    ValueNode(PropertySchema schema, Class<?> javaClass, Map<String, Enum<?>> constants, ObjectNode object,
              ValueNode element) {
        this.schema = schema;
        this.type = schema.type();
        this.javaClass = javaClass;
        this.constants = constants;
        this.object = object;
        this.element = element;
    }
}
