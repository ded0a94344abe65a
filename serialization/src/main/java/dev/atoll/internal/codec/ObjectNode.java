package dev.atoll.internal.codec;

import java.lang.reflect.Constructor;
import java.lang.reflect.Field;

/** A class or record bound to the field ids of one path of a layout: how to build and fill it. */
final class ObjectNode {
    final Class<?> type;
    final boolean record;
    /** The no-arg constructor of a class, or the canonical constructor of a record. */
    final Constructor<?> constructor;
    /** Set once by {@link #init}: a tree's node is created before its properties, which lead back to it. */
    PropertyNode[] properties;
    /** Properties by field id; null where the id is not a property here. */
    PropertyNode[] byId;
    /** Records: the default of every constructor argument (0, false or null). */
    final Object[] defaultArgs;
    /** The id field of an entity (also of a record entity), else null. */
    final Field idField;
    /** Records: the constructor argument index of the id, else -1. */
    final int idArg;
    /** The Kryo serializer of an embedded class; null for entities. */
    EmbeddedSerializer serializer;

    /** A node whose properties {@link #init} sets later. */
    ObjectNode(Class<?> type, Constructor<?> constructor, Object[] defaultArgs, Field idField, int idArg) {
        this.type = type;
        this.record = type.isRecord();
        this.constructor = constructor;
        this.defaultArgs = defaultArgs;
        this.idField = idField;
        this.idArg = idArg;
    }

    /** Sets the properties. */
    void init(PropertyNode[] properties) {
        this.properties = properties;
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
