package dev.atoll;

import org.apache.pekko.Done;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.javadsl.Flow;
import org.apache.pekko.stream.javadsl.Keep;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;

/**
 * Bulk inserts as a Pekko Streams stage: a stream of objects is written into a collection of an open
 * instance in write transactions of {@link WriteSettings#batchSize()} objects, shaped as Pekko's
 * connectors shape theirs (a {@code Flow} that emits what was written, and a {@code Sink}).
 *
 * <pre>{@code
 * Source.from(messages)
 *     .via(AtollFlows.insert(system, "myInstance", Message.class, AtollFlows.WriteSettings.defaults()))
 *     .runWith(Sink.foreach(id -> ...), system);
 * }</pre>
 *
 * <h2>Transactions and group commit</h2>
 * The objects are grouped in order into batches of {@code batchSize} (the last one may be smaller; a
 * stream that completes sends what it has). Each batch is one write transaction: encoded in the
 * stream's stage, committed by the instance's store actor, wholly or not at all. Up to
 * {@link WriteSettings#parallelism()} batches are committed at once: while one commit writes and forces
 * the file, the next batches queue up in the store actor and are committed together in its next group
 * commit (one write and one force, each batch its own version and change event).
 *
 * <h2>Backpressure</h2>
 * With {@code parallelism} batches waiting for their commits, the stage asks for nothing more, so a
 * fast producer is slowed down to the store's pace instead of being refused (as
 * {@link AtollWorker.Options#maxPendingObjects()} refuses). A slow downstream slows it the same way. The
 * stage thus holds at most {@code (parallelism + 1) * batchSize} objects: the batches in flight (or
 * written and waiting for the downstream) and the batch being filled.
 *
 * <h2>Ids and the stream's objects</h2>
 * The ids come downstream in the order of the objects. The objects are read, never written: an object
 * with id 0 keeps id 0, and each occurrence of it inserts a new object (as {@link AtollWorker} does, and
 * unlike {@link AtollCollection#put}, which writes the id back).
 *
 * <h2>Failure</h2>
 * A batch that fails (a {@link UniqueViolationException}, a {@link TransactionConflictException} through
 * a replace index, a full disk...) fails the stream with that exception, and none of its objects is
 * written. The batches before it are written, and their ids were emitted. Batches after it that were
 * already committing (at most {@code parallelism - 1}) may be written too, without their ids being
 * emitted; with a parallelism of 1 nothing after the failing batch is written. A stream whose instance
 * is not open in the actor system fails with an {@link InstanceClosedException} when its first batch is
 * ready, and one whose class is not a collection of the instance with an {@link AtollException}.
 *
 * <h2>The handle</h2>
 * Each materialization opens its own handle on the instance (as {@link Atoll#getInstance} does) when its
 * first batch is ready, and closes it once the stream has ended and its last commit has answered, so the
 * instance stays open while a stream writes into it. A flow completes downstream only after that close, and
 * the sink's stage completes (or fails) after it: from then on, closing the application's own handle closes
 * the instance. A flow that fails or is cancelled closes its handle as soon as its commits in flight answer.
 */
public final class AtollFlows {
    private AtollFlows() {
    }

    /**
     * How a stream is written.
     *
     * @param batchSize the most objects written in one transaction
     * @param parallelism the most batches committing at once
     */
    public record WriteSettings(int batchSize, int parallelism) {
        /**
         * @throws IllegalArgumentException when a value is not above 0 (the message names it)
         */
        public WriteSettings {
            if (batchSize <= 0) {
                throw new IllegalArgumentException("batchSize " + batchSize + " of AtollFlows.WriteSettings must be"
                        + " above 0");
            }
            if (parallelism <= 0) {
                throw new IllegalArgumentException("parallelism " + parallelism + " of AtollFlows.WriteSettings"
                        + " must be above 0");
            }
        }

        /** Batches of 1,000 objects, 4 of them committing at once. */
        public static WriteSettings defaults() {
            return new WriteSettings(1_000, 4);
        }

        /** These settings with another batch size. */
        public WriteSettings withBatchSize(int size) {
            return new WriteSettings(size, parallelism);
        }

        /** These settings with another parallelism. */
        public WriteSettings withParallelism(int n) {
            return new WriteSettings(batchSize, n);
        }
    }

    /**
     * A flow that writes its objects and emits each object's id, in order; see the class comment.
     *
     * @param system the actor system in which the instance is open
     * @param name the instance's name
     * @param type the collection's class
     */
    public static <T> Flow<T, Long, NotUsed> insert(ActorSystem<?> system, String name, Class<T> type,
                                                    WriteSettings settings) {
        return insertBatches(system, name, type, settings).mapConcat(ids -> ids);
    }

