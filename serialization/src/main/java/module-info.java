/**
 * Atoll's schemas and codecs. Users import {@code dev.atoll.schema} (the annotations that define a
 * collection and the description of a collection's schema); the codecs and the engine's failures are
 * internal, open only to Atoll's own modules.
 */
module dev.atoll.serialization {
    requires com.esotericsoftware.kryo;

    exports dev.atoll.schema;
    exports dev.atoll.internal.codec to dev.atoll.store, dev.atoll;
    exports dev.atoll.internal.fault to dev.atoll.store, dev.atoll;

    uses dev.atoll.internal.fault.FaultFactory;
}
