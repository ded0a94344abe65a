package dev.atoll.tests.stream;

import dev.atoll.Atoll;
import dev.atoll.AtollFlows;
import dev.atoll.tests.Message;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.stream.javadsl.Sink;
import org.apache.pekko.stream.javadsl.Source;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The child JVM of {@link MillionStreamTest}, started with a small heap: streams {@code count} new
 * {@link Message}s (content {@code "m<i>"}) through {@link AtollFlows#insert} into a fresh instance, checks
 * that the ids come in order, and prints {@code IDS <count> <first> <last> <in order>} and
 * {@code COUNT <stored>}. Arguments: directory, count, batch size.
 */
public final class MillionStreamChild {
    static final String NAME = "million";

    private MillionStreamChild() {
    }

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        int count = Integer.parseInt(args[1]);
        int batchSize = Integer.parseInt(args[2]);
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "million");
        try {
            Atoll db = Atoll.open(system, List.of(Message.class), dir, NAME);
            long[] seen = {0, 0, 0, 1}; // count, first, last, in order (1 or 0)
            Source.range(0, count - 1)
                    .map(i -> new Message("m" + i))
                    .via(AtollFlows.insert(system, NAME, Message.class, AtollFlows.WriteSettings.defaults()
                            .withBatchSize(batchSize)))
                    .runWith(Sink.foreach(id -> {
                        if (seen[0] == 0) {
                            seen[1] = id;
                        } else if (id <= seen[2]) {
                            seen[3] = 0;
                        }
                        seen[2] = id;
                        seen[0]++;
                    }), system)
                    .toCompletableFuture().get(10, TimeUnit.MINUTES);
            System.out.println("IDS " + seen[0] + " " + seen[1] + " " + seen[2] + " " + (seen[3] == 1));
            System.out.println("COUNT " + db.collection(Message.class).count());
            System.out.println("HEAP " + Runtime.getRuntime().maxMemory());
            db.close();
        } finally {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().get(1, TimeUnit.MINUTES);
        }
    }
}
