package dev.atoll.internal.store;

import org.h2.store.fs.FileBaseDefault;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;

/**
 * The file system Atoll's stores are opened through. MVStore writes its header (which names the newest chunk)
 * right after that chunk, unforced, both copies in one write; under {@code write} durability nothing forces
 * either for many commits. PowerLossTest's long run under {@code write} (seed 20240611) found a crash point
 * after which reads failed ("Unable to read the page", op 539 of 682) and one that tore both copies ("Store
 * header is corrupt", op 737). So this layer forces the file before a header write whenever anything was
 * written since the last force, and writes the two copies one at a time with a force between them: one whole
 * copy always names a chunk that is on the disk. Cost: up to two forces per header write, under {@code sync}
 * too (a commit that writes the header forces up to three times); MVStore writes the header when a chunk does
 * not land where the last one predicted, and at least every 20 versions.
 */
public final class HeaderGuardFilePath extends FilePathWrapper {
    static final String SCHEME = "atollheader";
    /**
     * MVStore's two header blocks. Only these: this layer sits above the options' prefix (encryption
     * included), so it sees MVStore's own positions, and MVStore writes chunks from block 2 on. (Three blocks
     * here took a chunk written at block 2 for a header write: neither forced before the header that named
     * it, and a crash that kept the header and dropped the chunk lost an acknowledged commit.)
     */
    static final long HEADER_BYTES = 2 * 4096L;
    /** One copy of the header. */
    static final long BLOCK = 4096L;

    static {
        FilePath.register(new HeaderGuardFilePath());
    }

    /** Public for MVStore, which makes instances by reflection. */
    public HeaderGuardFilePath() {
    }

    /** The prefix that routes a file name through this file system (registering it first). */
    static String prefix() {
        return SCHEME + ":";
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        return new Channel(getBase().open(mode));
    }

    private static final class Channel extends FileBaseDefault {
        private final FileChannel base;
        /** Whether anything was written since the last force. */
        private boolean unforced;

        Channel(FileChannel base) {
            this.base = base;
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return base.read(dst, position);
        }

        @Override
        public synchronized int write(ByteBuffer src, long position) throws IOException {
            if (position >= HEADER_BYTES) {
                unforced = true;
                return base.write(src, position);
            }
            if (unforced) {
                base.force(false); // the chunk the header names, and anything else, first
            }
            // MVStore writes both copies of the header in one write: a power loss could tear both. One copy at a
            // time, forced before the next, leaves one whole copy on the disk whenever the other is torn.
            int written = 0;
            while (src.hasRemaining()) {
                long at = position + written;
                ByteBuffer block = src.slice();
                if (at < HEADER_BYTES) {
                    int copy = (int) Math.min(block.remaining(), BLOCK - at % BLOCK);
                    block.limit(copy);
                }
                int n = base.write(block, at);
                src.position(src.position() + n);
                written += n;
                if (at < HEADER_BYTES && src.hasRemaining()) {
                    base.force(false);
                }
            }
            unforced = true; // the copy just written: the next header write forces it first
            return written;
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        protected void implTruncate(long size) throws IOException {
            base.truncate(size);
        }

        @Override
        public synchronized void force(boolean metaData) throws IOException {
            base.force(metaData);
            unforced = false;
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
