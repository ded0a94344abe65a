package dev.atoll.internal.codec;

import com.esotericsoftware.kryo.Kryo;

import java.lang.reflect.Field;
import java.lang.reflect.InvocationTargetException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Writes and reads tagged messages (see {@link CollectionCodec} for the format). */
final class MessageCodec {
    /**
     * The deepest that embedded objects may nest (a tree's depth). Deeper objects are refused on write, so
     * that every value written can be read back without running out of stack.
     */
    static final int MAX_DEPTH = 100;
    private static final long MIN_SECOND = Instant.MIN.getEpochSecond();
    private static final long MAX_SECOND = Instant.MAX.getEpochSecond();

    private MessageCodec() {
    }

    static void write(Kryo kryo, PayloadOutput out, ObjectNode node, Object object) {
        try {
            for (PropertyNode p : node.properties) {
                if (p.primitive) {
                    writePrimitive(out, p, object);
                    continue;
                }
                Object v = p.field.get(object);
                if (v != null) {
                    out.varint32(p.tag);
                    writeValue(kryo, out, p.value, v);
                }
            }
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("cannot read a field of " + node.type.getName(), e);
        }
    }

    private static void writePrimitive(PayloadOutput out, PropertyNode p, Object o) throws IllegalAccessException {
        Field f = p.field;
        out.varint32(p.tag);
        switch (p.value.type) {
            case BOOL -> out.varint32(f.getBoolean(o) ? 1 : 0);
            case BYTE -> out.varint32(Wire.zigzag(f.getByte(o)));
            case SHORT -> out.varint32(Wire.zigzag(f.getShort(o)));
            case INT -> out.varint32(Wire.zigzag(f.getInt(o)));
            case LONG -> out.varint64(Wire.zigzag(f.getLong(o)));
            case FLOAT -> out.fixed32(Float.floatToRawIntBits(f.getFloat(o)));
            case DOUBLE -> out.fixed64(Double.doubleToRawLongBits(f.getDouble(o)));
            default -> throw new IllegalStateException("not primitive: " + p.name);
        }
    }

    private static void writeValue(Kryo kryo, PayloadOutput out, ValueNode node, Object v) {
        switch (node.type) {
            case BOOL -> out.varint32((Boolean) v ? 1 : 0);
            case BYTE -> out.varint32(Wire.zigzag((Byte) v));
            case SHORT -> out.varint32(Wire.zigzag((Short) v));
            case INT -> out.varint32(Wire.zigzag((Integer) v));
            case LONG -> out.varint64(Wire.zigzag((Long) v));
            case FLOAT -> out.fixed32(Float.floatToRawIntBits((Float) v));
            case DOUBLE -> out.fixed64(Double.doubleToRawLongBits((Double) v));
            case STRING -> out.utf8((String) v);
            case ENUM -> out.utf8(((Enum<?>) node.javaClass.cast(v)).name());
            case BYTES -> out.lengthPrefixed((byte[]) v);
            case INSTANT -> {
                Instant t = (Instant) v;
                int mark = out.beginLength();
                out.varint64(Wire.zigzag(t.getEpochSecond()));
                out.varint32(t.getNano());
                out.endLength(mark);
            }
            case EMBEDDED -> {
                if (v.getClass() != node.javaClass) {
                    throw new IllegalArgumentException("property '" + node.schema.name() + "' holds a "
                        + v.getClass().getName() + " instead of exactly " + node.javaClass.getName());
                }
                if (++out.depth > MAX_DEPTH) {
                    throw new IllegalArgumentException("property '" + node.schema.name() + "': embedded objects nest"
                        + " deeper than " + MAX_DEPTH + " levels (does an object contain itself?)");
                }
                int mark = out.beginLength();
                node.object.serializer.current = node.object;
                kryo.writeObject(out, v);
                out.endLength(mark);
                out.depth--;
            }
            case LIST -> {
                List<?> list = (List<?>) v;
                int mark = out.beginLength();
                out.varint32(list.size());
                for (Object e : list) {
                    if (e == null) {
                        out.writeByte(0);
                    } else {
                        out.writeByte(1);
                        writeValue(kryo, out, node.element, e);
                    }
                }
                out.endLength(mark);
            }
            default -> throw new IllegalStateException("unknown type " + node.type);
        }
    }

    /** Reads a message up to in.end; id is set into an entity's id property (ignored for embedded objects). */
    static Object read(Kryo kryo, PayloadInput in, ObjectNode node, long id) {
        try {
            Object object = null;
            Object[] args = null;
            if (node.record) {
                args = node.defaultArgs.clone();
            } else {
                object = node.constructor.newInstance();
                clearProperties(node, object);
            }
            while (in.more()) {
                int tag = in.varint32();
                int wire = tag & 7;
                PropertyNode p = node.byFieldId(tag >>> 3);
                if (p == null) {
                    in.skipValue(wire);
                    continue;
                }
                if (wire != p.wire) {
                    throw new Malformed("field " + (tag >>> 3) + " has wire type " + wire + ", expected " + p.wire);
                }
                if (args != null) {
                    args[p.arg] = readValue(kryo, in, p.value);
                } else if (p.primitive) {
                    readPrimitive(in, p, object);
                } else {
                    p.field.set(object, readValue(kryo, in, p.value));
                }
            }
            if (args != null) {
                if (node.idArg >= 0) {
                    args[node.idArg] = id;
                }
                return node.constructor.newInstance(args);
            }
            if (node.idField != null) {
                if (node.idField.getType() == long.class) {
                    node.idField.setLong(object, id);
                } else {
                    node.idField.set(object, id);
                }
            }
            return object;
        } catch (InstantiationException | IllegalAccessException e) {
            throw new IllegalStateException("cannot create " + node.type.getName(), e);
        } catch (InvocationTargetException e) {
            // the user's constructor refused the values (a record's checks, say): not damage
            throw new UserCodeFailure(node.type, e.getCause());
        }
    }

