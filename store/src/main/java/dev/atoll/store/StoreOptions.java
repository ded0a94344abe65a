package dev.atoll.store;

/**
 * How a store keeps its file.
 *
 * @param durability when a commit counts as done
 * @param cacheSizeMb the MVStore page cache, in MB
 */
public record StoreOptions(Durability durability, int cacheSizeMb) {

    /** Full durability, a 16 MB cache. */
    public static final StoreOptions DEFAULT = new StoreOptions(Durability.SYNC, 16);

    /** When a commit is acknowledged. */
    public enum Durability {
        /** After the commit is written and forced to the disk: survives power loss. The default. */
        SYNC,
        /**
         * After the commit is written to the operating system, without a force: survives a crash of
         * the JVM, not a power loss. Faster for many small commits.
         */
        WRITE
    }
}
