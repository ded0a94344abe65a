package dev.atoll.tests.crash;

import org.h2.store.fs.FileBaseDefault;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A file system for MVStore (its {@link FilePath} plug-in point) that simulates a disk with a volatile
 * write cache: writes reach the real file at once (so the store reads what it wrote), but each write
 * since the last {@code force} is also kept apart, and {@link Disk#image} builds the file as it would
 * be after a power loss: the forced state, then each unforced write kept, dropped or torn (see
 * {@link Fate#GARBLE}). It can
 * also fail the Nth write, truncate or force, once or for good (a full disk), or lose power there.
 *
 * <p>Use: {@code StoreOptions.withFileNamePrefix(CrashFilePath.prefix())}, and {@link #disk(Path)} to
 * control the file. Threading: a disk's methods are synchronized.
 */
public final class CrashFilePath extends FilePathWrapper {
    static final String SCHEME = "atollcrash";
    /** The unit a disk writes atomically, if at all. */
    static final int SECTOR = 4096;
    private static final Map<String, Disk> DISKS = new ConcurrentHashMap<>();

    static {
        FilePath.register(new CrashFilePath());
    }

    /** Public for MVStore, which makes instances by reflection. */
    public CrashFilePath() {
    }

    /** The prefix that routes a file name through this file system (registering it first). */
    static String prefix() {
        return SCHEME + ":";
    }

    /** The simulated disk of a real file; made on first use. */
    static Disk disk(Path file) {
        return DISKS.computeIfAbsent(file.toAbsolutePath().normalize().toString(), k -> new Disk());
    }

    /** Forgets the disk of a file. */
    static void forget(Path file) {
        DISKS.remove(file.toAbsolutePath().normalize().toString());
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        FilePath base = getBase();
        FileChannel channel = base.open(mode);
        Path real = Path.of(base.toString());
        Disk disk = disk(real);
        disk.attach(real);
        return new Channel(channel, disk);
    }

    /** What becomes of each write that was not forced when the power went out. */
    enum Fate {
        /** Every unforced write reached the platter. */
        KEEP,
        /** None did. */
        DROP,
        /**
         * Each is torn: its 4096-byte sectors reach the disk in order and the power goes out during
         * a random one, which then holds random bytes; the sectors after it are lost.
         */
        GARBLE,
        /** Each one kept, dropped or garbled at random. */
        MIXED
    }

    /** The state of one simulated disk. */
    static final class Disk {
        private byte[] durable;
        private final List<Op> unforced = new ArrayList<>();
        private long ops;
        private long failAt = -1;
        private boolean failForGood;
        private boolean diskFull;
        private long powerOffAt = -1;
        private boolean poweredOff;

        private record Op(long position, byte[] bytes, long truncateTo) {
        }

        /** Reads the forced state from the real file when the disk is first used. */
        synchronized void attach(Path real) throws IOException {
            if (durable == null) {
                durable = Files.exists(real) ? Files.readAllBytes(real) : new byte[0];
            }
        }

        /** How many writes, truncates and forces the disk has seen. */
        synchronized long ops() {
            return ops;
        }

        /**
         * Fails the op numbered {@code n} (from 1), and every later one if {@code forGood}, with an I/O
         * error that is not a full disk.
         */
        synchronized void failAt(long n, boolean forGood) {
            failAt = n;
            failForGood = forGood;
            diskFull = false;
        }

        /**
         * Fails the op numbered {@code n} (from 1) and every later one as a full disk does, with the
         * operating system's message for ENOSPC ("No space left on device").
         */
        synchronized void fillAt(long n) {
            failAt = n;
            failForGood = true;
            diskFull = true;
        }

        /** Loses power at the op numbered {@code n} (from 1): it and every later one fails. */
        synchronized void powerOffAt(long n) {
            powerOffAt = n;
        }

        /** Whether the power is off. */
        synchronized boolean poweredOff() {
            return poweredOff;
        }

        /** Ends failures: the disk has room again (ops are counted on). */
        synchronized void heal() {
            failAt = -1;
            failForGood = false;
        }

        private void before(String what) throws IOException {
            long n = ++ops;
            if (poweredOff || n == powerOffAt) {
                poweredOff = true;
                throw new IOException("simulated power loss at " + what + " (op " + n + ")");
            }
            if (n == failAt || (failForGood && failAt > 0 && n > failAt)) {
                throw new IOException(diskFull ? "No space left on device"
                        : "simulated I/O error at " + what + " (op " + n + ")");
            }
        }

        synchronized void write(FileChannel base, ByteBuffer src, long position, int[] written) throws IOException {
            before("write");
            byte[] bytes = new byte[src.remaining()];
            src.duplicate().get(bytes);
            int n = base.write(src, position);
            written[0] = n;
            unforced.add(new Op(position, Arrays.copyOf(bytes, n), -1));
        }

        synchronized void truncate(FileChannel base, long size) throws IOException {
            before("truncate");
            base.truncate(size);
            unforced.add(new Op(0, null, size));
        }

        synchronized void force(FileChannel base, boolean metaData) throws IOException {
            before("force");
            base.force(metaData);
            durable = apply(durable, unforced, Fate.KEEP, null);
            unforced.clear();
        }

        /** The file as a power loss now would leave it. */
        synchronized byte[] image(Fate fate, Random random) {
            return apply(durable, unforced, fate, random);
        }

        /** Writes {@link #image} to a file, or no file when the store never opened this one. */
        synchronized void writeImage(Path target, Fate fate, Random random) throws IOException {
            if (durable == null) {
                Files.deleteIfExists(target);
                return;
            }
            Files.write(target, image(fate, random));
        }

        /** How many writes and truncates wait for a force. */
        synchronized int unforcedCount() {
            return unforced.size();
        }

        private static byte[] apply(byte[] start, List<Op> ops, Fate fate, Random random) {
            byte[] file = start.clone();
            for (Op op : ops) {
                Fate f = fate == Fate.MIXED ? Fate.values()[random.nextInt(3)] : fate;
                if (f == Fate.DROP) {
                    continue;
                }
                if (op.bytes() == null) {
                    file = Arrays.copyOf(file, (int) Math.min(file.length, op.truncateTo()));
                    continue;
                }
                int end = (int) op.position() + op.bytes().length;
                if (end > file.length) {
                    file = Arrays.copyOf(file, end);
                }
                if (f == Fate.GARBLE) {
                    // A torn write: its sectors reach the disk in order; the one in flight holds noise,
                    // those before it are written, those after it never are.
                    int sectors = (op.bytes().length + SECTOR - 1) / SECTOR;
                    int torn = random.nextInt(sectors);
                    for (int sector = 0; sector <= torn; sector++) {
                        int from = sector * SECTOR;
                        int len = Math.min(SECTOR, op.bytes().length - from);
                        byte[] bytes = Arrays.copyOfRange(op.bytes(), from, from + len);
                        if (sector == torn) {
                            random.nextBytes(bytes);
                        }
                        System.arraycopy(bytes, 0, file, (int) op.position() + from, len);
                    }
                } else {
                    System.arraycopy(op.bytes(), 0, file, (int) op.position(), op.bytes().length);
                }
            }
            return file;
        }
    }

    /** A channel whose writes, truncates and forces go through its disk. */
    private static final class Channel extends FileBaseDefault {
        private final FileChannel base;
        private final Disk disk;

        Channel(FileChannel base, Disk disk) {
            this.base = base;
            this.disk = disk;
        }

        @Override
        public int read(ByteBuffer dst, long position) throws IOException {
            return base.read(dst, position);
        }

        @Override
        public int write(ByteBuffer src, long position) throws IOException {
            int[] written = new int[1];
            disk.write(base, src, position, written);
            return written[0];
        }

        @Override
        public long size() throws IOException {
            return base.size();
        }

        @Override
        protected void implTruncate(long size) throws IOException {
            disk.truncate(base, size);
        }

        @Override
        public void force(boolean metaData) throws IOException {
            disk.force(base, metaData);
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
