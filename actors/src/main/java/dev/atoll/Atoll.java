package dev.atoll;

import dev.atoll.internal.api.ApiAccess;
import dev.atoll.internal.txn.Registry;
import dev.atoll.internal.watch.ChangeFeed;
import dev.atoll.internal.watch.Watchers;

import dev.atoll.internal.txn.Instance;
import dev.atoll.internal.txn.Txn;

import dev.atoll.feed.ChangeEvent;

import dev.atoll.internal.codec.Codecs;
import dev.atoll.internal.store.WriteBatch;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Source;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A handle on a named Atoll instance: the entry point of the API.
 *
 * <p>Every actor opens its own handle ({@link #open} again, or {@link #getInstance}): the first
 * open of a name in an actor system opens the files and starts the instance's store actor; every
 * later open of that name returns a new handle on the same instance. A handle has its own Kryo and
 * buffers, so objects are encoded and decoded in the thread of the actor that uses it; the store
 * actor only ever sees bytes. The instance closes when its last handle closes.
 *
 * <p>Threading: a handle belongs to one actor, and is used by one thread at a time. Using it from a
 * second thread while the first is inside a call fails with {@link IllegalStateException}; an actor
 * that moves between dispatcher threads from message to message is fine.
 *
 * <p>Transactions: reads see one committed snapshot and never wait for writers or the store actor.
 * A write transaction's body runs in the caller's thread, stages bytes, and sends them to the store
 * actor as one batch that is committed wholly or not at all. Write transactions are serializable:
 * the store checks what the body read against the commits that came after its snapshot, and
 * {@link #writeTxnSync} runs a body that conflicted again, so a body must not have effects outside
 * the transaction.
 */
public final class Atoll {
    private static final AtomicLong ACTOR_SEQUENCE = new AtomicLong();

    private final Instance instance;
    private final Codecs codecs;
    private final Map<Class<?>, AtollCollection<?>> collections = new HashMap<>();
    private final AtomicReference<Thread> user = new AtomicReference<>();
    private int depth;
    private Txn txn;
    private volatile boolean closed;

    private Atoll(Instance instance) {
        this.instance = instance;
        this.codecs = instance.newCodecs();
    }

    static {
        ApiAccess.install(new ApiAccess() {
            @Override
            public Atoll unownedHandle(Instance instance) {
                return new Atoll(instance);
            }

            @Override
            public boolean drops(WatchOptions options, int n) {
                return options.drops(n);
            }
        });
    }

    /**
     * Opens the named instance, or a new handle on it when it is open already in this actor system.
     *
     * @param system the actor system the instance lives in
     * @param collections the classes of the collections, annotated with {@code @Entity}
     * @param directory where the instance's file is ({@code <directory>/<name>.atoll})
     * @param name the instance name: 1 to 100 ASCII letters, digits, '-', '_' and '.', not starting with '.'
     * @return a new handle
     * @throws IllegalArgumentException when the name is not such a name (a path, "..", a drive...), before
     *     anything touches the disk
     * @throws SchemaMismatchException when the instance is open with other classes, or classes
     *     whose properties or indexes differ; the message names the collection and the property
     * @throws InstanceLockedException when another process or actor system holds the file
     * @throws InvalidSchemaException when a class cannot be stored; the message says why
     * @throws CorruptFileException when the file is damaged
     */
    public static Atoll open(ActorSystem<?> system, List<Class<?>> collections, Path directory, String name) {
        return new Atoll(Registry.get(system).acquire(collections, directory, name, null));
    }

    /**
     * Opens the named instance with options (encryption, durability, file permissions, object size
     * limit), or a new handle on it when it is open already in this actor system with the same options.
     * The first open of a name decides its options; {@link #open(ActorSystem, List, Path, String)} and
     * {@link #getInstance} join an open instance whatever its options.
     *
     * @throws AtollException when the instance is open with other options (the message says which),
     *     or with {@link ErrorCode#WRONG_KEY} when the file's encryption does not match the key
     * @throws SchemaMismatchException when the instance is open with other classes
     * @throws InstanceLockedException when another process or actor system holds the file
     * @throws CorruptFileException when the file is damaged
     * @see #open(ActorSystem, List, Path, String)
     */
    public static Atoll open(ActorSystem<?> system, List<Class<?>> collections, Path directory, String name,
                             AtollOptions options) {
        java.util.Objects.requireNonNull(options, "options");
        return new Atoll(Registry.get(system).acquire(collections, directory, name, options));
    }

    /** Opens the instance named {@code "default"}; see {@link #open(ActorSystem, List, Path, String)}. */
    public static Atoll open(ActorSystem<?> system, List<Class<?>> collections, Path directory) {
        return open(system, collections, directory, "default");
    }

    /**
     * A new handle on the named instance when it is open in this actor system.
     *
     * @throws IllegalArgumentException when the name breaks the rule of {@link #open(ActorSystem, List, Path, String)}
     */
    public static Optional<Atoll> getInstance(ActorSystem<?> system, String name) {
        return Registry.get(system).acquireExisting(name).map(Atoll::new);
    }

    /**
     * Runs {@code fn(arg)} in a fresh actor on Pekko's blocking dispatcher: the way to move a big
     * transaction (and its encoding) off an actor that must stay responsive. The function typically
     * opens the instance again and writes in {@link #writeTxnSync}.
     *
     * @return a stage completed with the function's result, or failed with what it threw
     */
    public static <A, R> CompletionStage<R> compute(ActorSystem<?> system, Function<A, R> fn, A arg) {
        CompletableFuture<R> result = new CompletableFuture<>();
        system.systemActorOf(Behaviors.<Void>setup(ctx -> {
            try {
                result.complete(fn.apply(arg));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
            return Behaviors.stopped();
        }), "atoll-compute-" + ACTOR_SEQUENCE.incrementAndGet(), DispatcherSelector.blocking());
        return result;
    }

    /**
     * Subscribes an actor to every commit of the named open instance after the latest one, as
     * {@link ChangeEvent}s: every version once, in version order, with no gap. Versions are consecutive;
     * a silent commit (or one that changed nothing) arrives as an event with no changes. Pub-sub carries
     * the events; a gap or a reordering is filled from the store's change log. Should the subscriber fall
     * so far behind that the log no longer holds what it missed, it gets one
     * {@link ChangeEvent.Kind#HISTORY_LOST} event instead of those versions.
     *
     * <p>The subscription ends with {@link Subscription#cancel()}, when the actor stops, and when the
     * instance closes; then {@link Subscription#isCancelled()} is true, and the actor (unless it stopped)
     * gets a last {@link ChangeEvent.Kind#END} event carrying the last version it was sent.
     *
     * @throws AtollException when no instance of that name is open in this actor system
     * @throws IllegalArgumentException when the name is not an instance name
     */
    public static Subscription changes(ActorSystem<?> system, String name, ActorRef<ChangeEvent> subscriber) {
        return Watchers.changes(openInstance(system, name), subscriber, -1);
    }

    /**
     * {@link #changes(ActorSystem, String, ActorRef)}, starting after version {@code fromVersion}: the
     * commits after it are read from the change log first (also those of an earlier run of the process),
     * then the subscription goes on live. The actor gets the replay as fast as the log is read (an actor
     * has no backpressure: use {@link #changeSource(ActorSystem, String, long)} for that). If the log no
     * longer reaches back to {@code fromVersion + 1}, the first event is {@link ChangeEvent.Kind#HISTORY_LOST}.
     *
     * @param fromVersion the version the subscriber has (read with {@link #version()}, or the last version it
     *     handled); 0 for the whole log
     * @throws IllegalArgumentException when {@code fromVersion} is negative or beyond the newest commit
     * @throws AtollException when no instance of that name is open in this actor system
     */
    public static Subscription changes(ActorSystem<?> system, String name, long fromVersion,
                                       ActorRef<ChangeEvent> subscriber) {
        Instance instance = openInstance(system, name);
        checkFrom(instance, fromVersion);
        return Watchers.changes(instance, subscriber, fromVersion);
    }

    /**
     * The change feed of the named instance as a Pekko Streams source, live: the commits after the one
     * that is the latest when the stream is materialized. See {@link #changeSource(ActorSystem, String, long)}.
     *
     * @throws AtollException when no instance of that name is open in this actor system
     */
    public static Source<ChangeEvent, Subscription> changeSource(ActorSystem<?> system, String name) {
        Instance instance = openInstance(system, name);
        return ChangeFeed.source(instance, system, -1);
    }

    /**
     * The change feed of the named instance as a Pekko Streams source that starts after version
     * {@code fromVersion}, replays the change log from there (also the commits of an earlier run of the
     * process, as far as the log's retention reaches), then goes on live; every version once, in order.
     *
     * <p>It reads the log only as fast as the downstream pulls, a few hundred events at a time, so a slow
     * downstream slows its own replay and never fails the stream. A downstream that falls behind the log's
     * retention ({@code atoll.change-log.*}) gets one {@link ChangeEvent.Kind#HISTORY_LOST} event, whose
     * version is the last one lost, and the stream goes on from the oldest version the log still holds: the
     * consumer re-reads what it follows. The stream completes when the instance closes (after the commits
     * made before the close) and when the materialized {@link Subscription} is cancelled; its
     * {@link Subscription#isCancelled()} is true once the stream ended, whatever ended it.
     *
     * @param fromVersion the version the consumer has (read with {@link #version()}, or the last version it
     *     handled): the first event is {@code fromVersion + 1}; 0 for the whole log
     * @throws IllegalArgumentException when {@code fromVersion} is negative or beyond the newest commit
     * @throws AtollException when no instance of that name is open in this actor system
     */
    public static Source<ChangeEvent, Subscription> changeSource(ActorSystem<?> system, String name,
                                                                 long fromVersion) {
        Instance instance = openInstance(system, name);
        checkFrom(instance, fromVersion);
        return ChangeFeed.source(instance, system, fromVersion);
    }

    /**
     * No longer supported: the source is backpressured and has no buffer to size. This overload stays only
     * so that a call with an {@code int} (an old buffer size, or a version written as an {@code int}
     * literal) is not silently taken as a version to replay from.
     *
     * @throws IllegalArgumentException always: pass a {@code long} version ({@code 100L}) to replay from it,
     *     or call {@link #changeSource(ActorSystem, String)}
     * @deprecated use {@link #changeSource(ActorSystem, String)} or {@link #changeSource(ActorSystem, String, long)}
     */
    @Deprecated(since = "0.1.0", forRemoval = true)
    public static Source<ChangeEvent, Subscription> changeSource(ActorSystem<?> system, String name,
                                                                 int bufferSizeOrVersion) {
        throw new IllegalArgumentException("changeSource(system, name, int " + bufferSizeOrVersion + "): the source"
                + " is backpressured and takes no buffer size; to replay after a version pass a long ("
                + bufferSizeOrVersion + "L), for a live feed call changeSource(system, name)");
    }

    private static Instance openInstance(ActorSystem<?> system, String name) {
        return Registry.get(system).peek(name)
                .orElseThrow(() -> new AtollException("no instance '" + name + "' is open in actor system "
                        + system.name()));
    }

    private static void checkFrom(Instance instance, long fromVersion) {
        long newest = instance.core.readableVersion();
        if (fromVersion < 0 || fromVersion > newest) {
            throw new IllegalArgumentException("fromVersion " + fromVersion + " of instance '" + instance.name
                    + "' is not a version it had: it must be 0 to its newest version, " + newest);
        }
    }

    /**
     * The commit version this handle reads: inside a transaction, the version of its snapshot (the state
     * its reads see); outside, the newest committed version. Read a state and its version in one
     * {@link #txnSync}, then follow the changes from exactly there with
     * {@link #changeSource(ActorSystem, String, long)} or {@link #changes(ActorSystem, String, long, ActorRef)}.
     *
     * @throws InstanceClosedException when this handle is closed
     */
    public long version() {
        enter();
        try {
            checkOpen();
            Txn t = txn;
            return t != null ? t.snapshot.version() : instance.core.readableVersion();
        } finally {
            exit();
        }
    }

    /** The instance name. */
    public String name() {
        return instance.name;
    }

    /** The directory of the instance's file. */
    public Path directory() {
        return instance.directory;
    }

    /** Whether this handle is closed. */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Closes this handle. The instance closes when its last handle closes.
     *
     * @return whether the instance closed
     * @throws IllegalStateException inside a transaction
     */
    public boolean close() {
        return close(false);
    }

    /**
     * Closes this handle, and deletes the instance's file if the instance closes with it.
     *
     * @return whether the instance closed (and, with {@code deleteFromDisk}, its file was deleted)
     * @throws IllegalStateException inside a transaction
     */
    public boolean close(boolean deleteFromDisk) {
        enter();
        try {
            if (closed) {
                return false;
            }
            if (txn != null) {
                throw new IllegalStateException("close() inside a transaction of instance '" + name() + "'");
            }
            closed = true;
            return Registry.get(instance.system).release(instance, deleteFromDisk);
        } finally {
            exit();
        }
    }

    /**
     * The collection of a class given to {@code open}.
     *
     * @throws AtollException when the class is not a collection of this instance (the message names it)
     */
    @SuppressWarnings("unchecked")
    public <T> AtollCollection<T> collection(Class<T> type) {
        enter();
        try {
            checkOpen();
            return (AtollCollection<T>) collections.computeIfAbsent(type,
                    t -> new AtollCollection<>(this, codecs.codec(type)));
        } finally {
            exit();
        }
    }

    /**
     * Runs a write transaction and waits for its commit; returns what the body returns.
     *
     * <p>Everything the body writes is committed as one atomic, durable batch, or not at all. If the
     * body throws, nothing is written and the exception propagates. If the body read data that
     * another transaction changed before this one committed, the body runs again on a fresh
     * snapshot (at most {@code atoll.max-transaction-attempts} times).
     *
     * @throws IllegalStateException inside another transaction of this handle (they do not nest)
     * @throws UniqueViolationException when the commit would break a unique index
     * @throws InstanceClosedException when the handle is closed
     */
    public <R> R writeTxnSync(Supplier<R> body) {
        return writeTxnSync(body, false);
    }

    /** Runs a write transaction with no result; see {@link #writeTxnSync(Supplier)}. */
    public void writeTxnSync(Runnable body) {
        writeTxnSync(() -> {
            body.run();
            return null;
        }, false);
    }

    /**
     * Runs a write transaction whose commit fires no watcher (Isar's {@code silent}); see
     * {@link #writeTxnSync(Supplier)}.
     */
    public <R> R writeTxnSync(Supplier<R> body, boolean silent) {
        enter();
        try {
            checkOpen();
            checkNoTxn();
            for (int attempt = 1; ; attempt++) {
                R result;
                WriteBatch batch;
                try (Txn t = Txn.write(instance.snapshot())) {
                    txn = t;
                    try {
                        result = body.get();
                    } finally {
                        txn = null;
                    }
                    if (!t.hasWrites()) {
                        return result;
                    }
                    batch = t.toBatch(silent);
                }
                try {
                    instance.commit(batch);
                    return result;
                } catch (TransactionConflictException e) {
                    if (attempt >= instance.maxAttempts) {
                        throw new TransactionConflictException("write transaction on instance '" + name()
                                + "' conflicted " + attempt + " times: " + e.getMessage(), e);
                    }
                    instance.awaitVersionAfter(batch.readVersion());
                }
            }
        } finally {
            exit();
        }
    }

    /**
     * Runs a write transaction's body now, in this thread, and returns a stage that completes with
     * the body's result once the store has committed it. The stage fails with what the body threw
     * (then nothing is written) or what the commit failed with; a body that read data another
     * transaction changed fails it with {@link TransactionConflictException}. Unlike
     * {@link #writeTxnSync}, the body is not run again: the stage completes on another thread, where
     * this handle must not be used.
     *
     * @throws IllegalStateException inside another transaction of this handle
     */
    public <R> CompletionStage<R> writeTxn(Supplier<R> body) {
        return writeTxn(body, false);
    }

    /**
     * Runs a write transaction asynchronously whose commit fires no watcher (Isar's {@code silent});
     * see {@link #writeTxn(Supplier)}.
     *
     * @throws IllegalStateException inside another transaction of this handle
     */
    public <R> CompletionStage<R> writeTxn(Supplier<R> body, boolean silent) {
        enter();
        try {
            checkOpen();
            checkNoTxn();
            R result;
            WriteBatch batch;
            try (Txn t = Txn.write(instance.snapshot())) {
                txn = t;
                try {
                    result = body.get();
                } catch (RuntimeException e) {
                    return CompletableFuture.failedFuture(e);
                } finally {
                    txn = null;
                }
                if (!t.hasWrites()) {
                    return CompletableFuture.completedFuture(result);
                }
                batch = t.toBatch(silent);
            }
            // The commit completes on the store's side; the caller's continuations run on the actor system's
            // default dispatcher, never on the store's thread.
            return instance.commitAsync(batch).handleAsync((version, failure) -> {
                if (failure != null) {
                    Throwable cause = failure instanceof java.util.concurrent.CompletionException
                            && failure.getCause() != null ? failure.getCause() : failure;
                    if (cause instanceof RuntimeException re) {
                        throw re;
                    }
                    throw new AtollException("write transaction on instance '" + name() + "' failed: " + cause,
                            cause);
                }
                return result;
            }, instance.system.executionContext());
        } finally {
            exit();
        }
    }

    /** Runs a write transaction with no result asynchronously; see {@link #writeTxn(Supplier)}. */
    public CompletionStage<Void> writeTxn(Runnable body) {
        return writeTxn(() -> {
            body.run();
            return null;
        });
    }

    /**
     * Runs a read transaction: every read of the body sees the same committed snapshot.
     *
     * @throws IllegalStateException inside another transaction of this handle
     */
    public <R> R txnSync(Supplier<R> body) {
        enter();
        try {
            checkOpen();
            checkNoTxn();
            try (Txn t = Txn.read(instance.snapshot())) {
                txn = t;
                try {
                    return body.get();
                } finally {
                    txn = null;
                }
            }
        } finally {
            exit();
        }
    }

    /** Runs a read transaction with no result; see {@link #txnSync(Supplier)}. */
    public void txnSync(Runnable body) {
        txnSync(() -> {
            body.run();
            return null;
        });
    }

    Instance instance() {
        return instance;
    }

    /** The current write transaction, or an exception that names the operation. */
    Txn writeTxnFor(String operation, String collection) {
        checkOpen();
        if (txn == null || !txn.write) {
            throw new IllegalStateException(operation + " on collection '" + collection
                    + "' outside a write transaction: run it inside writeTxnSync or writeTxn");
        }
        return txn;
    }

    /** Whether a transaction of this handle is running (in the calling thread, which owns the handle). */
    boolean inTxn() {
        return txn != null;
    }

    /** Runs a read in the current transaction, or in a read transaction of its own. */
    <R> R read(Function<Txn, R> reader) {
        checkOpen();
        try {
            if (txn != null) {
                return reader.apply(txn);
            }
            try (Txn t = Txn.read(instance.snapshot())) {
                return reader.apply(t);
            }
        } catch (RuntimeException e) {
            // Pages of a damaged file fail to parse inside MVStore: a CorruptFileException, not MVStore's own
            throw dev.atoll.internal.store.StoreErrors.isDamage(e) ? dev.atoll.internal.store.StoreErrors.damage(instance.name, e) : e;
        }
    }

    /** Marks the start of a call by the current thread; fails if another thread is inside one. */
    void enter() {
        Thread me = Thread.currentThread();
        Thread current = user.get();
        if (current == me) {
            depth++;
            return;
        }
        if (!user.compareAndSet(null, me)) {
            throw new IllegalStateException("this handle of instance '" + instance.name + "' is in use by thread '"
                    + user.get().getName() + "' while thread '" + me.getName() + "' calls it; a handle belongs"
                    + " to one actor: give each actor its own (Atoll.open or Atoll.getInstance)");
        }
        depth = 1;
    }

    void exit() {
        if (--depth == 0) {
            user.set(null);
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new InstanceClosedException("this handle of instance '" + instance.name + "' is closed");
        }
    }

    private void checkNoTxn() {
        if (txn != null) {
            throw new IllegalStateException("a transaction of instance '" + instance.name
                    + "' is already running on this handle; transactions do not nest");
        }
    }

    @Override
    public String toString() {
        return "Atoll[" + instance.name + " in " + instance.directory + (closed ? ", closed]" : "]");
    }
}
