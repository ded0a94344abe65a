package dev.atoll;

/**
 * A watcher's registration. Cancel it to stop the deliveries.
 *
 * <p>Threading: safe to use from any thread.
 */
public interface Subscription {
    /**
     * Stops the deliveries and the watcher's internal actor. Idempotent. After it returns no new
     * callback starts and no new message is sent; a callback that is running finishes, and messages
     * sent before stay in the target's mailbox.
     */
    void cancel();

    /** Whether {@link #cancel()} ran or the subscription ended by itself (its target actor stopped). */
    boolean isCancelled();
}
