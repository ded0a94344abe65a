package dev.atoll;

import java.util.concurrent.CompletionStage;

/**
 * Bench only: the store's signal of its next durable, readable commit, so that the feed benchmark times
 * delivery from the store's commit rather than from the writer's acknowledgement. Lives in {@code dev.atoll}
 * for package access; never shipped.
 */
public final class FeedProbe {
    private FeedProbe() {
    }

    /** Completes, on the store's thread, right after the next commit is forced and readable. */
    public static CompletionStage<Long> nextCommit(Atoll db) {
        return db.instance().core.nextCommit();
    }
}
