package dev.atoll.tests.watch;

import dev.atoll.AtollCollection;
import dev.atoll.QueryChanges;
import dev.atoll.WatchAck;
import dev.atoll.tests.Message;
import org.apache.pekko.actor.typed.ActorRef;

/**
 * The variables the README's fragment of newer watcher kinds uses; {@code ReadmeCompileTest} compiles
 * that fragment inside a subclass of this. {@link ReadmeWatchKindsTest} runs it.
 */
public abstract class ReadmeWatchContext {
    /** The message of the README's acknowledged query watcher. */
    public record Latest(int size, ActorRef<WatchAck> ackTo) {
    }

    protected AtollCollection<Message> messages;
    protected long id;
    protected ActorRef<Latest> self;
    /** An actor that takes the diffs of a query. */
    protected ActorRef<QueryChanges<Message>> diffs;
}
