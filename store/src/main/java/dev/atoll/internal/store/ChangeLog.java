package dev.atoll.internal.store;

import dev.atoll.feed.ChangeEvent;
import dev.atoll.feed.ChangedIds;
import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The change log's entries and what reading it gives. One entry per commit version, in the map
 * {@value #MAP} of the file (the same page checksums as the data maps): the commit's time, whether it was
 * silent, and per collection the clear marker and the ids inserted, updated and deleted, each list sorted
 * and written as deltas in variable-length integers (a commit of consecutive ids takes about a byte per id).
 */
public final class ChangeLog {
    /** The name of the log's map in the file. */
    public static final String MAP = "changelog";

    private static final int SILENT = 1;
    private static final int CLEARED = 1;

    private ChangeLog() {
    }

    /**
     * How long the log reaches back: the newest {@code maxEntries} versions, and only those younger than
     * {@code maxAge}; whichever keeps fewer wins.
     *
     * @param maxEntries the number of versions kept: 1 or more
     * @param maxAge how old a kept entry may be: above zero
     */
    public record Retention(long maxEntries, Duration maxAge) {
        /** The longest {@link #maxAge()}: 100 years. */
        public static final Duration MAX_AGE = Duration.ofDays(36_500);

        /** 10,000 versions, one day: see the README ("The change feed") for why. */
        public static final Retention DEFAULT = new Retention(10_000, Duration.ofDays(1));

        /** Validates. */
        public Retention {
            Objects.requireNonNull(maxAge, "maxAge");
            if (maxEntries < 1) {
                throw new IllegalArgumentException("the change log's maxEntries is " + maxEntries
                        + "; it must be 1 or more");
            }
            if (maxAge.isZero() || maxAge.isNegative() || maxAge.compareTo(MAX_AGE) > 0) {
                throw new IllegalArgumentException("the change log's maxAge is " + maxAge
                        + "; it must be above 0 and at most " + MAX_AGE.toDays() + " days");
            }
        }
    }

    /**
     * What a read of the log found after a version.
     *
     * @param events the commits after the version asked for, consecutive and in order (at most the number
     *     asked for; empty when there is none yet, or when history was lost)
     * @param historyLost whether the log no longer holds the version right after the one asked for
     * @param oldest the oldest version the log holds (0 when it holds none): after a lost history, read again
     *     from {@code oldest - 1}
     * @param newest the newest committed version
     */
    public record Read(List<ChangeEvent> events, boolean historyLost, long oldest, long newest) {
        public Read {
            events = List.copyOf(events);
        }
    }

    /** The bytes of one entry. */
    static byte[] encode(long timeMillis, boolean silent, Map<String, ChangedIds> changes) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(16 + changes.size() * 16);
        writeVarLong(out, timeMillis);
        out.write(silent ? SILENT : 0);
        writeVarLong(out, changes.size());
        for (Map.Entry<String, ChangedIds> e : changes.entrySet()) {
            byte[] name = e.getKey().getBytes(StandardCharsets.UTF_8);
            writeVarLong(out, name.length);
            out.write(name, 0, name.length);
            ChangedIds ids = e.getValue();
            out.write(ids.cleared() ? CLEARED : 0);
            writeIds(out, ids.inserted());
            writeIds(out, ids.updated());
            writeIds(out, ids.deleted());
        }
        return out.toByteArray();
    }

    /** The time of an entry, in epoch milliseconds. */
    static long time(byte[] entry) {
        return new In(entry).varLong();
    }

    /**
     * The event of one entry: a silent commit has no changes, as it was published.
     *
     * @throws CorruptFileException when the entry cannot be read
     */
    static ChangeEvent decode(String instance, long version, byte[] entry) {
        try {
            In in = new In(entry);
            in.varLong();
            boolean silent = in.next() == SILENT;
            long collections = in.varLong();
            Map<String, ChangedIds> changes = new LinkedHashMap<>();
            for (long c = 0; c < collections; c++) {
                int length = in.length();
                String name = new String(entry, in.take(length), length, StandardCharsets.UTF_8);
                boolean cleared = in.next() == CLEARED;
                long[] inserted = in.ids();
                long[] updated = in.ids();
                long[] deleted = in.ids();
                changes.put(name, ChangedIds.of(cleared, inserted, updated, deleted));
            }
            if (in.pos != entry.length) {
                throw new IllegalArgumentException((entry.length - in.pos) + " bytes left over");
            }
            return new ChangeEvent(instance, version, silent ? Map.of() : changes);
        } catch (RuntimeException e) {
            throw Faults.of(Fault.CORRUPT_FILE, "instance '" + instance + "': the change log entry of version " + version
                    + " is damaged (" + e.getMessage() + ")", e);
        }
    }

    private static void writeIds(ByteArrayOutputStream out, long[] sorted) {
        writeVarLong(out, sorted.length);
        long previous = 0;
        for (long id : sorted) {
            writeVarLong(out, id - previous);
            previous = id;
        }
    }

    private static void writeVarLong(ByteArrayOutputStream out, long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static final class In {
        private final byte[] bytes;
        private int pos;

        In(byte[] bytes) {
            this.bytes = bytes;
        }

        int next() {
            if (pos >= bytes.length) {
                throw new IllegalArgumentException("the entry ends early");
            }
            return bytes[pos++] & 0xFF;
        }

        long varLong() {
            long v = 0;
            for (int shift = 0; shift < 64; shift += 7) {
                int b = next();
                v |= (long) (b & 0x7F) << shift;
                if ((b & 0x80) == 0) {
                    return v;
                }
            }
            throw new IllegalArgumentException("a number longer than 64 bits");
        }

        int length() {
            long n = varLong();
            if (n < 0 || n > bytes.length - pos) {
                throw new IllegalArgumentException("a length of " + n + " with " + (bytes.length - pos) + " bytes left");
            }
            return (int) n;
        }

        int take(int n) {
            int at = pos;
            pos += n;
            return at;
        }

        long[] ids() {
            long[] ids = new long[length()]; // each id takes a byte at least, so the length is bounded by the entry
            long previous = 0;
            for (int i = 0; i < ids.length; i++) {
                previous += varLong();
                ids[i] = previous;
            }
            return ids;
        }
    }
}
