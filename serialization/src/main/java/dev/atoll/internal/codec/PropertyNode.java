package dev.atoll.internal.codec;

import java.lang.reflect.Field;

/** One stored property of a bound class: its field id and tag, its value node and how to reach it. */
final class PropertyNode {
    final String name;
    final int fieldId;
    final int tag;
    final int wire;
    final ValueNode value;
    /** The field holding the value (for records, the component's private field, read only). */
    final Field field;
    /** Whether the field is primitive (read and set without boxing). */
    final boolean primitive;
    /** The canonical constructor argument index for records, else -1. */
    final int arg;

    PropertyNode(String name, int fieldId, ValueNode value, Field field, int arg) {
        this.name = name;
        this.fieldId = fieldId;
        this.wire = Wire.of(value.type);
        this.tag = fieldId << 3 | wire;
        this.value = value;
        this.field = field;
        this.primitive = field.getType().isPrimitive();
        this.arg = arg;
    }
}
