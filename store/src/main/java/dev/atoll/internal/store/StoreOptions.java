package dev.atoll.internal.store;

import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * How a store keeps its file.
 *
 * @param durability when a commit counts as done
 * @param cacheSizeMb the MVStore page cache, in MB
 * @param encryptionKey the key the file is encrypted with (MVStore's AES-XTS file encryption), or
 *     null for a plain file; the store reads it on open and never changes the caller's array
 * @param filePermissions the permissions of a file (and, with execute added where read is set, of a
 *     directory) that the store creates, on file systems that have POSIX permissions; null leaves them
 *     to the operating system (the umask)
 * @param fileNamePrefix put before the file name handed to MVStore, to route the file through a
 *     registered {@code org.h2.store.fs.FilePath} (tests use it to simulate power loss and full
 *     disks); empty for the plain disk
 * @param compactionFillRate the percentage of the file's chunk space that must hold live data: below it,
 *     {@link StoreCore#compact()} rewrites the live pages of the sparsest chunks so that their space
 *     can be reused; 0 turns compaction off (chunks that hold nothing live are still reused), 100
 *     compacts after every commit (tests use it to force compaction)
 */
public record StoreOptions(Durability durability, int cacheSizeMb, char[] encryptionKey,
                           Set<PosixFilePermission> filePermissions, String fileNamePrefix,
                           int compactionFillRate) {

    /** The default {@link #compactionFillRate()}: chunks at least 3/4 live keep the file under twice its live data. */
    public static final int DEFAULT_COMPACTION_FILL_RATE = 75;

    /** Owner read and write: files 0600, directories 0700. The default. */
    public static final Set<PosixFilePermission> OWNER_ONLY =
            Set.copyOf(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));

    /** Full durability, a 16 MB cache, no encryption, owner-only files. */
    public static final StoreOptions DEFAULT = new StoreOptions(Durability.SYNC, 16);

    /** Validates and copies. */
    public StoreOptions {
        Objects.requireNonNull(durability, "durability");
        if (cacheSizeMb < 0) {
            throw new IllegalArgumentException("cacheSizeMb must not be negative: " + cacheSizeMb);
        }
        if (encryptionKey != null && encryptionKey.length == 0) {
            throw new IllegalArgumentException("an encryption key must not be empty");
        }
        encryptionKey = encryptionKey == null ? null : encryptionKey.clone();
        filePermissions = filePermissions == null ? null : Set.copyOf(filePermissions);
        fileNamePrefix = fileNamePrefix == null ? "" : fileNamePrefix;
        if (compactionFillRate < 0 || compactionFillRate > 100) {
            throw new IllegalArgumentException("compactionFillRate must be a percentage from 0 (off) to 100: "
                    + compactionFillRate);
        }
    }

    /** These settings with the default compaction fill rate. */
    public StoreOptions(Durability durability, int cacheSizeMb, char[] encryptionKey,
                        Set<PosixFilePermission> filePermissions, String fileNamePrefix) {
        this(durability, cacheSizeMb, encryptionKey, filePermissions, fileNamePrefix, DEFAULT_COMPACTION_FILL_RATE);
    }

    /** Plain, owner-only files with that durability and cache. */
    public StoreOptions(Durability durability, int cacheSizeMb) {
        this(durability, cacheSizeMb, null, OWNER_ONLY, "");
    }

    /** A copy of the key (the caller may wipe it), or null. */
    @Override
    public char[] encryptionKey() {
        return encryptionKey == null ? null : encryptionKey.clone();
    }

    /** These options with another encryption key (null for none). */
    public StoreOptions withEncryptionKey(char[] key) {
        return new StoreOptions(durability, cacheSizeMb, key, filePermissions, fileNamePrefix, compactionFillRate);
    }

    /** These options with other file permissions (null: leave them to the operating system). */
    public StoreOptions withFilePermissions(Set<PosixFilePermission> permissions) {
        return new StoreOptions(durability, cacheSizeMb, encryptionKey, permissions, fileNamePrefix,
                compactionFillRate);
    }

    /** These options with a file name prefix that routes the file through a registered FilePath. */
    public StoreOptions withFileNamePrefix(String prefix) {
        return new StoreOptions(durability, cacheSizeMb, encryptionKey, filePermissions, prefix, compactionFillRate);
    }

    /** These options with another compaction fill rate (0 to 100; 0: off). */
    public StoreOptions withCompactionFillRate(int fillRate) {
        return new StoreOptions(durability, cacheSizeMb, encryptionKey, filePermissions, fileNamePrefix, fillRate);
    }

    /** Whether the file is encrypted. */
    public boolean encrypted() {
        return encryptionKey != null;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof StoreOptions other && durability == other.durability
                && cacheSizeMb == other.cacheSizeMb && Arrays.equals(encryptionKey, other.encryptionKey)
                && Objects.equals(filePermissions, other.filePermissions)
                && fileNamePrefix.equals(other.fileNamePrefix) && compactionFillRate == other.compactionFillRate;
    }

    @Override
    public int hashCode() {
        return Objects.hash(durability, cacheSizeMb, Arrays.hashCode(encryptionKey), filePermissions,
                fileNamePrefix, compactionFillRate);
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "StoreOptions[durability=" + durability + ", cacheSizeMb=" + cacheSizeMb + ", encrypted="
                + encrypted() + ", filePermissions=" + filePermissions + ", fileNamePrefix='" + fileNamePrefix
                + "', compactionFillRate=" + compactionFillRate + "]";
    }

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
