package dev.atoll.internal.store;

import org.h2.store.fs.FileBaseDefault;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A file system for MVStore (its {@link FilePath} plug-in point) that passes everything to the disk
 * and counts, per file, the forces (fsync) of its channels and records the largest size the file ever
 * reached (after every write and truncation, so a peak between two commits is not missed); it can also fail every force from some
 * point on, as a disk that fails would. Use: {@code options.withFileNamePrefix(CountingFilePath.prefix())}.
 *
 * <p>Threading: the counters are atomic.
 */
public final class CountingFilePath extends FilePathWrapper {
    static final String SCHEME = "atollcount";
    private static final Map<String, Counter> COUNTERS = new ConcurrentHashMap<>();

    static {
        FilePath.register(new CountingFilePath());
    }

    /** Public for MVStore, which makes instances by reflection. */
    public CountingFilePath() {
    }

    /** The prefix that routes a file name through this file system (registering it first). */
    static String prefix() {
        return SCHEME + ":";
    }

    /** The counter of a real file; made on first use. */
    static Counter counter(Path file) {
        return COUNTERS.computeIfAbsent(file.toAbsolutePath().normalize().toString(), k -> new Counter());
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        FilePath base = getBase();
        return new Channel(base.open(mode), counter(Path.of(base.toString())));
    }

    /** What happened to one file. */
    static final class Counter {
        final AtomicInteger forces = new AtomicInteger();
        /** The largest size the file ever had, checked after every write and truncation. */
        final java.util.concurrent.atomic.AtomicLong maxSize = new java.util.concurrent.atomic.AtomicLong();
        volatile boolean failForces;

        void noteSize(long size) {
            maxSize.accumulateAndGet(size, Math::max);
        }
    }

    private static final class Channel extends FileBaseDefault {
        private final FileChannel base;
        private final Counter counter;

        Channel(FileChannel base, Counter counter) {
            this.base = base;
            this.counter = counter;
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return base.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            int written = base.write(src, position);
            counter.noteSize(base.size());
            return written;
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        protected void implTruncate(long size) throws IOException {
            base.truncate(size);
            counter.noteSize(base.size());
        }

        @Override
        public void force(boolean metaData) throws IOException {
            if (counter.failForces) {
                throw new IOException("simulated disk failure on force");
            }
            base.force(metaData);
            counter.forces.incrementAndGet();
        }

        @Override
        public FileLock tryLock(long position, long size, boolean shared) throws IOException {
            return base.tryLock(position, size, shared);
        }

        @Override
        protected void implCloseChannel() throws IOException {
            base.close();
        }
    }
}
