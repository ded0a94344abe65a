package dev.atoll;

import java.util.Map;
import java.util.Set;

/**
 * One commit of an instance, as published to every watcher: the instance name, the commit version
 * (consecutive per instance: a subscriber that sees a gap knows it missed an event and must re-read)
 * and, per collection the commit touched, the ids it changed.
 *
 * @param instance the instance name
 * @param version the commit version; versions grow by one per commit
 * @param changes per collection name, the ids written or deleted (or the collection was cleared)
 */
public record ChangeEvent(String instance, long version, Map<String, ChangedIds> changes) {

    public ChangeEvent {
        changes = Map.copyOf(changes);
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
