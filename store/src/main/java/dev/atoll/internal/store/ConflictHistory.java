package dev.atoll.internal.store;

import dev.atoll.feed.ChangedIds;
import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import java.util.ArrayDeque;
import java.util.Iterator;
import java.util.Map;
import java.util.Set;

/**
 * The write sets of the latest commits, so that the store can tell whether a write transaction
 * read something that a commit after its snapshot changed (optimistic concurrency: that is what
 * makes write transactions serializable without holding a lock while their bodies run). Bounded:
 * a transaction whose snapshot is older than what is kept counts as conflicting and runs again.
 */
final class ConflictHistory {
    private static final int MAX_ENTRIES = 4096;
    private static final long MAX_IDS = 1_000_000;

    private final ArrayDeque<Entry> entries = new ArrayDeque<>();
    private long floor;
    private long ids;

    ConflictHistory(long version) {
        this.floor = version;
    }

    void check(WriteBatch batch) {
        WriteBatch.ReadSet reads = batch.reads();
        if (reads.isEmpty()) {
            return;
        }
        long readVersion = batch.readVersion();
        if (readVersion < floor) {
            throw Faults.of(Fault.TRANSACTION_CONFLICT, "the transaction read version " + readVersion
                    + ", older than the commits the store still checks against (from " + floor + ")");
        }
        Iterator<Entry> it = entries.descendingIterator();
        while (it.hasNext()) {
            Entry e = it.next();
            if (e.version <= readVersion) {
                break;
            }
            for (String collection : reads.collections()) {
                if (e.changes.containsKey(collection)) {
                    throw conflict(collection, e.version, readVersion);
                }
            }
            for (Map.Entry<String, Set<Long>> r : reads.ids().entrySet()) {
                ChangedIds changed = e.changes.get(r.getKey());
                if (changed != null) {
                    for (long id : r.getValue()) {
                        if (changed.contains(id)) {
                            throw conflict(r.getKey() + " object " + id, e.version, readVersion);
                        }
                    }
                }
            }
        }
    }

    void add(long version, Map<String, ChangedIds> changes) {
        int size = 1;
        for (ChangedIds c : changes.values()) {
            size += c.size();
        }
        entries.addLast(new Entry(version, changes, size));
        ids += size;
        while (entries.size() > MAX_ENTRIES || (ids > MAX_IDS && entries.size() > 1)) {
            Entry dropped = entries.removeFirst();
            ids -= dropped.size;
            floor = dropped.version;
        }
    }

    private static RuntimeException conflict(String what, long version, long readVersion) {
        return Faults.of(Fault.TRANSACTION_CONFLICT, "the transaction read " + what + " at version " + readVersion
                + ", and commit " + version + " changed it since");
    }

    private record Entry(long version, Map<String, ChangedIds> changes, int size) {
    }
}
