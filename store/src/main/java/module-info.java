/**
 * Atoll's store: the MVStore file, its format, the commit and the change log. Users import
 * {@code dev.atoll.feed} (the change events every commit publishes); the store itself is internal,
 * open only to the API module.
 */
module dev.atoll.store {
    requires transitive dev.atoll.serialization;
    requires com.h2database.mvstore;
    requires pekko.actor.typed;
    requires pekko.actor;
    requires scala.library;
    requires org.slf4j;

    exports dev.atoll.feed;
    // and to MVStore, which makes the file system a store is opened through (HeaderGuardFilePath) by reflection
    exports dev.atoll.internal.store to dev.atoll, com.h2database.mvstore;
}
