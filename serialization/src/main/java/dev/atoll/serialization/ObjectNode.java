package dev.atoll.serialization;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;

/** A class or record bound to the field ids of one path of a layout: how to build and fill it. */
final class ObjectNode {
    final Class<?> type;
    final boolean record;
    /** The no-arg constructor of a class, or the canonical constructor of a record. */
    final Constructor<?> constructor;
    final PropertyNode[] properties;
    /** Properties by field id; null where the id is not a property here. */
    final PropertyNode[] byId;
    /** Records: the default of every constructor argument (0, false or null). */
    final Object[] defaultArgs;
    /** The id field of an entity (also of a record entity), else null. */
    final Field idField;
    /** Records: the constructor argument index of the id, else -1. */
    final int idArg;
    /** The Kryo serializer of an embedded class; null for entities. */
    EmbeddedSerializer serializer;

    ObjectNode(Class<?> type, Constructor<?> constructor, PropertyNode[] properties, Object[] defaultArgs,
               Field idField, int idArg) {
        this.type = type;
        this.record = type.isRecord();
        this.constructor = constructor;
        this.properties = properties;
        this.defaultArgs = defaultArgs;
        this.idField = idField;
        this.idArg = idArg;
        int max = 0;
        for (PropertyNode p : properties) {
            max = Math.max(max, p.fieldId);
        }
        this.byId = new PropertyNode[max + 1];
        for (PropertyNode p : properties) {
            byId[p.fieldId] = p;
        }
    }

    PropertyNode byFieldId(int fieldId) {
        return fieldId >= 0 && fieldId < byId.length ? byId[fieldId] : null;
    }
}
