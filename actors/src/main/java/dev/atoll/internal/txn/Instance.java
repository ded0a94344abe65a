package dev.atoll.internal.txn;

import dev.atoll.internal.store.StoreErrors;

import dev.atoll.AtollCollection;
import dev.atoll.CorruptFileException;
import dev.atoll.ErrorCode;
import dev.atoll.TransactionConflictException;
import dev.atoll.UniqueViolationException;

import dev.atoll.AtollException;
import dev.atoll.AtollOptions;
import dev.atoll.InstanceClosedException;

import dev.atoll.feed.ChangeEvent;

import dev.atoll.schema.CollectionSchema;
import dev.atoll.internal.codec.Codecs;
import dev.atoll.internal.codec.SchemaLayout;
import dev.atoll.internal.store.Snapshot;
import dev.atoll.internal.store.StoreActor;
import dev.atoll.internal.store.StoreCore;
import dev.atoll.internal.store.StoreOptions;
import dev.atoll.internal.store.WriteBatch;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.pubsub.Topic;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Internal: one open instance, shared by all of its handles in one actor system. Holds the store
 * (read side), the store actor and the change topic, the schemas, and the id counters. Holds no
 * Kryo and no user object: those live in the handles.
 */
public final class Instance {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    public final ActorSystem<?> system;
    public final String name;
    public final Path directory;
    public final StoreCore core;
    public final ActorRef<StoreActor.Command> store;
    public final ActorRef<Topic.Command<ChangeEvent>> topic;
    public final List<CollectionSchema> schemas;
    public final Map<String, SchemaLayout> layouts;
    public final Duration commitTimeout;
    public final int maxAttempts;
    /** Where watchers run unless their options name a dispatcher: a configuration path, or null for Pekko's default. */
    public final String watcherDispatcher;
    /**
     * How many watchers and {@link Atoll#changes} subscriptions listen to the topic; the store actor
     * publishes nothing while none does (an event nobody hears would be logged as a dead letter).
     */
    public final java.util.concurrent.atomic.AtomicInteger listeners;
    /** The options the instance was opened with; set once, before the instance is shared. */
    public AtollOptions options = AtollOptions.defaults();
    private final Map<String, AtomicLong> lastIds = new HashMap<>();
    /** Commits sent and not yet answered; failed at once when the store closes without answering them. */
    private final java.util.Set<CompletableFuture<Long>> inFlight = ConcurrentHashMap.newKeySet();
    public int handles;

    private Instance(ActorSystem<?> system, String name, Path directory, StoreCore core,
                     ActorRef<StoreActor.Command> store, ActorRef<Topic.Command<ChangeEvent>> topic,
                     List<CollectionSchema> schemas, Map<String, SchemaLayout> layouts, Settings settings,
                     java.util.concurrent.atomic.AtomicInteger listeners) {
        this.listeners = listeners;
        this.system = system;
        this.name = name;
        this.directory = directory;
        this.core = core;
        this.store = store;
        this.topic = topic;
        this.schemas = List.copyOf(schemas);
        this.layouts = Map.copyOf(layouts);
        this.commitTimeout = settings.commitTimeout();
        this.maxAttempts = settings.maxAttempts();
        this.watcherDispatcher = settings.watcherDispatcher();
        for (CollectionSchema schema : schemas) {
            lastIds.put(schema.name(), new AtomicLong(core.lastId(schema.name())));
        }
        core.whenClosed().thenRun(this::failInFlight);
    }

