/**
 * Atoll: the API users import ({@code dev.atoll}, with the typed metamodel in {@code dev.atoll.meta}),
 * and the machinery behind it in {@code dev.atoll.internal.*}, which no other module can reach.
 * Classes stored by Atoll must be open to {@code dev.atoll.serialization} (their package
 * {@code opens ... to dev.atoll.serialization}), which reads and writes their fields.
 */
module dev.atoll {
    requires transitive dev.atoll.serialization;
    requires transitive dev.atoll.store;
    requires transitive pekko.actor.typed;
    requires transitive pekko.actor;
    requires transitive pekko.stream;
    requires transitive scala.library;
    requires transitive typesafe.config;
    requires com.fasterxml.jackson.core;
    requires org.slf4j;
    // Pekko and Kryo, automatic modules, use sun.misc.Unsafe and cannot say so: without this line an
    // application whose main class is in a named module would fail to start an ActorSystem.
    requires jdk.unsupported;

    exports dev.atoll;
    exports dev.atoll.meta;

    provides dev.atoll.internal.fault.FaultFactory with dev.atoll.internal.api.ApiFaults;
}
