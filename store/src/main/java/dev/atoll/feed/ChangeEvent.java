package dev.atoll.feed;

import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One position of an instance's change feed, as delivered to every subscriber. Most events are commits
 * ({@link Kind#COMMIT}): the instance name, the commit version (consecutive per instance, also across a
 * restart) and, per collection the commit touched, the ids it inserted, updated and deleted. A subscriber
 * receives every version after its start once, in order; two other kinds say what a subscriber must know:
 * <ul>
 *   <li>{@link Kind#HISTORY_LOST}: the change log no longer holds the commits the subscriber needed (it fell
 *     behind the log's retention, or asked to start before it). Every version up to and including
 *     {@link #version()} is lost to it; the next event is {@code version() + 1}. Re-read what you follow.</li>
 *   <li>{@link Kind#END}: the subscription ended (cancelled, its target stopped, or the instance closed).
 *     {@link #version()} is the last version it delivered: resume from there.</li>
 * </ul>
 *
 * @param instance the instance name
 * @param version the commit version (see the kinds)
 * @param changes per collection name, the ids the commit changed (empty for the other kinds, and for a
 *     silent commit or one that changed nothing)
 * @param kind what the event says
 */
public record ChangeEvent(String instance, long version, Map<String, ChangedIds> changes, Kind kind) {

    /** What an event says. */
    public enum Kind {
        /** One commit, with its change set. */
        COMMIT,
        /** The versions up to this one are lost to the subscriber: the log no longer holds them. */
        HISTORY_LOST,
        /** The subscription ended after this version. */
        END
    }

    public ChangeEvent {
        changes = Map.copyOf(changes);
        Objects.requireNonNull(kind, "kind");
    }

    /** A commit event. */
    public ChangeEvent(String instance, long version, Map<String, ChangedIds> changes) {
        this(instance, version, changes, Kind.COMMIT);
    }

    /** The event telling a subscriber that every version up to {@code lastLost} is lost to it. */
    public static ChangeEvent historyLost(String instance, long lastLost) {
        return new ChangeEvent(instance, lastLost, Map.of(), Kind.HISTORY_LOST);
    }

    /** The last event of a subscription, which had delivered up to {@code lastDelivered}. */
    public static ChangeEvent end(String instance, long lastDelivered) {
        return new ChangeEvent(instance, lastDelivered, Map.of(), Kind.END);
    }

    /** Whether this event is a commit (rather than a {@link Kind#HISTORY_LOST} or {@link Kind#END} marker). */
    public boolean isCommit() {
        return kind == Kind.COMMIT;
    }

    /** Whether this commit touched the named collection. */
    public boolean touches(String collection) {
        return changes.containsKey(collection);
    }

    /** Whether this commit wrote or deleted the given object (or cleared its collection). */
    public boolean touches(String collection, long id) {
        ChangedIds ids = changes.get(collection);
        return ids != null && ids.contains(id);
    }

    /** The names of the collections this commit touched. */
    public Set<String> collections() {
        return changes.keySet();
    }
}