    /**
     * Opens the file, migrates the stored collections to the given schemas, and starts the store
     * actor. Runs in the opening thread, before any other handle can reach the instance.
     *
     * @throws AtollException with {@link ErrorCode#INVALID_SETTING} when an {@code atoll.*} setting is bad
     *     (checked before the file is touched)
     */
    public static Instance open(ActorSystem<?> system, List<CollectionSchema> schemas, Path directory, String name,
                         AtollOptions atollOptions) {
        Settings settings = Settings.of(system.settings().config());
        StoreOptions.Durability durability = atollOptions.durability()
                .map(d -> d == AtollOptions.Durability.SYNC ? StoreOptions.Durability.SYNC
                        : StoreOptions.Durability.WRITE)
                .orElse(settings.durability());
        char[] key = atollOptions.encryptionKey();
        int cacheSizeMb = settings.cacheSizeMb();
        StoreOptions options = new StoreOptions(durability, cacheSizeMb, key, atollOptions.filePermissions(), "",
                settings.compactionFillRate());
        if (key != null) {
            java.util.Arrays.fill(key, '\0');
        }
        StoreCore core = StoreCore.open(directory, name, options);
        core.setLogRetention(settings.logRetention());
        try {
            Map<String, SchemaLayout> layouts = Migration.migrate(core, schemas);
            String actorName = "atoll-store-" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "-" + SEQUENCE.incrementAndGet();
            java.util.concurrent.atomic.AtomicInteger listeners = new java.util.concurrent.atomic.AtomicInteger();
            ActorRef<StoreActor.Command> store = system.systemActorOf(StoreActor.create(core,
                            () -> listeners.get() > 0),
                    actorName, DispatcherSelector.fromConfig(StoreActor.DISPATCHER));
            ActorRef<Topic.Command<ChangeEvent>> topic = await(AskPattern.ask(store, StoreActor.GetTopic::new,
                    Duration.ofSeconds(10), system.scheduler()), Duration.ofSeconds(10), name);
            Instance instance = new Instance(system, name, directory, core, store, topic, schemas, layouts, settings,
                    listeners);
            instance.options = atollOptions;
            return instance;
        } catch (RuntimeException e) {
            try {
                core.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw StoreErrors.isDamage(e) ? StoreErrors.damage(name, e) : e;
        }
    }

    /** A new Kryo and codecs for one handle. */
    public Codecs newCodecs() {
        return Codecs.create(schemas, layouts);
    }

    /** The latest committed snapshot; the caller closes it. */
    public Snapshot snapshot() {
        return core.snapshot();
    }

    /**
     * The next auto-increment id of a collection.
     *
     * @throws AtollException when the collection holds (or held) the id {@link Long#MAX_VALUE}, which only a
     *     file written before ids given by hand were limited to {@link AtollCollection#MAX_ID} can
     */
    public long nextId(String collection) {
        AtomicLong last = lastIds.get(collection);
        while (true) {
            long current = last.get();
            if (current == Long.MAX_VALUE) {
                throw new AtollException("collection '" + collection + "' has no auto-increment id left: it held the"
                        + " id " + Long.MAX_VALUE + "; give ids by hand (up to " + AtollCollection.MAX_ID + ")");
            }
            if (last.compareAndSet(current, current + 1)) {
                return current + 1;
            }
        }
    }

    /** Notes an id given by hand, so that auto-increment never hands it out. */
    public void observeId(String collection, long id) {
        lastIds.get(collection).accumulateAndGet(id, Math::max);
    }

    /**
     * Sends a batch to the store actor. The stage fails with {@link InstanceClosedException} as soon as
     * the store closes without having answered (the actor system terminating, say), rather than after
     * the commit timeout: the store answers every batch it took before it closes, so an unanswered
     * batch was not committed.
     */
    public CompletionStage<Long> commitAsync(WriteBatch batch) {
        if (core.isClosed()) {
            return CompletableFuture.failedFuture(closedBeforeAnswer());
        }
        CompletableFuture<Long> result = new CompletableFuture<>();
        inFlight.add(result);
        result.whenComplete((version, failure) -> inFlight.remove(result));
        CompletionStage<Long> reply;
        try {
            reply = AskPattern.askWithStatus(store, (ActorRef<org.apache.pekko.pattern.StatusReply<Long>> replyTo)
                    -> new StoreActor.Commit(batch, replyTo), commitTimeout, system.scheduler());
        } catch (RuntimeException e) {
            // the scheduler of a terminated actor system refuses the ask's timeout
            result.completeExceptionally(systemStopping() ? closedBeforeAnswer() : e);
            return result;
        }
        // On the thread that delivers the reply, not "asynchronously": the ask's stage runs a plain
        // whenComplete on CompletableFuture's default executor, which on a machine with 2 cores has no
        // common pool and starts a new thread per task (one per commit, about half of a durable commit's
        // time here). What runs here is only the completion of the caller's future; Atoll.writeTxn moves
        // the user's own continuations off this thread.
        reply.whenCompleteAsync((version, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                result.complete(version);
            }
        }, Runnable::run);
        if (core.isClosed()) {
            failInFlight(); // the store closed while the batch was on its way
        }
        return result;
    }

