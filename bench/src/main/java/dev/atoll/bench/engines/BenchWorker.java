package dev.atoll.bench.engines;

import dev.atoll.Atoll;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A worker actor that holds its own Atoll handle (its own Kryo and buffers) and runs functions on it, one
 * at a time: the "isolate" of Atoll's model. Runs on Pekko's blocking dispatcher, since a write transaction
 * waits for the store actor's fsync.
 */
public final class BenchWorker {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    /** The worker's protocol. */
    public sealed interface Command {
    }

    /** Runs {@code fn} on the worker's handle and completes {@code result} with what it returns. */
    public record Run(Function<Atoll, Object> fn, CompletableFuture<Object> result) implements Command {
    }

    /** Stops the worker; its handle is closed. */
    public enum Stop implements Command {
        INSTANCE
    }

    private final ActorRef<Command> ref;

    private BenchWorker(ActorRef<Command> ref) {
        this.ref = ref;
    }

    /** Starts a worker that opens its own handle on the named instance. */
    public static BenchWorker start(ActorSystem<?> system, List<Class<?>> classes, Path dir, String name) {
        Behavior<Command> behavior = Behaviors.setup(ctx -> {
            Atoll db = Atoll.open(system, classes, dir, name);
            return Behaviors.receive(Command.class)
                    .onMessage(Run.class, run -> {
                        try {
                            run.result().complete(run.fn().apply(db));
                        } catch (Throwable t) {
                            run.result().completeExceptionally(t);
                        }
                        return Behaviors.same();
                    })
                    .onMessageEquals(Stop.INSTANCE, Behaviors::stopped)
                    .onSignal(PostStop.class, s -> {
                        db.close();
                        return Behaviors.same();
                    })
                    .build();
        });
        return new BenchWorker(system.systemActorOf(behavior, "bench-worker-" + SEQUENCE.incrementAndGet(),
                DispatcherSelector.blocking()));
    }

    /** Runs a function in the worker and returns a stage of its result. */
    @SuppressWarnings("unchecked")
    public <R> CompletableFuture<R> submit(Function<Atoll, R> fn) {
        CompletableFuture<Object> result = new CompletableFuture<>();
        ref.tell(new Run((Function<Atoll, Object>) fn, result));
        return (CompletableFuture<R>) (CompletableFuture<?>) result;
    }

    /** Runs a function in the worker and waits for its result. */
    public <R> R call(Function<Atoll, R> fn) {
        return submit(fn).join();
    }

    /** Stops the worker, which closes its handle. */
    public void stop() {
        ref.tell(Stop.INSTANCE);
    }
}
