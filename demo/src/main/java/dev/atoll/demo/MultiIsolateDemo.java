package dev.atoll.demo;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

/**
 * The example of Isar's "multi-isolate usage" page, in Java: the main actor opens
 * {@code myInstance}, watches the messages lazily, and starts {@link Atoll#compute} with a
 * function that opens the same instance again (another isolate, another handle) and inserts
 * 10,000 messages in one synchronous write transaction.
 *
 * <p>Run: {@code mvn -q -pl demo exec:exec}; {@code -Ddemo.dir=PATH} names the data folder (default: a
 * new temporary folder).
 */
public final class MultiIsolateDemo {
    private static final String INSTANCE = "myInstance";

    private MultiIsolateDemo() {
    }

    /** What the main actor hears. */
    sealed interface Event {
    }

    /** The watcher fired. */
    enum MessagesChanged implements Event {
        INSTANCE
    }

    /** The isolate's function returned. */
    record IsolateFinished(Throwable failure) implements Event {
    }

    /** Runs the demo; exits with 0 when everything went as the seed says. */
    public static void main(String[] args) throws Exception {
        // Start logging before the actor system's threads do, so SLF4J has nothing to replay.
        org.slf4j.LoggerFactory.getLogger(MultiIsolateDemo.class);
        Path dir = args.length > 0 && !args[0].isBlank() ? Path.of(args[0]) : Files.createTempDirectory("atoll-demo");
        ActorSystem<Event> system = ActorSystem.create(main(dir, 10_000), "demo");
        system.getWhenTerminated().toCompletableFuture().get(2, TimeUnit.MINUTES);
        System.exit(exitCode);
    }

    private static volatile int exitCode = 1;

    static Behavior<Event> main(Path dir, int count) {
        return Behaviors.setup(ctx -> {
            // Open Atoll in the main actor (the UI isolate of the seed).
            Atoll atoll = Atoll.open(ctx.getSystem(), List.of(Message.class), dir, INSTANCE);
            AtollCollection<Message> messages = atoll.collection(Message.class);
            long before = messages.count();

            // Listen to changes in the database.
            ActorRef<Event> self = ctx.getSelf();
            messages.watchLazy(() -> {
                System.out.println("omg the messages changed!");
                self.tell(MessagesChanged.INSTANCE);
            });

            // Start a new isolate and create the messages there.
            ctx.pipeToSelf(Atoll.compute(ctx.getSystem(), MultiIsolateDemo::createDummyMessages,
                    new Job(ctx.getSystem(), dir, count)), (ignored, failure) -> new IsolateFinished(failure));

            return waiting(atoll, messages, dir, before + count, false, false);
        });
    }

    private static Behavior<Event> waiting(Atoll atoll, AtollCollection<Message> messages, Path dir,
                                           long expected, boolean changed, boolean finished) {
        if (changed && finished) {
            long stored = messages.count();
            System.out.println("messages stored: " + stored + " (data folder: " + dir + ")");
            atoll.close();
            exitCode = stored == expected ? 0 : 2;
            return Behaviors.stopped();
        }
        return Behaviors.receive(Event.class)
                .onMessageEquals(MessagesChanged.INSTANCE,
                        () -> waiting(atoll, messages, dir, expected, true, finished))
                .onMessage(IsolateFinished.class, done -> {
                    if (done.failure() != null) {
                        done.failure().printStackTrace();
                        atoll.close();
                        return Behaviors.stopped();
                    }
                    System.out.println("isolate finished");
                    return waiting(atoll, messages, dir, expected, changed, true);
                })
                .build();
    }

    /** The argument of the isolate's function: the actor system is how an isolate reaches the instance. */
    record Job(ActorSystem<?> system, Path dir, int count) {
    }

    /** Runs in the isolate: a handle of its own, its own Kryo, and a synchronous transaction. */
    static Long createDummyMessages(Job job) {
        // The instance is open already: this open returns a new handle on the same instance.
        Atoll atoll = Atoll.open(job.system(), List.of(Message.class), job.dir(), INSTANCE);
        try {
            AtollCollection<Message> messages = atoll.collection(Message.class);
            List<Message> batch = IntStream.range(0, job.count())
                    .mapToObj(i -> new Message("Message " + i)).toList();
            // Blocking this isolate is no problem, and synchronous transactions are a little faster.
            atoll.writeTxnSync(() -> messages.putAll(batch));
            return (long) batch.size();
        } finally {
            atoll.close();
        }
    }
}