    private void failInFlight() {
        for (CompletableFuture<Long> pending : List.copyOf(inFlight)) {
            pending.completeExceptionally(closedBeforeAnswer());
        }
    }

    /** Why a commit was not answered: the instance closed, because its actor system is terminating or not. */
    private InstanceClosedException closedBeforeAnswer() {
        if (systemStopping()) {
            return new InstanceClosedException("instance '" + name + "' closed because the actor system '"
                    + system.name() + "' is terminating; the write was not committed");
        }
        return new InstanceClosedException("instance '" + name + "' closed before it answered; the write was"
                + " not committed");
    }

    /** Sends a batch to the store actor and waits for its commit. */
    public long commit(WriteBatch batch) {
        return await(commitAsync(batch), commitTimeout.plusSeconds(1), name);
    }

    /** Waits (briefly) until a commit after {@code version} is visible, so that a retry reads it. */
    public void awaitVersionAfter(long version) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (core.committedVersion() <= version && System.nanoTime() < deadline) {
            LockSupport.parkNanos(20_000);
        }
    }

    /** Stops the store actor (which commits what is pending and closes the file) and waits for it. */
    public void shutdown(boolean deleteFiles) {
        if (systemStopping()) {
            // The store actor stops with the actor system (after the user's actors) and closes the file
            // in its PostStop. A tell reaches it if it still runs; an ask could reach a stopped actor and
            // wait for the whole commit timeout (what an actor closing its handle in PostStop ran into).
            store.tell(new StoreActor.Close(system.ignoreRef()));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (!core.isClosed() && System.nanoTime() < deadline) {
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        } else {
            try {
                await(AskPattern.ask(store, StoreActor.Close::new, commitTimeout, system.scheduler()),
                        commitTimeout.plusSeconds(1), name);
            } catch (RuntimeException e) {
                core.close();
            }
        }
        if (!core.isClosed()) {
            core.close();
        }
        if (deleteFiles) {
            try {
                Files.deleteIfExists(core.file());
            } catch (java.io.IOException e) {
                throw new AtollException(ErrorCode.IO_ERROR, "instance '" + name + "' closed, but deleting "
                        + core.file() + " failed: " + e, e);
            }
        }
    }

    private boolean systemStopping() {
        return system.getWhenTerminated().toCompletableFuture().isDone()
                || org.apache.pekko.actor.CoordinatedShutdown.get(system.classicSystem()).getShutdownReason().isPresent();
    }

    /** The schema of a collection, by name. */
    public Optional<CollectionSchema> schema(String collection) {
        return schemas.stream().filter(s -> s.name().equals(collection)).findFirst();
    }

    public static <T> T await(CompletionStage<T> stage, Duration timeout, String instance) {
        try {
            return stage.toCompletableFuture().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AtollException("interrupted while waiting for instance '" + instance + "'", e);
        } catch (TimeoutException e) {
            throw new AtollException("instance '" + instance + "' did not answer within " + timeout, e);
        } catch (ExecutionException | CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof AtollException a) {
                throw rethrowHere(a);
            }
            if (cause instanceof java.util.concurrent.TimeoutException) {
                throw new AtollException("instance '" + instance + "' did not answer within " + timeout, cause);
            }
            throw new AtollException("instance '" + instance + "': " + cause, cause);
        }
    }

    /** The same exception type, thrown from here, with the store's exception as its cause. */
    private static AtollException rethrowHere(AtollException a) {
        if (a instanceof UniqueViolationException) {
            return new UniqueViolationException(a.getMessage(), a);
        } else if (a instanceof TransactionConflictException) {
            return new TransactionConflictException(a.getMessage(), a);
        } else if (a instanceof InstanceClosedException) {
            return new InstanceClosedException(a.getMessage(), a);
        } else if (a instanceof CorruptFileException) {
            return new CorruptFileException(a.getMessage(), a);
        }
        return new AtollException(a.code(), a.getMessage(), a);
    }
}
