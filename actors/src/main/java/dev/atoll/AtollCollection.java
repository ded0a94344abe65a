package dev.atoll;

import dev.atoll.internal.store.IndexEntries;

import dev.atoll.internal.json.Json;
import dev.atoll.internal.txn.Instance;
import dev.atoll.internal.watch.Watchers;

import dev.atoll.internal.query.PropertyPath;
import dev.atoll.internal.txn.Txn;

import dev.atoll.schema.CollectionSchema;
import dev.atoll.schema.IndexSchema;
import dev.atoll.internal.codec.CollectionCodec;
import dev.atoll.internal.store.Records;
import org.apache.pekko.actor.typed.ActorRef;

import java.io.InputStream;
import java.io.Reader;
import java.lang.reflect.Field;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The objects of one class in one instance, seen through one handle. Obtained with
 * {@link Atoll#collection(Class)}.
 *
 * <p>Reads join the handle's current transaction, or run in a read transaction of their own.
 * Writes ({@link #put}, {@link #putAll}, {@link #delete}, {@link #deleteAll}, {@link #clear}) must run
 * inside a write transaction, and are encoded here, in the caller's thread.
 *
 * <p>Threading: like its handle, one thread at a time.
 */
public final class AtollCollection<T> {
    /**
     * The largest id a put may give by hand: 2^62 - 1. Larger ids are kept for auto-increment, which
     * continues after the largest id a collection ever held, so that a big id given by hand (such as
     * {@link Long#MAX_VALUE}) never leaves auto-increment without ids.
     */
    public static final long MAX_ID = (1L << 62) - 1;

    private final Atoll db;
    private final CollectionCodec<T> codec;
    private final CollectionSchema schema;
    private final String name;
    private final List<String> indexNames;

    AtollCollection(Atoll db, CollectionCodec<T> codec) {
        this.db = db;
        this.codec = codec;
        this.schema = codec.schema();
        this.name = schema.name();
        this.indexNames = schema.indexes().stream().map(IndexSchema::name).toList();
    }

    /** The collection name. */
    public String name() {
        return name;
    }

    /** The schema derived from the class. */
    public CollectionSchema schema() {
        return schema;
    }

    /**
     * Writes an object: inserts it, or replaces the object with the same id. An id of 0 is replaced
     * by the next free id, which is written back into the object (not into a record).
     *
     * <p>Unique indexes with {@code replace = true}: an object that holds one of the put object's values
     * in such an index is replaced. When the put object has no id (0), it takes over the replaced
     * object's id, as in Isar: the object keeps its identity, and watchers see an update of that id.
     * When it has an id of its own, the replaced object is deleted and the put object is stored under
     * its own id. Any other object holding one of its values in a replace index is deleted.
     *
     * @return the object's id
     * @throws IllegalStateException outside a write transaction
     * @throws IllegalArgumentException for a null object, a negative id, an id above {@link #MAX_ID}, or an
     *     object that encodes to more
     *     than {@link AtollOptions#maxObjectSize()} bytes (the message names the limit)
     * @throws UniqueViolationException when a unique index (without replace) already holds one of the
     *     object's values; the message names the index and the value
     */
    public long put(T object) {
        db.enter();
        try {
            Txn txn = db.writeTxnFor("put", name);
            return stagePut(txn, object, true);
        } finally {
            db.exit();
        }
    }

    /**
     * Writes several objects, in order; see {@link #put}.
     *
     * @return their ids, in the same order
     */
    public List<Long> putAll(List<? extends T> objects) {
        db.enter();
        try {
            Txn txn = db.writeTxnFor("putAll", name);
            List<Long> ids = new ArrayList<>(objects.size());
            for (T object : objects) {
                ids.add(stagePut(txn, object, true));
            }
            return ids;
        } finally {
            db.exit();
        }
    }

    /**
     * Internal, for {@link AtollWorker} and {@link AtollFlows}: writes objects as {@link #putAll} does, but
     * never writes an assigned id back into an object. The objects belong to another actor (the sender of
     * a request, the producer of a stream): they are only read, and the ids come back in the result. An
     * object whose id is 0 is inserted as a new object each time it appears in the list.
     *
     * @return their ids, in the same order
     */
    List<Long> putAllReadOnly(List<?> objects) {
        db.enter();
        try {
            Txn txn = db.writeTxnFor("putAll", name);
            List<Long> ids = new ArrayList<>(objects.size());
            Class<T> type = type();
            for (Object object : objects) {
                if (object != null && !type.isInstance(object)) {
                    throw new IllegalArgumentException("an object of class " + object.getClass().getName()
                            + " was sent to collection '" + name + "', which stores " + type.getName());
                }
                ids.add(stagePut(txn, type.cast(object), false));
            }
            return ids;
        } finally {
            db.exit();
        }
    }

    private long stagePut(Txn txn, T object, boolean writeBackId) {
        if (object == null) {
            throw new IllegalArgumentException("put of null into collection '" + name + "'");
        }
        long id = codec.id(object);
        if (id < 0) {
            throw new IllegalArgumentException("id " + id + " of an object of collection '" + name
                    + "' is negative; ids are above 0, and 0 means \"assign the next id\"");
        }
        if (id > MAX_ID) {
            throw new IllegalArgumentException("id " + id + " of an object of collection '" + name + "' is above "
                    + MAX_ID + " (AtollCollection.MAX_ID), the largest id a put may give: larger ids are kept for"
                    + " auto-increment");
        }
        Instance instance = db.instance();
        boolean assign = id == 0;
        byte[][][] keys = codec.indexKeys(object);
        if (assign) {
            long replaced = replacedThroughIndex(txn, keys);
            // as in Isar, an object without an id that replaces one through a replace index takes over its id
            id = replaced != 0 ? replaced : instance.nextId(name); // a refused object wastes a new id, nothing else
        }
        byte[] value = codec.encode(object, id); // the id is not in the value, but its checksum covers it
        int limit = instance.options.maxObjectSize();
        if (value.length > limit) {
            throw new IllegalArgumentException("an object of collection '" + name + "' encodes to " + value.length
                    + " bytes, over the limit of " + limit + " bytes (AtollOptions.maxObjectSize)");
        }
        if (assign) {
            if (writeBackId) {
                codec.assignId(object, id);
            }
        } else {
            instance.observeId(name, id);
        }
        List<IndexSchema> indexes = schema.indexes();
        for (int s = 0; s < keys.length; s++) {
            IndexSchema index = indexes.get(s);
            if (!index.unique()) {
                continue;
            }
            for (byte[] key : keys[s]) {
                if (IndexEntries.isNullKey(key)) {
                    continue;
                }
                long owner = txn.ownerUnrecorded(name, index.name(), key);
                if (owner != 0 && owner != id) {
                    if (!index.replace()) {
                        throw new UniqueViolationException("unique index '" + index.name() + "' of collection '"
                                + name + "' already holds " + describe(object, index) + ", for object " + owner);
                    }
                    txn.hide(name, owner, indexNames);
                }
            }
        }
        txn.put(name, id, keys, value, indexNames);
        return id;
    }

    /**
     * The object that a put of these keys replaces through a unique replace index, as this transaction
     * sees it (the first such index in schema order that holds one of the keys), or 0. Taking over its id
     * counts as a read of it: a commit that changes or deletes it after this transaction's snapshot is a
     * conflict, so the id is never taken from an object that has moved on.
     */
    private long replacedThroughIndex(Txn txn, byte[][][] keys) {
        List<IndexSchema> indexes = schema.indexes();
        for (int s = 0; s < keys.length; s++) {
            IndexSchema index = indexes.get(s);
            if (!index.replace()) {
                continue;
            }
            for (byte[] key : keys[s]) {
                long owner = IndexEntries.isNullKey(key) ? 0 : txn.ownerUnrecorded(name, index.name(), key);
                if (owner != 0) {
                    txn.readId(name, owner);
                    return owner;
                }
            }
        }
        return 0;
    }

    /** The object with that id, or null. */
    public T get(long id) {
        db.enter();
        try {
            return db.read(txn -> decode(id, txn.get(name, id)));
        } finally {
            db.exit();
        }
    }

    /**
     * The objects with those ids, in order, with null where there is none; from one snapshot.
     *
     * @throws NullPointerException when {@code ids} is null
     */
    public List<T> getAll(long... ids) {
        java.util.Objects.requireNonNull(ids, "ids");
        db.enter();
        try {
            return db.read(txn -> {
                List<T> result = new ArrayList<>(ids.length);
                for (long id : ids) {
                    result.add(decode(id, txn.get(name, id)));
                }
                return result;
            });
        } finally {
            db.exit();
        }
    }

    /**
     * The object that holds a value in a unique index, or null.
     *
     * @param index the index name (the property name, unless the index is named)
     * @param value the value, of the property's type
     * @throws IllegalArgumentException for an unknown index or a value of the wrong type
     */
    public T getByIndex(String index, Object value) {
        db.enter();
        try {
            byte[] key = codec.indexKey(index, value);
            return db.read(txn -> {
                long id = txn.owner(name, index, key);
                return id == 0 ? null : decode(id, txn.get(name, id));
            });
        } finally {
            db.exit();
        }
    }

    /**
     * Deletes the object with that id.
     *
     * @return whether there was one
     * @throws IllegalStateException outside a write transaction
     */
    public boolean delete(long id) {
        db.enter();
        try {
            Txn txn = db.writeTxnFor("delete", name);
            return stageDelete(txn, id);
        } finally {
            db.exit();
        }
    }

    /**
     * Deletes the objects with those ids.
     *
     * @return how many there were
     * @throws IllegalStateException outside a write transaction
     */
    public int deleteAll(long... ids) {
        db.enter();
        try {
            Txn txn = db.writeTxnFor("deleteAll", name);
            int deleted = 0;
            for (long id : ids) {
                if (stageDelete(txn, id)) {
                    deleted++;
                }
            }
            return deleted;
        } finally {
            db.exit();
        }
    }

    private boolean stageDelete(Txn txn, long id) {
        boolean existed = txn.get(name, id) != null;
        if (existed) {
            txn.delete(name, id, indexNames);
        }
        return existed;
    }

    /** The number of objects. */
    public long count() {
        db.enter();
        try {
            return db.read(txn -> txn.count(name));
        } finally {
            db.exit();
        }
    }

    /**
     * Deletes every object of the collection.
     *
     * @throws IllegalStateException outside a write transaction
     */
    public void clear() {
        db.enter();
        try {
            db.writeTxnFor("clear", name).clear(name);
        } finally {
            db.exit();
        }
    }

    /** A new query on this collection: every object, until where clauses and filters narrow it; see {@link Query}. */
    public Query<T> query() {
        return new Query<>(this, db, codec);
    }

    /**
     * Writes the objects of a JSON array, as {@link Query#exportJson()} produces it: for seeding and
     * backups. An object with an id replaces the object with that id; one without (or with 0) gets the
     * next id. The whole array is parsed before anything is staged; a failure throws, and when it ends
     * the transaction nothing of it is written. For a collection too large to hold as a String, see
     * {@link #importJson(InputStream)}.
     *
     * @return the ids, in the array's order
     * @throws IllegalStateException outside a write transaction
     * @throws IllegalArgumentException when the JSON is malformed or does not fit the class; the message
     *     names the object and the property
     */
    public List<Long> importJson(String json) {
        db.enter();
        try {
            db.writeTxnFor("importJson", name);
            return putAll(Json.read(schema, type(), json));
        } finally {
            db.exit();
        }
    }

    /** How many objects {@link #importJson(Reader)} and {@link #importJson(InputStream)} commit per transaction. */
    public static final int IMPORT_OBJECTS_PER_TRANSACTION = 10_000;

    /**
     * Writes the objects of a JSON array read from a character stream, in write transactions of
     * {@link #IMPORT_OBJECTS_PER_TRANSACTION} objects; see {@link #importJson(Reader, int)}.
     */
    public long importJson(Reader json) {
        return importJson(json, IMPORT_OBJECTS_PER_TRANSACTION);
    }

    /**
     * Writes the objects of a JSON array read from a byte stream (UTF-8, or UTF-16/32 with or without a
     * byte order mark), in write transactions of {@link #IMPORT_OBJECTS_PER_TRANSACTION} objects; see
     * {@link #importJson(Reader, int)}.
     */
    public long importJson(InputStream json) {
        return importJson(json, IMPORT_OBJECTS_PER_TRANSACTION);
    }

    /** {@link #importJson(Reader, int)} from a byte stream, as {@link #importJson(InputStream)} reads it. */
    public long importJson(InputStream json, int objectsPerTransaction) {
        Objects.requireNonNull(json, "importJson into '" + name + "' from a null InputStream");
        return importStream(objectsPerTransaction, () -> Json.in(schema, type(), json));
    }

    /**
     * Writes the objects of a JSON array read from a stream, as {@link #importJson(String)} does, but
     * without holding the collection: the array is parsed one object at a time, and every
     * {@code objectsPerTransaction} objects are committed in a write transaction of their own (the
     * handle's {@link Atoll#writeTxnSync}, which runs a chunk again after a conflict). What it holds is
     * one chunk: the parsed form of up to {@code objectsPerTransaction} objects and that transaction's
     * staged writes. The stream is read to its end, and not closed.
     *
     * <p>Transactions: it runs its own, so it must be called outside a transaction. It is not atomic as a
     * whole, only chunk by chunk (a stream cannot be read twice, and one transaction would hold every
     * object's bytes until the commit): when an object is malformed, does not fit the class, or is
     * refused by the store, the chunk it is in writes nothing and the chunks before it stay committed.
     * Watchers see one commit per chunk.
     *
     * @param objectsPerTransaction how many objects each transaction writes: 1 or more
     * @return how many objects were written
     * @throws IllegalStateException inside a transaction of this handle
     * @throws IllegalArgumentException for {@code objectsPerTransaction} below 1, or when the JSON is
     *     malformed or does not fit the class: the message names the object (its place in the array), the
     *     property and the position, and says how many objects before it were committed
     * @throws java.io.UncheckedIOException when reading the stream fails
     */
    public long importJson(Reader json, int objectsPerTransaction) {
        Objects.requireNonNull(json, "importJson into '" + name + "' from a null Reader");
        return importStream(objectsPerTransaction, () -> Json.in(schema, type(), json));
    }

    private long importStream(int objectsPerTransaction, Supplier<Json.In<T>> open) {
        if (objectsPerTransaction < 1) {
            throw new IllegalArgumentException("importJson into '" + name + "': objectsPerTransaction is "
                    + objectsPerTransaction + "; it must be 1 or more");
        }
        if (db.inTxn()) {
            throw new IllegalStateException("importJson into '" + name + "' from a stream inside a transaction: it"
                    + " commits transactions of its own, so call it outside writeTxnSync, writeTxn and txnSync");
        }
        long committed = 0;
        try (Json.In<T> in = open.get()) {
            List<Object> chunk = new ArrayList<>(Math.min(objectsPerTransaction, 1024));
            while (true) {
                chunk.clear();
                for (Object tree; chunk.size() < objectsPerTransaction && (tree = in.next()) != null; ) {
                    chunk.add(tree);
                }
                if (chunk.isEmpty()) {
                    return committed;
                }
                long first = committed;
                db.writeTxnSync(() -> {
                    Txn txn = db.writeTxnFor("importJson", name);
                    for (int i = 0; i < chunk.size(); i++) {
                        stagePut(txn, in.build(chunk.get(i), first + i), true);
                    }
                });
                committed += chunk.size();
            }
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(e.getMessage() + " (" + (committed == 0 ? "nothing was committed"
                    : "the " + committed + " objects before its transaction are committed") + ")", e);
        }
    }

    /**
     * Calls back after every commit (from any handle or actor) that touches this collection. The
     * callback runs on an internal actor, one call at a time, in commit order; an exception it
     * throws is logged and does not end the subscription. Silent commits fire nothing.
     *
     * <p>Threading: may be called from any thread; the callback runs on the watcher's own actor.
     *
     * @throws InstanceClosedException when this handle is closed
     */
    public Subscription watchLazy(Runnable callback) {
        return watchLazy(WatchOptions.defaults(), callback);
    }

    /** {@link #watchLazy(Runnable)}, with options. */
    public Subscription watchLazy(WatchOptions options, Runnable callback) {
        checkWatch(options, callback);
        return Watchers.collectionCallback(db.instance(), name, options, callback);
    }

    /**
     * Tells an actor a message after every commit that touches this collection, in commit order. Ends
     * by itself when the actor stops.
     *
     * @throws InstanceClosedException when this handle is closed
     */
    public <M> Subscription watchLazy(ActorRef<M> target, M message) {
        return watchLazy(WatchOptions.defaults(), target, message);
    }

    /** {@link #watchLazy(ActorRef, Object)}, with options. */
    public <M> Subscription watchLazy(WatchOptions options, ActorRef<M> target, M message) {
        checkWatch(options, target, message);
        return Watchers.collectionMessage(db.instance(), name, options, target, message);
    }

    /**
     * Calls back with the object after every commit that writes or deletes it (or clears the
     * collection), or {@code null} when it is gone. The object is read and decoded on the watcher's
     * side (its own actor and Kryo), one call at a time, in commit order; a callback that throws is
     * logged and stays subscribed.
     *
     * <p>What it delivers: the object as the latest commit left it when the watcher reads it. That is
     * the commit that fired it, unless later commits came in before the watcher got to it (the callback
     * was slow, or writers fast): then it delivers the latest state once, and nothing for the commits
     * that state already includes. Actor targets get the same.
     *
     * <p>Threading: may be called from any thread; the callback runs on the watcher's own actor.
     *
     * @param id the object's id
     * @throws InstanceClosedException when this handle is closed
     */
    public Subscription watchObject(long id, Consumer<? super T> callback) {
        return watchObject(WatchOptions.defaults(), id, callback);
    }

    /** {@link #watchObject(long, Consumer)}, with options. */
    public Subscription watchObject(WatchOptions options, long id, Consumer<? super T> callback) {
        checkWatch(options, callback);
        return Watchers.objectCallback(db.instance(), type(), name, id, options, callback);
    }

    /**
     * Tells an actor {@code adapter.apply(object)} after every commit that writes or deletes the
     * object ({@code null} when it is gone), in commit order. The adapter runs on the watcher's actor.
     * Ends by itself when the actor stops.
     *
     * @throws InstanceClosedException when this handle is closed
     */
    public <M> Subscription watchObject(long id, ActorRef<M> target, Function<? super T, ? extends M> adapter) {
        return watchObject(WatchOptions.defaults(), id, target, adapter);
    }

    /** {@link #watchObject(long, ActorRef, Function)}, with options. */
    public <M> Subscription watchObject(WatchOptions options, long id, ActorRef<M> target,
                                        Function<? super T, ? extends M> adapter) {
        checkWatch(options, target, adapter);
        return Watchers.objectMessage(db.instance(), type(), name, id, options, target, adapter);
    }

    /**
     * {@link #watchObject(long, Consumer)} scoped to one property: calls back only when the object
     * appears, disappears, or the value of {@code property} (a dotted path, as in a filter) changed since
     * the last delivery. A commit that writes only other properties delivers nothing.
     *
     * @throws IllegalArgumentException when the collection has no such property (the message names both)
     * @throws InstanceClosedException when this handle is closed
     */
    public Subscription watchObject(long id, String property, Consumer<? super T> callback) {
        return watchObject(WatchOptions.defaults(), id, java.util.Collections.singletonList(property), callback);
    }

    /**
     * {@link #watchObject(long, String, Consumer)} scoped to several properties (it fires when any of
     * them changed), with options. Values are compared with {@code equals}, arrays by content: an
     * embedded object without {@code equals} counts as changed whenever the object is written.
     *
     * @throws IllegalArgumentException when {@code properties} is empty or names a property the
     *         collection does not have
     * @throws InstanceClosedException when this handle is closed
     */
    public Subscription watchObject(WatchOptions options, long id, List<String> properties,
                                    Consumer<? super T> callback) {
        checkWatch(options, properties, callback);
        return Watchers.objectCallback(db.instance(), type(), name, id, scope(properties), options, callback);
    }

    /** {@link #watchObject(long, String, Consumer)}, telling an actor {@code adapter.apply(object)}. */
    public <M> Subscription watchObject(long id, String property, ActorRef<M> target,
                                        Function<? super T, ? extends M> adapter) {
        return watchObject(WatchOptions.defaults(), id, java.util.Collections.singletonList(property), target, adapter);
    }

    /** {@link #watchObject(WatchOptions, long, List, Consumer)}, telling an actor {@code adapter.apply(object)}. */
    public <M> Subscription watchObject(WatchOptions options, long id, List<String> properties,
                                        ActorRef<M> target, Function<? super T, ? extends M> adapter) {
        checkWatch(options, properties, target, adapter);
        return Watchers.objectMessage(db.instance(), type(), name, id, scope(properties), options, target,
                adapter);
    }

    private PropertyPath[] scope(List<String> properties) {
        if (properties.isEmpty()) {
            throw new IllegalArgumentException("a scoped watch of collection '" + name
                    + "' needs at least one property");
        }
        PropertyPath[] paths = new PropertyPath[properties.size()];
        for (int i = 0; i < paths.length; i++) {
            paths[i] = PropertyPath.resolve(schema, properties.get(i));
        }
        return paths;
    }

    /**
     * Calls back after every commit that writes or deletes the object, without reading it. Runs like
     * {@link #watchObject(long, Consumer)}.
     *
     * @throws InstanceClosedException when this handle is closed
     */
    public Subscription watchObjectLazy(long id, Runnable callback) {
        return watchObjectLazy(WatchOptions.defaults(), id, callback);
    }

    /** {@link #watchObjectLazy(long, Runnable)}, with options. */
    public Subscription watchObjectLazy(WatchOptions options, long id, Runnable callback) {
        checkWatch(options, callback);
        return Watchers.objectLazyCallback(db.instance(), name, id, options, callback);
    }

    /**
     * Tells an actor a message after every commit that writes or deletes the object. Ends by itself
     * when the actor stops.
     *
     * @throws InstanceClosedException when this handle is closed
     */
    public <M> Subscription watchObjectLazy(long id, ActorRef<M> target, M message) {
        return watchObjectLazy(WatchOptions.defaults(), id, target, message);
    }

    /** {@link #watchObjectLazy(long, ActorRef, Object)}, with options. */
    public <M> Subscription watchObjectLazy(WatchOptions options, long id, ActorRef<M> target, M message) {
        checkWatch(options, target, message);
        return Watchers.objectLazyMessage(db.instance(), name, id, options, target, message);
    }

    @SuppressWarnings("unchecked")
    private Class<T> type() {
        return (Class<T>) schema.type();
    }

    private void checkWatch(Object... arguments) {
        for (Object argument : arguments) {
            java.util.Objects.requireNonNull(argument, "a watch argument of collection '" + name + "' is null");
        }
        if (db.isClosed()) {
            throw new InstanceClosedException("watch on collection '" + name + "' through a closed handle of"
                    + " instance '" + db.name() + "'");
        }
    }

    private T decode(long id, byte[] record) {
        if (record == null) {
            return null;
        }
        int offset = Records.valueOffset(record);
        return codec.decode(id, record, offset, record.length - offset);
    }

    private String describe(T object, IndexSchema index) {
        List<String> values = new ArrayList<>();
        for (String property : index.properties()) {
            values.add(property + " = " + quote(readProperty(object, property)));
        }
        return String.join(", ", values);
    }

    private static String quote(Object value) {
        return value instanceof String s ? "\"" + s + "\"" : String.valueOf(value);
    }

    private static Object readProperty(Object object, String property) {
        try {
            Class<?> type = object.getClass();
            if (type.isRecord()) {
                for (RecordComponent c : type.getRecordComponents()) {
                    if (c.getName().equals(property)) {
                        c.getAccessor().setAccessible(true);
                        return c.getAccessor().invoke(object);
                    }
                }
            }
            Field f = type.getDeclaredField(property);
            f.setAccessible(true);
            return f.get(object);
        } catch (ReflectiveOperationException | RuntimeException e) {
            return "?";
        }
    }
}
