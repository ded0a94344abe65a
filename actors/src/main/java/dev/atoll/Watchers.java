package dev.atoll;

import org.apache.pekko.actor.typed.ActorRef;
import org.apache.pekko.actor.typed.Behavior;
import org.apache.pekko.actor.typed.PostStop;
import org.apache.pekko.actor.typed.Terminated;
import org.apache.pekko.actor.typed.javadsl.Behaviors;
import org.apache.pekko.actor.typed.pubsub.Topic;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Internal: the actors behind watchers. Each watcher is one small actor subscribed to the
 * instance's change topic; it checks each event and then calls back or tells its target. The
 * subscription is sent to the topic from the watching thread before the watch call returns, so
 * every commit that starts after the call is delivered.
 */
final class Watchers {
    private static final AtomicLong SEQUENCE = new AtomicLong();

    private enum Cancel {
        INSTANCE
    }

    private Watchers() {
    }

    static Subscription lazyCallback(Instance instance, String collection, WatchOptions options, Runnable callback) {
        return start(instance, collection, options, null, callback);
    }

    static <M> Subscription lazyMessage(Instance instance, String collection, WatchOptions options,
                                        ActorRef<M> target, M message) {
        return start(instance, collection, options, target, () -> target.tell(message));
    }

    private static Subscription start(Instance instance, String collection, WatchOptions options,
                                      ActorRef<?> target, Runnable action) {
        AtomicBoolean ended = new AtomicBoolean();
        Behavior<Object> behavior = Behaviors.setup(ctx -> {
            if (target != null) {
                ctx.watch(target);
            }
            if (options.firesImmediately()) {
                run(ctx.getLog(), action);
            }
            return Behaviors.receive(Object.class)
                    .onMessage(ChangeEvent.class, event -> {
                        if (event.touches(collection)) {
                            run(ctx.getLog(), action);
                        }
                        return Behaviors.same();
                    })
                    .onMessageEquals(Cancel.INSTANCE, Behaviors::stopped)
                    .onSignal(Terminated.class, t -> Behaviors.stopped())
                    .onSignal(PostStop.class, s -> {
                        ended.set(true);
                        return Behaviors.same();
                    })
                    .build();
        });
        ActorRef<Object> watcher = instance.system.systemActorOf(behavior,
                "atoll-watch-" + SEQUENCE.incrementAndGet(), org.apache.pekko.actor.typed.Props.empty());
        ActorRef<ChangeEvent> subscriber = watcher.narrow();
        instance.topic.tell(Topic.subscribe(subscriber));
        return new Subscription() {
            @Override
            public void cancel() {
                if (ended.compareAndSet(false, true)) {
                    instance.topic.tell(Topic.unsubscribe(subscriber));
                    watcher.tell(Cancel.INSTANCE);
                }
            }

            @Override
            public boolean isCancelled() {
                return ended.get();
            }
        };
    }

    private static void run(org.slf4j.Logger log, Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            log.error("an Atoll watcher's callback failed", e);
        }
    }
}
