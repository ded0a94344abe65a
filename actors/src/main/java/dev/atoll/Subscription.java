package dev.atoll;

/** A watcher's registration. Cancel it to stop the deliveries. */
public interface Subscription {
    /** Stops the deliveries. Idempotent; deliveries already under way may still arrive. */
    void cancel();

    /** Whether {@link #cancel()} ran or the subscription ended by itself (its target actor stopped). */
    boolean isCancelled();
}
