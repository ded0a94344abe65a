package dev.atoll.internal.watch;

import dev.atoll.AtollCollection;
import dev.atoll.feed.ChangeEvent;
import dev.atoll.internal.query.QuerySpec;
import dev.atoll.internal.store.Snapshot;
import dev.atoll.internal.txn.Instance;

import java.util.List;

/**
 * What a query watcher needs of the public {@code Query} it watches, given by the query itself so that
 * the watcher machinery never reaches into the public class.
 *
 * @param <T> the class of the collection
 */
public interface WatchedQuery<T> {

    /** The instance the query's handle is open on. */
    Instance instance();

    /** The query's checked form. */
    QuerySpec<T> spec();

    /** The same query on the same collection seen through another handle (the watcher's own). */
    WatchedQuery<T> rebind(AtollCollection<T> other);

    /** Runs the query on a snapshot the caller keeps and closes, in the calling thread. */
    List<T> findAllAt(Snapshot snapshot);

    /** Counts the query's results on a snapshot, as {@link #findAllAt} runs it. */
    long countAt(Snapshot snapshot);

    /** Whether a commit can change the results: it touched the collection. */
    boolean affectedBy(ChangeEvent event);
}
