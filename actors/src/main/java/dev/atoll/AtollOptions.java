package dev.atoll;

import java.nio.file.attribute.PosixFilePermission;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How an instance keeps its file: durability, encryption at rest, file permissions and the size limit
 * of one object. Given to {@link Atoll#open(org.apache.pekko.actor.typed.ActorSystem, java.util.List,
 * java.nio.file.Path, String, AtollOptions)}; immutable.
 *
 * <pre>{@code
 * AtollOptions options = AtollOptions.builder()
 *         .encryptionKey(key)              // a long random key, or one derived with PBKDF2 (see below)
 *         .maxObjectSize(1 << 20)          // refuse objects that encode to more than 1 MB
 *         .build();
 * }</pre>
 *
 * <p>Encryption: the file is encrypted with MVStore's AES-XTS file encryption. MVStore derives the
 * AES key from the given characters with only 10 rounds of PBKDF2-SHA256, so a short or guessable
 * password is weak: give a long random key (for example 32 random bytes, hex-encoded), or derive one
 * from a password yourself with a slow derivation (PBKDF2 with hundreds of thousands of rounds, scrypt,
 * or Argon2) and a stored salt. The key is not kept in the file; a lost key is lost data. Opening an
 * encrypted file with another key fails with {@link ErrorCode#WRONG_KEY}, not as a damaged file.
 *
 * <p>Threading: immutable, may be shared.
 */
public final class AtollOptions {
    /** The default limit of one encoded object: 16 MB. */
    public static final int DEFAULT_MAX_OBJECT_SIZE = 16 * 1024 * 1024;

    private static final AtollOptions DEFAULTS = builder().build();

    private final Durability durability;
    private final char[] encryptionKey;
    private final Set<PosixFilePermission> filePermissions;
    private final int maxObjectSize;

    private AtollOptions(Builder b) {
        this.durability = b.durability;
        this.encryptionKey = b.encryptionKey == null ? null : b.encryptionKey.clone();
        this.filePermissions = b.filePermissions;
        this.maxObjectSize = b.maxObjectSize;
    }

    /** The defaults: durability from {@code atoll.durability}, no encryption, owner-only files, 16 MB objects. */
    public static AtollOptions defaults() {
        return DEFAULTS;
    }

    /** A builder that starts from the defaults. */
    public static Builder builder() {
        return new Builder();
    }

    /** The durability, or empty to take {@code atoll.durability} from the configuration. */
    public Optional<Durability> durability() {
        return Optional.ofNullable(durability);
    }

    /** Whether the file is encrypted. */
    public boolean encrypted() {
        return encryptionKey != null;
    }

    /** A copy of the encryption key, or null when none was given; the caller should wipe it after use. */
    public char[] encryptionKey() {
        return encryptionKey == null ? null : encryptionKey.clone();
    }

    /** The permissions of the files the instance creates, or null to leave them to the operating system. */
    public Set<PosixFilePermission> filePermissions() {
        return filePermissions;
    }

    /** The largest encoded object a put accepts, in bytes. */
    public int maxObjectSize() {
        return maxObjectSize;
    }

    /** What differs from other options, in words (never showing a key), or empty when they are the same. */
    public Optional<String> differenceFrom(AtollOptions other) {
        if (!Objects.equals(durability, other.durability)) {
            return Optional.of("durability " + durability + " vs " + other.durability);
        }
        if (!Arrays.equals(encryptionKey, other.encryptionKey)) {
            return Optional.of(encrypted() == other.encrypted() ? "another encryption key"
                    : encrypted() ? "an encryption key vs none" : "no encryption key vs one");
        }
        if (!Objects.equals(filePermissions, other.filePermissions)) {
            return Optional.of("file permissions " + filePermissions + " vs " + other.filePermissions);
        }
        if (maxObjectSize != other.maxObjectSize) {
            return Optional.of("maxObjectSize " + maxObjectSize + " vs " + other.maxObjectSize);
        }
        return Optional.empty();
    }

    /** Never shows the key. */
    @Override
    public String toString() {
        return "AtollOptions[durability=" + (durability == null ? "from config" : durability) + ", encrypted="
                + encrypted() + ", filePermissions=" + filePermissions + ", maxObjectSize=" + maxObjectSize + "]";
    }

    /** When a commit is acknowledged. */
    public enum Durability {
        /** After the commit is written and forced to the disk: survives power loss. The default. */
        SYNC,
        /** After the commit is handed to the operating system, without a force: survives a JVM crash only. */
        WRITE
    }

    /** Builds {@link AtollOptions}. Not thread-safe. */
    public static final class Builder {
        private Durability durability;
        private char[] encryptionKey;
        private Set<PosixFilePermission> filePermissions =
                Set.copyOf(EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE));
        private int maxObjectSize = DEFAULT_MAX_OBJECT_SIZE;

        private Builder() {
        }

        /** Acknowledges commits after a force ({@code SYNC}) or after the OS write ({@code WRITE}). */
        public Builder durability(Durability durability) {
            this.durability = Objects.requireNonNull(durability, "durability");
            return this;
        }

        /**
         * Encrypts the file at rest with this key (copied; wipe your array afterwards). See the class
         * comment: the key must be long and random, or derived with a slow key derivation.
         *
         * @throws IllegalArgumentException when the key is empty
         */
        public Builder encryptionKey(char[] key) {
            Objects.requireNonNull(key, "key");
            if (key.length == 0) {
                throw new IllegalArgumentException("an encryption key must not be empty");
            }
            this.encryptionKey = key.clone();
            return this;
        }

        /**
         * Creates the file with these permissions, and a directory that does not exist yet with the same
         * plus execute wherever read is given. The default is owner-only: file 0600, directory 0700.
         * Applies on file systems with POSIX permissions; files that exist keep theirs.
         */
        public Builder filePermissions(Set<PosixFilePermission> permissions) {
            Objects.requireNonNull(permissions, "permissions");
            if (!permissions.contains(PosixFilePermission.OWNER_READ)
                    || !permissions.contains(PosixFilePermission.OWNER_WRITE)) {
                throw new IllegalArgumentException("the owner must be able to read and write the file: "
                        + permissions);
            }
            this.filePermissions = Set.copyOf(permissions);
            return this;
        }

        /** Leaves the permissions of created files and directories to the operating system (the umask). */
        public Builder systemFilePermissions() {
            this.filePermissions = null;
            return this;
        }

        /**
         * Refuses a put of an object that encodes to more than this many bytes, with an
         * {@link IllegalArgumentException} that names the limit. The default is 16 MB.
         *
         * @throws IllegalArgumentException when the limit is not positive
         */
        public Builder maxObjectSize(int bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("maxObjectSize must be positive: " + bytes);
            }
            this.maxObjectSize = bytes;
            return this;
        }

        /** The options. */
        public AtollOptions build() {
            return new AtollOptions(this);
        }
    }
}
