package dev.atoll;

import dev.atoll.schema.CollectionSchema;
import dev.atoll.serialization.CollectionCodec;
import dev.atoll.serialization.Codecs;
import dev.atoll.serialization.SchemaLayout;
import dev.atoll.store.CollectionDef;
import dev.atoll.store.Records;
import dev.atoll.store.Snapshot;
import dev.atoll.store.StoreActor;
import dev.atoll.store.StoreCore;
import dev.atoll.store.StoreOptions;
import dev.atoll.store.WriteBatch;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.javadsl.AskPattern;
import org.apache.pekko.actor.typed.pubsub.Topic;
import org.h2.mvstore.Cursor;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
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
final class Instance {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    final ActorSystem<?> system;
    final String name;
    final Path directory;
    final StoreCore core;
    final ActorRef<StoreActor.Command> store;
    final ActorRef<Topic.Command<ChangeEvent>> topic;
    final List<CollectionSchema> schemas;
    final Map<String, SchemaLayout> layouts;
    final Duration commitTimeout;
    final int maxAttempts;
    /** The options the instance was opened with; set once, before the instance is shared. */
    AtollOptions options = AtollOptions.defaults();
    private final Map<String, AtomicLong> lastIds = new HashMap<>();
    int handles;

    private Instance(ActorSystem<?> system, String name, Path directory, StoreCore core,
                     ActorRef<StoreActor.Command> store, ActorRef<Topic.Command<ChangeEvent>> topic,
                     List<CollectionSchema> schemas, Map<String, SchemaLayout> layouts) {
        this.system = system;
        this.name = name;
        this.directory = directory;
        this.core = core;
        this.store = store;
        this.topic = topic;
        this.schemas = List.copyOf(schemas);
        this.layouts = Map.copyOf(layouts);
        this.commitTimeout = system.settings().config().getDuration("atoll.commit-timeout");
        this.maxAttempts = system.settings().config().getInt("atoll.max-transaction-attempts");
        for (CollectionSchema schema : schemas) {
            lastIds.put(schema.name(), new AtomicLong(core.lastId(schema.name())));
        }
    }

    /**
     * Opens the file, migrates the stored collections to the given schemas, and starts the store
     * actor. Runs in the opening thread, before any other handle can reach the instance.
     */
    static Instance open(ActorSystem<?> system, List<CollectionSchema> schemas, Path directory, String name,
                         AtollOptions atollOptions) {
        StoreOptions.Durability durability = atollOptions.durability()
                .map(d -> d == AtollOptions.Durability.SYNC ? StoreOptions.Durability.SYNC
                        : StoreOptions.Durability.WRITE)
                .orElseGet(() -> durability(system));
        char[] key = atollOptions.encryptionKey();
        int cacheSizeMb = system.settings().config().getInt("atoll.cache-size-mb");
        StoreOptions options = new StoreOptions(durability, cacheSizeMb, key, atollOptions.filePermissions(), "");
        if (key != null) {
            java.util.Arrays.fill(key, '\0');
        }
        StoreCore core = StoreCore.open(directory, name, options);
        try {
            Map<String, SchemaLayout> layouts = migrate(core, schemas);
            String actorName = "atoll-store-" + URLEncoder.encode(name, StandardCharsets.UTF_8)
                    + "-" + SEQUENCE.incrementAndGet();
            ActorRef<StoreActor.Command> store = system.systemActorOf(StoreActor.create(core),
                    actorName, DispatcherSelector.fromConfig(StoreActor.DISPATCHER));
            ActorRef<Topic.Command<ChangeEvent>> topic = await(AskPattern.ask(store, StoreActor.GetTopic::new,
                    Duration.ofSeconds(10), system.scheduler()), Duration.ofSeconds(10), name);
            Instance instance = new Instance(system, name, directory, core, store, topic, schemas, layouts);
            instance.options = atollOptions;
            return instance;
        } catch (RuntimeException e) {
            try {
                core.close();
            } catch (RuntimeException closing) {
                e.addSuppressed(closing);
            }
            throw StoreCore.isDamage(e) ? StoreCore.damage(name, e) : e;
        }
    }

    private static StoreOptions.Durability durability(ActorSystem<?> system) {
        String value = system.settings().config().getString("atoll.durability");
        return switch (value) {
            case "sync" -> StoreOptions.Durability.SYNC;
            case "write" -> StoreOptions.Durability.WRITE;
            default -> throw new AtollException("atoll.durability is '" + value + "'; use 'sync' or 'write'");
        };
    }