    /**
     * Sets every stored property of a freshly constructed object to null, or to 0/false for a primitive, so
     * that a property the payload does not carry (stored as null, or added after the value was written) reads
     * as null rather than as the value a field initializer or the constructor gave it. Fields that are not
     * properties ({@code @Ignore}, transient, static) keep what the constructor gave them.
     */
    private static void clearProperties(ObjectNode node, Object object) throws IllegalAccessException {
        for (PropertyNode p : node.properties) {
            Field f = p.field;
            if (!p.primitive) {
                f.set(object, null);
                continue;
            }
            switch (p.value.type) {
                case BOOL -> f.setBoolean(object, false);
                case BYTE -> f.setByte(object, (byte) 0);
                case SHORT -> f.setShort(object, (short) 0);
                case INT -> f.setInt(object, 0);
                case LONG -> f.setLong(object, 0L);
                case FLOAT -> f.setFloat(object, 0f);
                case DOUBLE -> f.setDouble(object, 0d);
                default -> throw new IllegalStateException("not primitive: " + p.name);
            }
        }
    }

    private static void readPrimitive(PayloadInput in, PropertyNode p, Object o) throws IllegalAccessException {
        Field f = p.field;
        switch (p.value.type) {
            case BOOL -> f.setBoolean(o, bool(in.varint32()));
            case BYTE -> f.setByte(o, toByte(Wire.unzigzag(in.varint32())));
            case SHORT -> f.setShort(o, toShort(Wire.unzigzag(in.varint32())));
            case INT -> f.setInt(o, Wire.unzigzag(in.varint32()));
            case LONG -> f.setLong(o, Wire.unzigzag(in.varint64()));
            case FLOAT -> f.setFloat(o, Float.intBitsToFloat(in.fixed32()));
            case DOUBLE -> f.setDouble(o, Double.longBitsToDouble(in.fixed64()));
            default -> throw new IllegalStateException("not primitive: " + p.name);
        }
    }

    private static Object readValue(Kryo kryo, PayloadInput in, ValueNode node) {
        switch (node.type) {
            case BOOL:
                return bool(in.varint32());
            case BYTE:
                return toByte(Wire.unzigzag(in.varint32()));
            case SHORT:
                return toShort(Wire.unzigzag(in.varint32()));
            case INT:
                return Wire.unzigzag(in.varint32());
            case LONG:
                return Wire.unzigzag(in.varint64());
            case FLOAT:
                return Float.intBitsToFloat(in.fixed32());
            case DOUBLE:
                return Double.longBitsToDouble(in.fixed64());
            case STRING:
                return in.utf8(in.length());
            case ENUM:
                // a constant that no longer exists reads as null
                return node.constants.get(in.utf8(in.length()));
            case BYTES:
                return in.bytes(in.length());
            default:
                return readNested(kryo, in, node);
        }
    }

    private static Object readNested(Kryo kryo, PayloadInput in, ValueNode node) {
        int len = in.length();
        int outerEnd = in.end;
        int end = in.position() + len;
        in.end = end;
        Object result;
        switch (node.type) {
            case INSTANT -> {
                long seconds = Wire.unzigzag(in.varint64());
                int nanos = in.varint32();
                if (seconds < MIN_SECOND || seconds > MAX_SECOND || nanos < 0 || nanos > 999_999_999) {
                    throw new Malformed("instant out of range");
                }
                result = Instant.ofEpochSecond(seconds, nanos);
            }
            case EMBEDDED -> {
                if (++in.depth > MAX_DEPTH) {
                    throw new Malformed("embedded objects nest deeper than " + MAX_DEPTH + " levels");
                }
                node.object.serializer.current = node.object;
                result = kryo.readObject(in, node.object.type);
                in.depth--;
            }
            case LIST -> {
                int count = in.varint32();
                if (count < 0 || count > end - in.position()) {
                    throw new Malformed("list count " + Integer.toUnsignedString(count) + " exceeds the data");
                }
                List<Object> list = new ArrayList<>(count);
                for (int i = 0; i < count; i++) {
                    int flag = in.readByteChecked();
                    if (flag == 0) {
                        list.add(null);
                    } else if (flag == 1) {
                        list.add(readValue(kryo, in, node.element));
                    } else {
                        throw new Malformed("bad list element marker " + flag);
                    }
                }
                result = list;
            }
            default -> throw new IllegalStateException("unknown type " + node.type);
        }
        if (in.position() != end) {
            throw new Malformed(node.type + " value does not fill its length");
        }
        in.end = outerEnd;
        return result;
    }

    private static boolean bool(int v) {
        if (v != 0 && v != 1) {
            throw new Malformed("boolean value " + v);
        }
        return v == 1;
    }

    private static byte toByte(int v) {
        if (v != (byte) v) {
            throw new Malformed("byte value " + v + " out of range");
        }
        return (byte) v;
    }

    private static short toShort(int v) {
        if (v != (short) v) {
            throw new Malformed("short value " + v + " out of range");
        }
        return (short) v;
    }
}
