package dev.atoll.internal.store;

import org.h2.store.fs.FilePath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * The guard under MVStore's file: a header write (blocks 0 and 1) is preceded by a force whenever anything
 * else was written since the last one, so the chunk a header names is on the disk first. Forces are counted
 * by {@link CountingFilePath} below the guard.
 */
class HeaderGuardFilePathTest {
    @TempDir
    Path dir;

    private FileChannel open(Path file) throws Exception {
        CountingFilePath.prefix(); // registers the counting file system
        HeaderGuardFilePath.prefix();
        return FilePath.get(HeaderGuardFilePath.prefix() + CountingFilePath.prefix() + file).open("rw");
    }

    private static void write(FileChannel ch, long position) throws Exception {
        ch.write(ByteBuffer.wrap(new byte[16]), position);
    }

    @Test
    void headerAfterAChunk_forcesTheChunkFirst() throws Exception {
        Path file = dir.resolve("a.mv");
        try (FileChannel ch = open(file)) {
            write(ch, 5 * 4096L); // a chunk
            write(ch, 0); // the header naming it
            assertEquals(1, CountingFilePath.counter(file).forces.get());
        }
    }

    @Test
    void chunkAtBlock2_isNotTakenForTheHeader() throws Exception {
        Path file = dir.resolve("b.mv");
        try (FileChannel ch = open(file)) {
            write(ch, 2 * 4096L); // the first block a chunk may take
            write(ch, 4096L); // the header's second copy
            assertEquals(1, CountingFilePath.counter(file).forces.get());
        }
    }

    @Test
    void headerWithNothingUnforced_noForceBeforeIt() throws Exception {
        Path file = dir.resolve("c.mv");
        try (FileChannel ch = open(file)) {
            write(ch, 3 * 4096L);
            ch.force(false);
            write(ch, 0);
            assertEquals(1, CountingFilePath.counter(file).forces.get(), "only the explicit force");
        }
    }

    @Test
    void secondHeaderWrite_forcesTheFirstOne() throws Exception {
        Path file = dir.resolve("d.mv");
        try (FileChannel ch = open(file)) {
            write(ch, 0);
            write(ch, 4096L); // never two header writes unforced at once
            assertEquals(1, CountingFilePath.counter(file).forces.get());
        }
    }

    @Test
    void bothCopiesInOneWrite_writtenOneAtATimeWithAForceBetween() throws Exception {
        Path file = dir.resolve("e.mv");
        try (FileChannel ch = open(file)) {
            byte[] header = new byte[2 * 4096];
            header[0] = 1;
            header[4096] = 2;
            int written = ch.write(ByteBuffer.wrap(header), 0);
            assertEquals(2 * 4096, written);
            assertEquals(1, CountingFilePath.counter(file).forces.get(), "a force between the two copies");
            ByteBuffer back = ByteBuffer.allocate(2 * 4096);
            ch.read(back, 0);
            assertEquals(1, back.get(0));
            assertEquals(2, back.get(4096));
        }
    }
}
