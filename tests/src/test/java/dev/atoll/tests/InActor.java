package dev.atoll.tests;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Runs code inside a fresh actor (an isolate) and hands back its result. */
final class InActor {
    private InActor() {
    }

    static <T> CompletableFuture<T> start(ActorTestKit kit, Supplier<T> body) {
        CompletableFuture<T> result = new CompletableFuture<>();
        kit.spawn(Behaviors.<Void>setup(ctx -> {
            try {
                result.complete(body.get());
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
            return Behaviors.stopped();
        }));
        return result;
    }

    static <T> T run(ActorTestKit kit, Supplier<T> body) throws Exception {
        try {
            return start(kit, body).get(60, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw e;
        }
    }
}
