package dev.atoll;

/**
 * The acknowledgement an actor target of an acknowledged query watcher
 * ({@link Query#watchWithAck}) sends back when it has handled a delivery and is ready for the next.
 * Until it does, the watcher sends nothing more; changes meanwhile are conflated, and the next
 * delivery is the latest results.
 */
public enum WatchAck {
    INSTANCE
}