    /**
     * Brings the stored layouts up to the given schemas in one commit: new properties get new ids,
     * and a collection whose indexes changed is rewritten so that every record carries the keys of
     * the new indexes. Collections that are stored but not given are left as they are.
     */
    private static Map<String, SchemaLayout> migrate(StoreCore core, List<CollectionSchema> schemas) {
        Map<String, SchemaLayout> stored = new HashMap<>();
        core.layouts().forEach((collection, bytes) -> stored.put(collection, SchemaLayout.fromBytes(bytes)));
        Map<String, SchemaLayout> layouts = new LinkedHashMap<>();
        Map<String, byte[]> changedLayouts = new LinkedHashMap<>();
        List<CollectionDef> defs = new ArrayList<>();
        List<String> rebuild = new ArrayList<>();
        for (CollectionSchema schema : schemas) {
            SchemaLayout old = stored.get(schema.name());
            SchemaLayout layout = old == null ? SchemaLayout.initial(schema) : old.merge(schema);
            layouts.put(schema.name(), layout);
            if (!layout.equals(old)) {
                changedLayouts.put(schema.name(), layout.toBytes());
            }
            if (old != null && !old.indexes().equals(schema.indexes())) {
                rebuild.add(schema.name());
            }
            defs.add(new CollectionDef(schema.name(), schema.indexes().stream()
                    .map(ix -> new CollectionDef.IndexDef(ix.name(), ix.unique(), ix.replace())).toList()));
        }
        if (changedLayouts.isEmpty() && stored.keySet().containsAll(layouts.keySet())) {
            core.define(defs, Map.of());
            core.commit();
            return layouts;
        }
        try (Snapshot before = core.snapshot()) {
            core.define(defs, changedLayouts);
            if (!rebuild.isEmpty()) {
                Codecs codecs = Codecs.create(schemas, layouts);
                List<WriteBatch.Op> ops = new ArrayList<>();
                for (String collection : rebuild) {
                    ops.add(new WriteBatch.Clear(collection));
                    CollectionCodec<?> codec = codecs.codec(collection);
                    Cursor<Long, byte[]> c = before.records(collection, 1);
                    while (c.hasNext()) {
                        long id = c.next();
                        byte[] record = c.getValue();
                        int offset = Records.valueOffset(record);
                        ops.add(reencode(codec, id, record, offset));
                    }
                }
                core.apply(new WriteBatch(before.version(), ops, WriteBatch.ReadSet.NONE, true));
            }
        }
        core.commit();
        return layouts;
    }

    private static <T> WriteBatch.Put reencode(CollectionCodec<T> codec, long id, byte[] record, int offset) {
        T object = codec.decode(id, record, offset, record.length - offset);
        byte[][][] keys = codec.indexKeys(object);
        byte[] value = codec.encode(object);
        return new WriteBatch.Put(codec.schema().name(), id, Records.encode(keys, value), keys);
    }

    /** A new Kryo and codecs for one handle. */
    Codecs newCodecs() {
        return Codecs.create(schemas, layouts);
    }

    /** The latest committed snapshot; the caller closes it. */
    Snapshot snapshot() {
        return core.snapshot();
    }

    /**
     * The next auto-increment id of a collection.
     *
     * @throws AtollException when the collection holds (or held) the id {@link Long#MAX_VALUE}, which only a
     *     file written before ids given by hand were limited to {@link AtollCollection#MAX_ID} can
     */
    long nextId(String collection) {
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
    void observeId(String collection, long id) {
        lastIds.get(collection).accumulateAndGet(id, Math::max);
    }

    /** Sends a batch to the store actor. */
    CompletionStage<Long> commitAsync(WriteBatch batch) {
        return AskPattern.askWithStatus(store, (ActorRef<org.apache.pekko.pattern.StatusReply<Long>> replyTo)
                -> new StoreActor.Commit(batch, replyTo), commitTimeout, system.scheduler());
    }

    /** Sends a batch to the store actor and waits for its commit. */
    long commit(WriteBatch batch) {
        return await(commitAsync(batch), commitTimeout.plusSeconds(1), name);
    }

    /** Waits (briefly) until a commit after {@code version} is visible, so that a retry reads it. */
    void awaitVersionAfter(long version) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
        while (core.committedVersion() <= version && System.nanoTime() < deadline) {
            LockSupport.parkNanos(20_000);
        }
    }

    /** Stops the store actor (which commits what is pending and closes the file) and waits for it. */
    void shutdown(boolean deleteFiles) {
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
    Optional<CollectionSchema> schema(String collection) {
        return schemas.stream().filter(s -> s.name().equals(collection)).findFirst();
    }

    static <T> T await(CompletionStage<T> stage, Duration timeout, String instance) {
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
