package dev.atoll;

import dev.atoll.internal.query.QuerySpec;
import dev.atoll.internal.store.Snapshot;
import dev.atoll.internal.txn.Instance;
import dev.atoll.internal.watch.WatchedQuery;

import dev.atoll.internal.query.Bound;
import dev.atoll.internal.query.SortKey;

import dev.atoll.internal.json.Json;
import dev.atoll.internal.query.QueryRunner;
import dev.atoll.internal.query.Values;
import dev.atoll.internal.watch.Watchers;

import dev.atoll.internal.query.PropertyPath;
import dev.atoll.internal.txn.Txn;

import dev.atoll.feed.ChangeEvent;

import dev.atoll.meta.Condition;
import dev.atoll.meta.IndexCondition;
import dev.atoll.meta.Property;
import dev.atoll.schema.CollectionSchema;
import dev.atoll.schema.PropertyType;
import dev.atoll.internal.codec.CollectionCodec;

import java.io.OutputStream;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A query on one collection, built step by step from {@link AtollCollection#query()}: index-driven
 * {@link #where} clauses (ORed), {@link #filter}s on any property (ANDed), {@link #sortBy}/{@link #thenBy},
 * {@link #distinctBy}, {@link #offset} and {@link #limit}; then run with {@link #findAll()},
 * {@link #findFirst()}, {@link #count()}, {@link #isEmpty()}, {@link #deleteAll()}, {@link #deleteFirst()},
 * {@link #exportJson()}, or a {@link #property} query.
 *
 * <p>Immutable: every step returns a new query, and checks what it adds against the collection, so
 * that a bad query fails while it is built, with an {@link IllegalArgumentException} that names the
 * problem (an unknown property, a value of the wrong type, a where clause on a property without an
 * index). A built query can be run any number of times.
 *
 * <p>Execution, as in Isar: where, filter, sort, distinct, offset and limit. The where clauses read only
 * the index entries in their ranges (no where clause: every object, in id order); each object found is
 * decoded, in the calling thread, only when a filter, a sort, a distinct or the result needs it. A sort
 * that the index already gives (the where clause's index, or with no where clause, an index whose
 * properties are exactly the sort keys, ascending) is not done again, and then a limit stops the reading
 * early. Without a sort, results come in the order of the where clause's index when the query has
 * exactly one where clause and it reads one range of an index that is neither multi-entry nor hashed;
 * else (several where clauses, even empty ones, or no where clause) in id order. Ties of a sort are
 * broken by id.
 *
 * <p>Transactions: a query reads one snapshot: its transaction's, or a fresh read snapshot. Inside a
 * write transaction it sees the transaction's own writes, and counts as a read of the whole collection
 * (a commit to the collection by another transaction in the meantime is a conflict).
 *
 * <p>Threading: like its handle, one thread at a time (the actor that owns the handle).
 *
 * @param <T> the class of the collection
 */
public final class Query<T> {
    final AtollCollection<T> collection;
    final Atoll db;
    final CollectionCodec<T> codec;
    final CollectionSchema schema;
    final List<Where> whereClauses;
    /** The checked form that {@link QueryRunner} plans and runs (it also keeps the last run's diagnostics). */
    final QuerySpec<T> spec;

    Query(AtollCollection<T> collection, Atoll db, CollectionCodec<T> codec) {
        this(collection, db, codec, List.of(), QuerySpec.of(codec));
    }

    private Query(AtollCollection<T> collection, Atoll db, CollectionCodec<T> codec, List<Where> whereClauses,
                  QuerySpec<T> spec) {
        this.collection = collection;
        this.db = db;
        this.codec = codec;
        this.schema = codec.schema();
        this.whereClauses = whereClauses;
        this.spec = spec;
    }

    private Query<T> with(List<Where> whereClauses, QuerySpec<T> spec) {
        return new Query<>(collection, db, codec, whereClauses, spec);
    }

    private Query<T> with(QuerySpec<T> spec) {
        return with(whereClauses, spec);
    }

    /**
     * Adds an index-driven clause; several are ORed.
     *
     * @throws IllegalArgumentException when the clause names no index (nor the id), or a value does not fit
     */
    public Query<T> where(Where clause) {
        Objects.requireNonNull(clause, "clause");
        Bound bound = clause.bind(schema, codec);
        List<Where> clauses = new ArrayList<>(whereClauses);
        clauses.add(clause);
        return with(List.copyOf(clauses), spec.withWhere(bound));
    }

    /**
     * Adds a filter; several are ANDed.
     *
     * @throws IllegalArgumentException for an unknown property or a value of the wrong type
     */
    public Query<T> filter(Filter filter) {
        Objects.requireNonNull(filter, "filter");
        return with(spec.withFilter(filter, filter.bind(schema)));
    }

    /**
     * Adds a typed index-driven clause: {@code where(condition.where())}, the same query as the string form.
     *
     * @throws IllegalArgumentException when the property leads no index (nor is the id) that serves the clause
     */
    public Query<T> where(IndexCondition<T> condition) {
        return where(condition.where());
    }

    /** Adds a typed filter: {@code filter(condition.filter())}, the same query as the string form. */
    public Query<T> filter(Condition<T> condition) {
        return filter(condition.filter());
    }

    /** Sorts by a typed property, ascending: {@code sortBy(property.path())}. */
    public Query<T> sortBy(Property<T, ?> property) {
        return sortBy(property.path());
    }

    /** Sorts by a typed property: {@code sortBy(property.path(), direction)}. */
    public Query<T> sortBy(Property<T, ?> property, Sort direction) {
        return sortBy(property.path(), direction);
    }

    /** Adds an ascending typed sort key: {@code thenBy(property.path())}. */
    public Query<T> thenBy(Property<T, ?> property) {
        return thenBy(property.path());
    }

    /** Adds a typed sort key: {@code thenBy(property.path(), direction)}. */
    public Query<T> thenBy(Property<T, ?> property, Sort direction) {
        return thenBy(property.path(), direction);
    }

    /** {@link #distinctBy(String...)} with typed properties. */
    @SafeVarargs
    public final Query<T> distinctBy(Property<T, ?>... properties) {
        String[] paths = new String[properties.length];
        for (int i = 0; i < properties.length; i++) {
            paths[i] = properties[i].path();
        }
        return distinctBy(paths);
    }

    /**
     * A typed query on the values of one property: {@code property(Message_.priority).average()} is a
     * double, {@code property(Message_.title).max()} a String. See {@link #property(String)}.
     */
    public <V> PropertyQuery<V> property(Property<T, V> property) {
        return property(property.path());
    }

    /** Sorts by a property, ascending, replacing any earlier sort; see {@link #sortBy(String, Sort)}. */
    public Query<T> sortBy(String property) {
        return sortBy(property, Sort.ASC);
    }

    /**
     * Sorts by a property (a path such as "author.name" works too), replacing any earlier sort.
     *
     * @throws IllegalArgumentException for an unknown property, or one that holds a List or an embedded object
     */
    public Query<T> sortBy(String property, Sort direction) {
        return with(spec.withSorts(List.of(sortKey(property, direction))));
    }

    /** Adds an ascending sort key after the earlier ones; see {@link #thenBy(String, Sort)}. */
    public Query<T> thenBy(String property) {
        return thenBy(property, Sort.ASC);
    }

    /**
     * Adds a sort key that orders the objects the earlier keys find equal.
     *
     * @throws IllegalStateException when no {@link #sortBy} came first
     * @throws IllegalArgumentException as {@link #sortBy(String, Sort)}
     */
    public Query<T> thenBy(String property, Sort direction) {
        if (spec.sorts.isEmpty()) {
            throw new IllegalStateException("thenBy(\"" + property + "\") needs a sortBy first");
        }
        return with(spec.thenSort(sortKey(property, direction)));
    }

    private SortKey sortKey(String property, Sort direction) {
        Objects.requireNonNull(direction, "direction");
        return new SortKey(scalarPath(property, "sortBy"), direction);
    }

    private PropertyPath scalarPath(String property, String what) {
        PropertyPath p = PropertyPath.resolve(schema, property);
        if (p.throughList || p.leaf.type() == PropertyType.EMBEDDED) {
            throw new IllegalArgumentException(what + "(\"" + property + "\") on collection '" + schema.name()
                    + "': property '" + property + "' is " + (p.throughList ? "inside a List"
                    : Values.describe(p.leaf)) + "; it needs a single value");
        }
        if (p.leaf.type() == PropertyType.LIST && what.equals("sortBy")) {
            throw new IllegalArgumentException(what + "(\"" + property + "\") on collection '" + schema.name()
                    + "': property '" + property + "' is " + Values.describe(p.leaf) + " and cannot be sorted by");
        }
        return p;
    }

    /**
     * Keeps only the first object (after sorting) of each distinct combination of these properties' values.
     * Replaces an earlier distinctBy.
     *
     * @throws IllegalArgumentException for an unknown property, or one inside a List or embedded
     */
    public Query<T> distinctBy(String... properties) {
        List<PropertyPath> paths = new ArrayList<>();
        for (String p : properties) {
            paths.add(scalarPath(p, "distinctBy"));
        }
        return with(spec.withDistinct(List.copyOf(paths)));
    }

    /**
     * Skips the first {@code n} results.
     *
     * @throws IllegalArgumentException when n is negative
     */
    public Query<T> offset(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("offset must not be negative: " + n);
        }
        return with(spec.withOffset(n));
    }

    /**
     * Returns at most {@code n} results.
     *
     * @throws IllegalArgumentException when n is negative
     */
    public Query<T> limit(long n) {
        if (n < 0) {
            throw new IllegalArgumentException("limit must not be negative: " + n);
        }
        return with(spec.withLimit(n));
    }

    /** The objects found, in order. */
    public List<T> findAll() {
        return call(txn -> QueryRunner.objects(spec, txn));
    }

    /** The first object found, or null. */
    public T findFirst() {
        List<T> first = limit(Math.min(spec.limit, 1)).findAll();
        return first.isEmpty() ? null : first.get(0);
    }

    /** The number of objects found (after distinct, offset and limit). */
    public long count() {
        return call(txn -> QueryRunner.count(spec, txn));
    }

    /** Whether the query finds nothing. */
    public boolean isEmpty() {
        return limit(Math.min(spec.limit, 1)).count() == 0;
    }

    /**
     * Deletes the objects found, through the transaction's normal path (unique indexes and watchers stay
     * right).
     *
     * @return how many were deleted
     * @throws IllegalStateException outside a write transaction
     */
    public int deleteAll() {
        db.enter();
        try {
            Txn txn = db.writeTxnFor("query deleteAll", schema.name());
            long[] ids = QueryRunner.ids(spec, txn);
            return collection.deleteAll(ids);
        } finally {
            db.exit();
        }
    }

    /**
     * Deletes the first object found.
     *
     * @return whether there was one
     * @throws IllegalStateException outside a write transaction
     */
    public boolean deleteFirst() {
        return limit(Math.min(spec.limit, 1)).deleteAll() > 0;
    }

    /**
     * The objects found as a JSON array of objects, one member per property (the id under its property
     * name), as {@link AtollCollection#importJson(String)} reads them back. Enums are their constant
     * names, byte arrays Base64 strings, Instants ISO-8601 strings, NaN and infinities the strings
     * "NaN", "Infinity" and "-Infinity". The same text as {@link #exportJson(Writer)}; for a large
     * collection, stream it with {@link #exportJson(OutputStream)} instead of holding it in a String.
     *
     * @throws InstanceClosedException through a closed handle
     */
    public String exportJson() {
        StringWriter out = new StringWriter();
        exportJson(out);
        return out.toString();
    }

    /**
     * Writes the objects found to a byte stream as JSON in UTF-8: the format of {@link #exportJson()},
     * except that characters outside the BMP and lone surrogates are written as backslash-u escapes. The
     * objects are read from one snapshot (the transaction's, inside one) and written one at a time as
     * they are read, so the collection is never held in memory; only a sort that no index gives holds
     * the objects found, as {@link #findAll()} does. The stream is flushed, not closed. When writing
     * fails, the output ends where it failed, without the closing bracket, so that it is not taken for a
     * whole export.
     *
     * @return how many objects were written
     * @throws java.io.UncheckedIOException when the stream fails; the message names the collection and how
     *     many objects were written before
     * @throws NullPointerException for a null stream
     */
    public long exportJson(OutputStream out) {
        Objects.requireNonNull(out, "exportJson of a query on '" + schema.name() + "' to a null OutputStream");
        return call(txn -> export(txn, Json.out(schema, out)));
    }

    /**
     * Writes the objects found to a character stream as JSON: exactly the text of {@link #exportJson()},
     * streamed as {@link #exportJson(OutputStream)} streams it.
     *
     * @return how many objects were written
     * @throws java.io.UncheckedIOException when the stream fails; the message names the collection and how
     *     many objects were written before
     * @throws NullPointerException for a null writer
     */
    public long exportJson(Writer out) {
        Objects.requireNonNull(out, "exportJson of a query on '" + schema.name() + "' to a null Writer");
        return call(txn -> export(txn, Json.out(schema, out)));
    }

    private long export(Txn txn, Json.Out out) {
        QueryRunner.forEach(spec, txn, out::object);
        return out.end();
    }

    /**
     * A query on the values of one property of the objects this query finds, in its order.
     *
     * @param property the property: a path such as "author.name" works too, and an embedded object
     *                 ("author") or a List gives its values for {@code findAll} and {@code count}
     * @throws IllegalArgumentException for an unknown property, or a path that passes through a List
     */
    public <V> PropertyQuery<V> property(String property) {
        PropertyPath p = PropertyPath.resolve(schema, property);
        if (p.throughList) {
            throw new IllegalArgumentException("property(\"" + property + "\") on collection '" + schema.name()
                    + "': property '" + property + "' is inside a List; it needs a single value");
        }
        return new PropertyQuery<>(this, p);
    }

    /** A description of how the query runs: which index ranges it reads, what it filters, how it sorts. */
    public String explain() {
        return QueryRunner.explain(spec);
    }

    private <R> R call(java.util.function.Function<Txn, R> body) {
        db.enter();
        try {
            return db.read(body);
        } finally {
            db.exit();
        }
    }

    // --- Watchers (issue 4: the logic lives in Watchers). ---

    /**
     * Calls back with the results after every commit that changes them: the query runs again on the
     * watcher's side (its own actor, handle and Kryo), only when a commit touched an object that matched
     * before or matches after, and the results are delivered only when they differ from the last ones.
     * A slow callback gets the latest results, not a queue of stale ones. Silent commits fire nothing.
     *
     * <p>Threading: may be called from the handle's thread; the callback runs on the watcher's actor, one
     * call at a time, in commit order.
     *
     * @throws InstanceClosedException when the handle is closed
     */
    public Subscription watch(java.util.function.Consumer<? super List<T>> callback) {
        return watch(WatchOptions.defaults(), callback);
    }

    /** {@link #watch(java.util.function.Consumer)}, with options. */
    public Subscription watch(WatchOptions options, java.util.function.Consumer<? super List<T>> callback) {
        checkWatch(options, callback);
        return Watchers.queryCallback(watched(), options, callback);
    }

    /**
     * Tells an actor {@code adapter.apply(results)} when the results change; ends when the actor stops.
     * The watcher side coalesces re-runs as for a callback, but it cannot know what the target has read, so
     * it tells every change: each message holds the whole results, and a target slower than the commits can
     * hold several in its mailbox (the newest one is the latest results). To get only the latest results,
     * one at a time, use {@link #watchWithAck}: that is the form that conflates.
     */
    public <M> Subscription watch(org.apache.pekko.actor.typed.ActorRef<M> target,
                                  java.util.function.Function<? super List<T>, ? extends M> adapter) {
        return watch(WatchOptions.defaults(), target, adapter);
    }

    /** {@link #watch(org.apache.pekko.actor.typed.ActorRef, java.util.function.Function)}, with options. */
    public <M> Subscription watch(WatchOptions options, org.apache.pekko.actor.typed.ActorRef<M> target,
                                  java.util.function.Function<? super List<T>, ? extends M> adapter) {
        checkWatch(options, target, adapter);
        return Watchers.queryMessage(watched(), options, target, adapter);
    }

    /**
     * Tells an actor the latest results, one delivery at a time, as Pekko's
     * {@code ActorSink.actorRefWithBackpressure} does: the message is {@code adapter.apply(results, ackTo)},
     * and the watcher sends nothing more until the target tells {@code ackTo} a {@link WatchAck#INSTANCE}.
     * Commits meanwhile are conflated: on the ack, the query runs once more and the target gets the latest
     * results, if they differ from the ones it got. So a slow target never has a queue of stale results
     * in its mailbox. A target that never acks gets nothing more. Ends when the target stops.
     *
     * <p>Threading: may be called from the handle's thread; the adapter runs on the watcher's actor.
     *
     * @throws InstanceClosedException when the handle is closed
     */
    public <M> Subscription watchWithAck(org.apache.pekko.actor.typed.ActorRef<M> target,
            java.util.function.BiFunction<? super List<T>, org.apache.pekko.actor.typed.ActorRef<WatchAck>,
                    ? extends M> adapter) {
        return watchWithAck(WatchOptions.defaults(), target, adapter);
    }

    /** {@link #watchWithAck(org.apache.pekko.actor.typed.ActorRef, java.util.function.BiFunction)}, with options. */
    public <M> Subscription watchWithAck(WatchOptions options, org.apache.pekko.actor.typed.ActorRef<M> target,
            java.util.function.BiFunction<? super List<T>, org.apache.pekko.actor.typed.ActorRef<WatchAck>,
                    ? extends M> adapter) {
        checkWatch(options, target, adapter);
        return Watchers.queryAckMessage(watched(), options, target, adapter);
    }

    /**
     * Calls back with what changed in the results, as Realm's collection notifications do: the new
     * results, with the positions removed from the previous ones, and inserted and modified in the new
     * ones (see {@link QueryChanges}). It fires when {@link #watch(java.util.function.Consumer)} would.
     * The first delivery (at once with {@link WatchOptions#fireImmediately()}, else at the first change)
     * compares with empty results, so that applying every delivery in turn to an empty list gives the
     * latest results. A slow callback gets the changes since its previous delivery, at once.
     *
     * <p>Threading: may be called from the handle's thread; the callback runs on the watcher's actor, one
     * call at a time, in commit order.
     *
     * @throws InstanceClosedException when the handle is closed
     */
    public Subscription watchChanges(java.util.function.Consumer<? super QueryChanges<T>> callback) {
        return watchChanges(WatchOptions.defaults(), callback);
    }

    /** {@link #watchChanges(java.util.function.Consumer)}, with options. */
    public Subscription watchChanges(WatchOptions options,
                                     java.util.function.Consumer<? super QueryChanges<T>> callback) {
        checkWatch(options, callback);
        return Watchers.queryChangesCallback(watched(), options, callback);
    }

    /**
     * Tells an actor {@code adapter.apply(changes)} when the results change: the actor form of
     * {@link #watchChanges(java.util.function.Consumer)}, with the same deliveries. Every delivery is told, in
     * order, none conflated: each one is relative to the one before, so applying each in turn to an empty list
     * gives the latest results (re-runs are coalesced on the watcher's side, so one delivery may cover several
     * commits). Ends when the actor stops, or with {@link WatchOptions#tiedTo} the actor it is tied to.
     *
     * <p>Threading: may be called from the handle's thread; the adapter runs on the watcher's actor.
     *
     * @throws InstanceClosedException when the handle is closed
     */
    public <M> Subscription watchChanges(org.apache.pekko.actor.typed.ActorRef<M> target,
            java.util.function.Function<? super QueryChanges<T>, ? extends M> adapter) {
        return watchChanges(WatchOptions.defaults(), target, adapter);
    }

    /** {@link #watchChanges(org.apache.pekko.actor.typed.ActorRef, java.util.function.Function)}, with options. */
    public <M> Subscription watchChanges(WatchOptions options, org.apache.pekko.actor.typed.ActorRef<M> target,
            java.util.function.Function<? super QueryChanges<T>, ? extends M> adapter) {
        checkWatch(options, target, adapter);
        return Watchers.queryChangesMessage(watched(), options, target, adapter);
    }

    /**
     * Calls back with the number of results ({@link #count()}) when it changes. After each commit that
     * touched the collection the count runs again on the watcher's side; it decodes only what the
     * query's filters need (a query without filters decodes no object), and no result list is built.
     *
     * <p>Threading: may be called from the handle's thread; the callback runs on the watcher's actor, one
     * call at a time, in commit order.
     *
     * @throws InstanceClosedException when the handle is closed
     */
    public Subscription watchCount(java.util.function.LongConsumer callback) {
        return watchCount(WatchOptions.defaults(), callback);
    }

    /** {@link #watchCount(java.util.function.LongConsumer)}, with options. */
    public Subscription watchCount(WatchOptions options, java.util.function.LongConsumer callback) {
        checkWatch(options, callback);
        return Watchers.countCallback(watched(), options, callback);
    }

    /** Tells an actor {@code adapter.apply(count)} when the count changes; ends when the actor stops. */
    public <M> Subscription watchCount(org.apache.pekko.actor.typed.ActorRef<M> target,
                                       java.util.function.LongFunction<? extends M> adapter) {
        return watchCount(WatchOptions.defaults(), target, adapter);
    }

    /** {@link #watchCount(org.apache.pekko.actor.typed.ActorRef, java.util.function.LongFunction)}, with options. */
    public <M> Subscription watchCount(WatchOptions options, org.apache.pekko.actor.typed.ActorRef<M> target,
                                       java.util.function.LongFunction<? extends M> adapter) {
        checkWatch(options, target, adapter);
        return Watchers.countMessage(watched(), options, target, adapter);
    }

    /** Calls back, without the results, when they change; see {@link #watch(java.util.function.Consumer)}. */
    public Subscription watchLazy(Runnable callback) {
        return watchLazy(WatchOptions.defaults(), callback);
    }

    /** {@link #watchLazy(Runnable)}, with options. */
    public Subscription watchLazy(WatchOptions options, Runnable callback) {
        checkWatch(options, callback);
        return Watchers.queryLazyCallback(watched(), options, callback);
    }

    /** Tells an actor a message when the results change; ends when the actor stops. */
    public <M> Subscription watchLazy(org.apache.pekko.actor.typed.ActorRef<M> target, M message) {
        return watchLazy(WatchOptions.defaults(), target, message);
    }

    /** {@link #watchLazy(org.apache.pekko.actor.typed.ActorRef, Object)}, with options. */
    public <M> Subscription watchLazy(WatchOptions options, org.apache.pekko.actor.typed.ActorRef<M> target,
                                      M message) {
        checkWatch(options, target, message);
        return Watchers.queryLazyMessage(watched(), options, target, message);
    }

    private void checkWatch(Object... arguments) {
        for (Object argument : arguments) {
            Objects.requireNonNull(argument, "a watch argument of a query on '" + schema.name() + "' is null");
        }
        if (db.isClosed()) {
            throw new InstanceClosedException("watch of a query on '" + schema.name() + "' through a closed handle"
                    + " of instance '" + db.name() + "'");
        }
    }

    // --- Seams for query watchers (internal). ---

    /**
     * Internal: runs this query on a given snapshot (which the caller keeps and closes), in the calling
     * thread. A watcher re-runs the query this way; it must use a query bound to its own handle (see
     * {@link #rebind}).
     */
    List<T> findAllAt(Snapshot snapshot) {
        return at(snapshot, txn -> QueryRunner.objects(spec, txn));
    }

    /** Internal: {@link #count()} on a given snapshot, as {@link #findAllAt} runs the query. */
    long countAt(Snapshot snapshot) {
        return at(snapshot, txn -> QueryRunner.count(spec, txn));
    }

    /** Runs one read of this query in a read transaction over the snapshot, inside the handle. */
    private <R> R at(Snapshot snapshot, java.util.function.Function<Txn, R> read) {
        Txn txn = Txn.read(snapshot);
        db.enter();
        try {
            return read.apply(txn);
        } finally {
            db.exit();
        }
    }

    /** This query as its watchers see it. */
    WatchedQuery<T> watched() {
        return new WatchedQuery<>() {
            @Override
            public Instance instance() {
                return db.instance();
            }

            @Override
            public QuerySpec<T> spec() {
                return spec;
            }

            @Override
            public WatchedQuery<T> rebind(AtollCollection<T> other) {
                return Query.this.rebind(other).watched();
            }

            @Override
            public List<T> findAllAt(Snapshot snapshot) {
                return Query.this.findAllAt(snapshot);
            }

            @Override
            public long countAt(Snapshot snapshot) {
                return Query.this.countAt(snapshot);
            }

            @Override
            public boolean affectedBy(ChangeEvent event) {
                return event.touches(schema.name());
            }
        };
    }

    /** Internal: the same query on the same collection seen through another handle (another thread's). */
    Query<T> rebind(AtollCollection<T> other) {
        Query<T> q = other.query();
        for (Where w : whereClauses) {
            q = q.where(w);
        }
        for (Filter f : spec.filters) {
            q = q.filter(f);
        }
        return q.with(q.spec.withSorts(spec.sorts).withDistinct(spec.distinct).withOffset(spec.offset)
                .withLimit(spec.limit));
    }

    @Override
    public String toString() {
        return "Query[" + schema.name() + "]" + explain();
    }
}
