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
    /** Channels of files another part of this JVM holds, which {@link #openReadOnlyCopy} must not close. */
    private static final java.util.Set<java.nio.channels.FileChannel> HELD_ELSEWHERE_IN_THIS_JVM =
            java.util.concurrent.ConcurrentHashMap.newKeySet();

    private final Instance instance;
    private final Codecs codecs;
    private final Map<Class<?>, AtollCollection<?>> collections = new HashMap<>();
    private final AtomicReference<Thread> user = new AtomicReference<>();
    private int depth;
    private Txn txn;
    private volatile boolean closed;
    /** The temporary directory of the copy a {@link #openReadOnlyCopy} handle reads, else null. */
    private Path copyDirectory;

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
     * Opens a private copy of an instance's file at rest, for tools that look without writing (the
     * inspector's standalone mode): the file {@code <directory>/<name>.atoll} is copied, under a shared file
     * lock, into a new temporary directory, and the copy is opened as the instance {@code name} of this actor
     * system. Nothing is ever written to the original file or its directory (its bytes and its modification
     * time stay as they were); the returned handle refuses write transactions with an
     * {@link IllegalStateException}, and when it closes the instance, the copy and its directory are deleted.
     *
     * @param collections the classes of the collections, as for {@link #open(ActorSystem, List, Path, String)}
     * @throws InstanceLockedException when a running application (another process, or another actor system of
     *     this JVM) holds the file: the message says to close it or inspect it from the application. Its lock is
     *     left in place; when the holder is in this JVM, one read descriptor of the file stays open for the
     *     JVM's life, since closing it would drop the holder's lock on POSIX systems
     * @throws AtollException when the file does not exist or cannot be copied;
     *     the message names the file
     * @throws IllegalArgumentException when the name is not an instance name
     * @throws SchemaMismatchException, CorruptFileException as {@link #open(ActorSystem, List, Path, String)}
     */
    public static Atoll openReadOnlyCopy(ActorSystem<?> system, List<Class<?>> collections, Path directory,
                                         String name) {
        dev.atoll.internal.store.InstanceNames.check(name);
        Path file = dev.atoll.internal.store.StoreCore.fileOf(directory.toAbsolutePath().normalize(), name);
        if (!java.nio.file.Files.isRegularFile(file)) {
            throw new AtollException("no instance '" + name + "' at rest in " + directory + ": " + file
                    + " does not exist");
        }
        Path copyDir;
        try {
            copyDir = java.nio.file.Files.createTempDirectory("atoll-read-only-");
        } catch (java.io.IOException e) {
            throw new AtollException("cannot create a temporary directory for a copy of " + file + ": "
                    + e.getMessage());
        }
        Path copy = dev.atoll.internal.store.StoreCore.fileOf(copyDir, name);
        java.nio.channels.FileChannel channel = null;
        try {
            channel = java.nio.channels.FileChannel.open(file, java.nio.file.StandardOpenOption.READ);
            java.nio.channels.FileLock lock;
            try {
                lock = channel.tryLock(0, Long.MAX_VALUE, true);
            } catch (java.nio.channels.OverlappingFileLockException sameJvm) {
                // This JVM holds the file. On POSIX systems closing any descriptor of a file drops the process's
                // locks on it, the application's included: this channel is kept open, never closed.
                HELD_ELSEWHERE_IN_THIS_JVM.add(channel);
                channel = null;
                lock = null;
            }
            if (lock == null) {
                throw new InstanceLockedException("instance '" + name + "' in " + directory + " is held by a running"
                        + " application (its file " + file + " is locked): close the application to inspect it at rest,"
                        + " or inspect it from the application (AtollInspector.start); the lock is left alone");
            }
            try {
                // through this channel: a second descriptor of the file, closed, would drop the lock (POSIX)
                try (java.nio.channels.FileChannel out = java.nio.channels.FileChannel.open(copy,
                        java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE)) {
                    long size = channel.size();
                    for (long at = 0; at < size; ) {
                        at += channel.transferTo(at, size - at, out);
                    }
                }
            } finally {
                lock.release();
            }
        } catch (java.io.IOException e) {
            deleteQuietly(copy, copyDir);
            throw new AtollException("cannot copy " + file + " to read it at rest: " + e.getMessage());
        } catch (RuntimeException e) {
            deleteQuietly(copy, copyDir);
            throw e;
        } finally {
            if (channel != null) {
                try {
                    channel.close();
                } catch (java.io.IOException ignored) {
                    // read-only: nothing to lose
                }
            }
        }
        Atoll db;
        try {
            db = open(system, collections, copyDir, name);
        } catch (RuntimeException e) {
            deleteQuietly(copy, copyDir);
            throw e;
        }
        db.copyDirectory = copyDir;
        return db;
    }

    private static void deleteQuietly(Path... paths) {
        for (Path p : paths) {
            try {
                java.nio.file.Files.deleteIfExists(p);
            } catch (java.io.IOException ignored) {
                // a temporary file: the system's cleaning takes it
            }
        }
    }

    /** Whether this handle came from {@link #openReadOnlyCopy} (and so refuses write transactions). */
    public boolean isReadOnly() {
        return copyDirectory != null;
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
     * The names of the instances open in this actor system, in name order: a snapshot, taken now (an
     * instance opened or closed afterwards is not reflected). Tools such as the inspector list them and
     * take a handle on each with {@link #getInstance}.
     *
     * @return the names, sorted; empty when none is open
     */
    public static List<String> openInstanceNames(ActorSystem<?> system) {
        java.util.Objects.requireNonNull(system, "system");
        return List.copyOf(Registry.get(system).names());
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
     * The schemas of this instance's collections, as the classes it was opened with describe them (the
     * collection name, the id property, every stored property with its type, the indexes and their kinds),
     * in the order of those classes. {@link CollectionSchema#type()} is the class to pass to
     * {@link #collection(Class)}.
     *
     * @throws InstanceClosedException when this handle is closed
     */
    public List<dev.atoll.schema.CollectionSchema> schemas() {
        checkOpen();
        return instance.schemas;
    }

    /**
     * The size of the instance's file on disk in bytes, now ({@code <directory>/<name>.atoll}; it holds every
     * collection, and free space that compaction has not yet given back).
     *
     * @throws InstanceClosedException when this handle is closed
     * @throws java.io.UncheckedIOException when the file's size cannot be read (the message names the file)
     */
    public long fileSize() {
        checkOpen();
        Path file = instance.core.file();
        try {
            return java.nio.file.Files.size(file);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot read the size of " + file + ": " + e.getMessage(), e);
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
            boolean closedInstance = Registry.get(instance.system).release(instance,
                    deleteFromDisk || copyDirectory != null);
            if (closedInstance && copyDirectory != null) {
                deleteQuietly(copyDirectory);
            }
            return closedInstance;
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
            checkWritable();
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
            checkWritable();
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

    private void checkWritable() {
        if (copyDirectory != null) {
            throw new IllegalStateException("this handle of instance '" + instance.name + "' reads a copy of a file"
                    + " at rest (openReadOnlyCopy): it does not write");
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