    /**
     * A flow that writes its objects and emits, per batch (one write transaction), the ids of its
     * objects, in order; see the class comment.
     */
    public static <T> Flow<T, List<Long>, NotUsed> insertBatches(ActorSystem<?> system, String name, Class<T> type,
                                                                 WriteSettings settings) {
        return writing(system, name, type, settings).mapMaterializedValue(done -> NotUsed.getInstance());
    }

    /**
     * A sink that writes its objects; see the class comment. Its stage completes with {@link Done} once
     * every object is written and the sink's handle is closed, or fails with what failed a batch (also only
     * after the handle is closed, so that the instance can be closed as soon as the stage completes).
     */
    public static <T> Sink<T, CompletionStage<Done>> sink(ActorSystem<?> system, String name, Class<T> type,
                                                        WriteSettings settings) {
        return writing(system, name, type, settings).toMat(Sink.ignore(), Keep.both())
                .mapMaterializedValue(both -> both.first()
                        .handle((closed, closeFailure) -> closeFailure)
                        .thenCompose(closeFailure -> both.second().thenApply(done -> {
                            if (closeFailure != null) {
                                throw new CompletionException(closeFailure);
                            }
                            return done;
                        })));
    }

    /** The flow; its materialized value completes when its handle is closed (or was never opened). */
    private static <T> Flow<T, List<Long>, CompletionStage<Done>> writing(ActorSystem<?> system, String name,
                                                                         Class<T> type, WriteSettings settings) {
        Objects.requireNonNull(system, "system");
        dev.atoll.internal.store.InstanceNames.check(name);
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(settings, "settings");
        return Flow.<T>create()
                .grouped(settings.batchSize())
                .viaMat(Flow.fromMaterializer((materializer, attributes) -> {
                    Writer<T> writer = new Writer<>(system, name, type);
                    return Flow.<List<T>>create()
                            .mapAsync(settings.parallelism(), writer::write)
                            .watchTermination((notUsed, ended) -> {
                                ended.whenComplete((done, failure) -> writer.ended());
                                return writer.closed;
                            })
                            // completes the stream only once the handle is closed: the instance can be closed then
                            .concat(Source.completionStage(writer.closed).mapConcat(done -> List.<List<Long>>of()));
                }), Keep.right())
                .mapMaterializedValue(stage -> stage.thenCompose(closed -> closed));
    }

    /**
     * One materialization's handle and its commits in flight. {@link #write} runs in the stream's stage,
     * one call at a time; commits answer on other threads; the handle is closed by whichever comes last,
     * the end of the stream or the last commit's answer.
     */
    private static final class Writer<T> {
        private final ActorSystem<?> system;
        private final String name;
        private final Class<T> type;
        final CompletableFuture<Done> closed = new CompletableFuture<>();
        private Atoll handle;
        private AtollCollection<T> collection;
        private int inFlight;
        private boolean ended;

        Writer(ActorSystem<?> system, String name, Class<T> type) {
            this.system = system;
            this.name = name;
            this.type = type;
        }

        CompletionStage<List<Long>> write(List<T> batch) {
            synchronized (this) {
                if (handle == null) {
                    handle = Atoll.getInstance(system, name).orElseThrow(() -> new InstanceClosedException(
                            "a stream of AtollFlows writes into instance '" + name + "', which is not open in actor"
                                    + " system '" + system.name() + "'"));
                    collection = handle.collection(type);
                }
                inFlight++;
            }
            CompletableFuture<List<Long>> result = new CompletableFuture<>();
            try {
                handle.writeTxn(() -> collection.putAllReadOnly(batch)).whenComplete((ids, failure) -> {
                    answered();
                    if (failure != null) {
                        result.completeExceptionally(unwrap(failure));
                    } else {
                        result.complete(ids);
                    }
                });
            } catch (RuntimeException e) {
                answered();
                throw e;
            }
            return result;
        }

        private synchronized void answered() {
            inFlight--;
            closeIfDone();
        }

        synchronized void ended() {
            ended = true;
            closeIfDone();
        }

        private void closeIfDone() {
            if (!ended || inFlight > 0 || closed.isDone()) {
                return;
            }
            try {
                if (handle != null) {
                    handle.close();
                }
                closed.complete(Done.getInstance());
            } catch (RuntimeException e) {
                closed.completeExceptionally(e);
            }
        }

        private static Throwable unwrap(Throwable failure) {
            return failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        }
    }
}
