package dev.atoll;

import dev.atoll.internal.txn.Failures;

import dev.atoll.internal.store.InstanceNames;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.AbstractBehavior;
import org.apache.pekko.actor.typed.javadsl.ActorContext;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.javadsl.Receive;
import org.apache.pekko.pattern.StatusReply;

import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * An actor that holds its own handle on a named instance and serves it by messages: the way to
 * compose Atoll with actors that send bulk inserts and reads as messages. Spawn it in your own actor
 * system, e.g. {@code ctx.spawn(AtollWorker.create(List.of(Message.class), dir, "myInstance"), "writer",
 * DispatcherSelector.blocking())}: it waits for commits, so a blocking dispatcher suits it.
 *
 * <h2>Replies</h2>
 * Every request is answered with a {@link StatusReply}. A request that fails is answered with
 * {@code StatusReply.error(Throwable)} carrying the exception itself, so that the caller tells failures
 * apart by type and {@link AtollException#code()} rather than by message: a
 * {@link UniqueViolationException}, an {@link IllegalArgumentException} for a class that is not a
 * collection, a {@link WorkerBusyException} for too many waiting objects, an
 * {@link InstanceClosedException} for inserts the worker could not write before it stopped, the open's
 * exception (say {@link SchemaMismatchException}) for a worker that could not open its instance, a
 * {@link PartialWriteException} for a big {@code PutAll} that failed after some of its chunks, and
 * whatever a {@link Query} function threw. The worker itself keeps running.
 *
 * <h2>The sender's objects</h2>
 * The worker never writes into the objects it is sent: it only reads them, to encode them, and the ids
 * it assigns come back in the reply (an object sent with id 0 keeps id 0). Objects it replies with
 * ({@link Get}, a {@link Query}'s result) are decoded for that reply, and the worker keeps no reference
 * to them. Each actor thus keeps a heap of its own, as everywhere in Atoll. The sender must still not
 * change an object it sent until the reply comes: the worker reads it in between.
 *
 * <h2>Messages</h2>
 * The requests are records of plain data (classes, lists of the user's objects, ids, {@link ActorRef}s)
 * except {@link Query}, whose function cannot leave the JVM: {@code Query} is local-only. The replies
 * carry plain data or an exception.
 *
 * <h2>Group commit and chunks</h2>
 * {@link Put} and {@link PutAll} requests are not written one by one: the worker collects the ones
 * waiting in its mailbox and writes them in one write transaction (up to {@link Options#chunkSize()}
 * objects), then replies to each sender with its own ids. If that transaction fails, each request of
 * the group is written again in a transaction of its own, so that one bad request does not fail the
 * others. A {@code PutAll} larger than the chunk size is written in chunks of that size, one
 * transaction each, with a {@link Progress} to its optional listener after each: such a request is
 * not atomic: chunks written before a failure stay, and the reply is a {@link PartialWriteException} that
 * lists their ids (a failure of the first chunk replies with the failure itself: nothing was written).
 *
 * <h2>Order and backpressure</h2>
 * Requests are handled in arrival order: a {@link Get}, {@link DeleteAll} or {@link Query} first
 * writes every insert that arrived before it. A worker with inserts waiting to be written refuses an
 * insert that would take the waiting objects over {@link Options#maxPendingObjects()}, with an error
 * that says so, instead of growing without bound; the sender can try again later.
 *
 * <p>Threading: the worker's handle belongs to the worker actor. Objects sent in a request are
 * encoded in the worker.
 */
public final class AtollWorker extends AbstractBehavior<AtollWorker.Command> {

    /** The requests a worker takes. */
    public sealed interface Command {
    }

    /**
     * Writes objects of one collection; the reply carries their ids, in order.
     *
     * @param type the collection's class
     * @param objects the objects (copied; none may be null)
     * @param progress where to report progress after each chunk and at the end, or null
     * @param replyTo where the ids go
     */
    public record PutAll<T>(Class<T> type, List<T> objects, ActorRef<Progress> progress,
                            ActorRef<StatusReply<List<Long>>> replyTo) implements Command {
        public PutAll {
            Objects.requireNonNull(type, "type");
            objects = List.copyOf(objects);
            Objects.requireNonNull(replyTo, "replyTo");
        }

        /** A {@code PutAll} without a progress listener. */
        public PutAll(Class<T> type, List<T> objects, ActorRef<StatusReply<List<Long>>> replyTo) {
            this(type, objects, null, replyTo);
        }
    }

    /** Writes one object; the reply carries its id. */
    public record Put<T>(Class<T> type, T object, ActorRef<StatusReply<Long>> replyTo) implements Command {
        public Put {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(object, "object");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Reads one object; the reply is empty when there is none. */
    public record Get<T>(Class<T> type, long id, ActorRef<StatusReply<Optional<T>>> replyTo) implements Command {
        public Get {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /** Deletes objects by id in one write transaction; the reply carries how many there were. */
    public record DeleteAll(Class<?> type, List<Long> ids, ActorRef<StatusReply<Integer>> replyTo)
            implements Command {
        public DeleteAll {
            Objects.requireNonNull(type, "type");
            ids = List.copyOf(ids);
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /**
     * Runs a read-only function of a collection in the worker, in one read transaction (one
     * consistent snapshot), and replies with its result, or with what the function threw.
     * Local-only: the function cannot be serialized, so this request cannot cross the network.
     *
     * @param query runs in the worker's thread; it must not keep the collection
     */
    public record Query<T, R>(Class<T> type, Function<AtollCollection<T>, R> query,
                              ActorRef<StatusReply<R>> replyTo) implements Command {
        public Query {
            Objects.requireNonNull(type, "type");
            Objects.requireNonNull(query, "query");
            Objects.requireNonNull(replyTo, "replyTo");
        }
    }

    /**
     * How far a {@link PutAll} has come: {@code written} of {@code total} objects are committed.
     *
     * @param type the collection's class
     */
    public record Progress(Class<?> type, int written, int total) {
    }

    /**
     * The settings of a worker.
     *
     * @param chunkSize the most objects written in one transaction (a group of requests, or a chunk of
     *     a big {@code PutAll})
     * @param maxPendingObjects the most objects that may wait to be written; inserts beyond are refused
     */
    public record Options(int chunkSize, int maxPendingObjects) {
        /**
         * @throws IllegalArgumentException when a value is not positive
         */
        public Options {
            if (chunkSize <= 0 || maxPendingObjects <= 0) {
                throw new IllegalArgumentException("chunkSize (" + chunkSize + ") and maxPendingObjects ("
                        + maxPendingObjects + ") must be above 0");
            }
        }

        /** Chunks of 10,000 objects, at most 1,000,000 objects waiting. */
        public static Options defaults() {
            return new Options(10_000, 1_000_000);
        }

        /** These options with another chunk size. */
        public Options withChunkSize(int size) {
            return new Options(size, maxPendingObjects);
        }

        /** These options with another limit of waiting objects. */
        public Options withMaxPendingObjects(int limit) {
            return new Options(chunkSize, limit);
        }
    }

    private enum Flush implements Command {
        INSTANCE
    }

    /** An insert request waiting to be written. */
    private static final class Pending {
        final Class<?> type;
        final List<?> objects;
        final ActorRef<Progress> progress;
        final ActorRef<StatusReply<List<Long>>> many;
        final ActorRef<StatusReply<Long>> one;
        final List<Long> ids = new ArrayList<>();

        Pending(Class<?> type, List<?> objects, ActorRef<Progress> progress,
                ActorRef<StatusReply<List<Long>>> many, ActorRef<StatusReply<Long>> one) {
            this.type = type;
            this.objects = objects;
            this.progress = progress;
            this.many = many;
            this.one = one;
        }

        int remaining() {
            return objects.size() - ids.size();
        }

        void written(List<Long> chunkIds) {
            ids.addAll(chunkIds);
            if (progress != null) {
                progress.tell(new Progress(type, ids.size(), objects.size()));
            }
        }

        void succeed() {
            if (one != null) {
                one.tell(StatusReply.success(ids.get(0)));
            } else {
                many.tell(StatusReply.success(List.copyOf(ids)));
            }
        }

        void fail(Throwable failure) {
            if (one != null) {
                one.tell(StatusReply.error(failure));
            } else {
                many.tell(StatusReply.error(failure));
            }
        }
    }

    private final String name;
    private final Options options;
    private final Atoll db;
    private final RuntimeException openFailure;
    private final ArrayDeque<Pending> pending = new ArrayDeque<>();
    private long pendingObjects;
    private boolean flushScheduled;

    private AtollWorker(ActorContext<Command> context, List<Class<?>> classes, Path directory, String name,
                        Options options) {
        super(context);
        this.name = name;
        this.options = options;
        Atoll opened = null;
        RuntimeException failure = null;
        try {
            opened = Atoll.open(context.getSystem(), classes, directory, name);
        } catch (RuntimeException e) {
            context.getLog().error("an AtollWorker could not open instance '{}'", name, e);
            failure = e;
        }
        this.db = opened;
        this.openFailure = failure;
    }

    /**
     * A worker with the {@link Options#defaults() default options}. It opens its own handle on the
     * instance when it starts (opening the instance if it is not open yet) and closes it when it
     * stops. If the open fails, the worker answers every request with the open's exception.
     *
     * @param classes the collections, as for {@link Atoll#open}
     * @param directory the directory of the instance's file
     * @param name the instance name
     */
    public static Behavior<Command> create(List<Class<?>> classes, Path directory, String name) {
        return create(classes, directory, name, Options.defaults());
    }

    /** A worker with options; see {@link #create(List, Path, String)}. */
    public static Behavior<Command> create(List<Class<?>> classes, Path directory, String name, Options options) {
        List<Class<?>> copy = List.copyOf(classes);
        Objects.requireNonNull(directory, "directory");
        InstanceNames.check(name);
        Objects.requireNonNull(options, "options");
        return Behaviors.setup(ctx -> new AtollWorker(ctx, copy, directory, name, options));
    }

    @Override
    public Receive<Command> createReceive() {
        return newReceiveBuilder()
                .onMessage(Command.class, this::onCommand)
                .onSignal(PostStop.class, s -> onPostStop())
                .build();
    }

    private Behavior<Command> onCommand(Command command) {
        if (command instanceof PutAll<?> putAll) {
            return onPutAll(putAll);
        } else if (command instanceof Put<?> put) {
            return onPut(put);
        } else if (command instanceof Get<?> get) {
            return onGet(get);
        } else if (command instanceof DeleteAll deleteAll) {
            return onDeleteAll(deleteAll);
        } else if (command instanceof Query<?, ?> query) {
            return onQuery(query);
        }
        return onFlush();
    }

    private Behavior<Command> onPutAll(PutAll<?> request) {
        if (request.objects().isEmpty() && openFailure == null) {
            request.replyTo().tell(StatusReply.success(List.of()));
            return this;
        }
        return enqueue(new Pending(request.type(), request.objects(), request.progress(), request.replyTo(),
                null));
    }

    private Behavior<Command> onPut(Put<?> request) {
        return enqueue(new Pending(request.type(), List.of(request.object()), null, null, request.replyTo()));
    }

    private Behavior<Command> enqueue(Pending request) {
        if (openFailure != null) {
            request.fail(openFailure);
            return this;
        }
        int size = request.objects.size();
        if (pendingObjects > 0 && pendingObjects + size > options.maxPendingObjects()) {
            request.fail(new WorkerBusyException("the worker of instance '" + name + "' has " + pendingObjects
                    + " objects waiting to be written, and " + size + " more would pass its limit of "
                    + options.maxPendingObjects() + " (AtollWorker.Options.maxPendingObjects); send them again"
                    + " later"));
            return this;
        }
        pending.addLast(request);
        pendingObjects += size;
        if (!flushScheduled) {
            flushScheduled = true;
            getContext().getSelf().tell(Flush.INSTANCE);
        }
        return this;
    }

    private Behavior<Command> onFlush() {
        flushScheduled = false;
        writeSome();
        if (!pending.isEmpty()) {
            // one transaction per flush: requests that arrive meanwhile are taken in (and checked) first
            flushScheduled = true;
            getContext().getSelf().tell(Flush.INSTANCE);
        }
        return this;
    }

    /** Writes the waiting inserts, so that a read sees everything that arrived before it. */
    private void writeAll() {
        while (!pending.isEmpty()) {
            writeSome();
        }
    }

    /** Writes one transaction: a group of waiting requests, or one chunk of a big one. */
    private void writeSome() {
        Pending head = pending.peekFirst();
        if (head == null) {
            return;
        }
        int chunk = options.chunkSize();
        if (head.remaining() > chunk || !head.ids.isEmpty()) {
            writeChunk(head, chunk);
            return;
        }
        List<Pending> group = new ArrayList<>();
        int total = 0;
        for (Pending p : pending) {
            if (!group.isEmpty() && (total + p.remaining() > chunk || !p.ids.isEmpty())) {
                break;
            }
            group.add(p);
            total += p.remaining();
        }
        for (int i = 0; i < group.size(); i++) {
            pending.removeFirst();
        }
        pendingObjects -= total;
        try {
            List<List<Long>> ids = db.writeTxnSync(() -> {
                List<List<Long>> all = new ArrayList<>(group.size());
                for (Pending p : group) {
                    all.add(putAll(p.type, p.objects));
                }
                return all;
            });
            for (int i = 0; i < group.size(); i++) {
                group.get(i).written(ids.get(i));
                group.get(i).succeed();
            }
        } catch (RuntimeException e) {
            if (group.size() == 1) {
                group.get(0).fail(e);
                return;
            }
            for (Pending p : group) {
                try {
                    p.written(db.writeTxnSync(() -> putAll(p.type, p.objects)));
                    p.succeed();
                } catch (RuntimeException single) {
                    p.fail(single);
                }
            }
        }
    }

    private void writeChunk(Pending head, int chunk) {
        int from = head.ids.size();
        int to = Math.min(head.objects.size(), from + chunk);
        List<?> part = head.objects.subList(from, to);
        try {
            head.written(db.writeTxnSync(() -> putAll(head.type, part)));
            pendingObjects -= part.size();
            if (head.remaining() == 0) {
                pending.removeFirst();
                head.succeed();
            }
        } catch (RuntimeException e) {
            pending.removeFirst();
            pendingObjects -= head.remaining();
            head.fail(from == 0 ? e : new PartialWriteException("objects " + from + " to " + (to - 1) + " of "
                    + head.objects.size() + " sent to the worker of instance '" + name + "' failed, and the "
                    + from + " written before them stay written: " + Failures.message(e), head.ids, e));
        }
    }

    /** Writes objects without touching them: the ids come back, the sender's objects keep theirs. */
    private List<Long> putAll(Class<?> type, List<?> objects) {
        return db.collection(type).putAllReadOnly(objects);
    }

    private <T> Behavior<Command> onGet(Get<T> request) {
        reply(request.replyTo(), () -> Optional.ofNullable(db.collection(request.type()).get(request.id())));
        return this;
    }

    private Behavior<Command> onDeleteAll(DeleteAll request) {
        long[] ids = request.ids().stream().mapToLong(Long::longValue).toArray();
        reply(request.replyTo(), () -> db.writeTxnSync(() -> db.collection(request.type()).deleteAll(ids)));
        return this;
    }

    private <T, R> Behavior<Command> onQuery(Query<T, R> request) {
        reply(request.replyTo(), () -> db.txnSync(() -> request.query().apply(db.collection(request.type()))));
        return this;
    }

    /** Writes what waits, runs a request, and replies with its result or its error. */
    private <R> void reply(ActorRef<StatusReply<R>> replyTo, java.util.function.Supplier<? extends R> body) {
        if (openFailure != null) {
            replyTo.tell(StatusReply.error(openFailure));
            return;
        }
        R result;
        try {
            writeAll();
            result = body.get();
        } catch (Throwable e) {
            // a query function that throws anything but a fatal error (an AssertionError, a checked
            // exception thrown sneakily) fails this request only
            Failures.rethrowIfFatal(e);
            replyTo.tell(StatusReply.error(e));
            return;
        }
        replyTo.tell(StatusReply.success(result));
    }

    private Behavior<Command> onPostStop() {
        for (Pending p : pending) {
            p.fail(new InstanceClosedException("the worker of instance '" + name + "' stopped before writing"
                    + " these " + p.remaining() + " objects"));
        }
        pending.clear();
        pendingObjects = 0;
        if (db != null) {
            try {
                db.close();
            } catch (RuntimeException e) {
                getContext().getLog().error("an AtollWorker could not close its handle of instance '{}'", name, e);
            }
        }
        return this;
    }

}
