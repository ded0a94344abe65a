package dev.atoll;

import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@link Atoll#openReadOnlyCopy}: reads an instance at rest and writes nothing to its file. */
class ReadOnlyCopyTest {
    private ActorTestKit app;
    private ActorTestKit tool;
    private Path dir;

    @BeforeEach
    void start() throws IOException {
        app = ActorTestKit.create("ReadOnlyCopyApp");
        tool = ActorTestKit.create("ReadOnlyCopyTool");
        dir = Files.createTempDirectory("atoll-read-only");
    }

    @AfterEach
    void stop() {
        tool.shutdownTestKit();
        app.shutdownTestKit();
    }

    private void writeAndClose(String... notes) {
        Atoll db = Atoll.open(app.system(), List.of(Other.class), dir, "rest");
        AtollCollection<Other> others = db.collection(Other.class);
        db.writeTxnSync(() -> {
            for (String n : notes) {
                Other o = new Other();
                o.note = n;
                others.put(o);
            }
        });
        db.close();
    }

    @Test
    void openReadOnlyCopy_closedInstance_readsItsDataAndWritesNothingToTheFile() throws IOException {
        writeAndClose("a", "b", "c");
        Path file = dir.resolve("rest.atoll");
        byte[] before = Files.readAllBytes(file);
        FileTime modified = Files.getLastModifiedTime(file);
        List<Path> entries;
        try (var list = Files.list(dir)) {
            entries = list.toList();
        }
        Atoll copy = Atoll.openReadOnlyCopy(tool.system(), List.of(Other.class), dir, "rest");
        assertTrue(copy.isReadOnly());
        assertFalse(copy.directory().equals(dir.toAbsolutePath().normalize()), "it reads a copy");
        AtollCollection<Other> others = copy.collection(Other.class);
        assertEquals(3, others.count());
        assertEquals("b", others.get(2).note);
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> copy.writeTxnSync(() -> others.delete(1)));
        assertTrue(e.getMessage().contains("does not write"), e.getMessage());
        assertThrows(IllegalStateException.class, () -> copy.writeTxn(() -> others.delete(1)));
        Path copyDir = copy.directory();
        assertTrue(copy.close());
        assertFalse(Files.exists(copyDir), "the copy is deleted when it closes");
        assertTrue(Arrays.equals(before, Files.readAllBytes(file)), "the file's bytes are unchanged");
        assertEquals(modified, Files.getLastModifiedTime(file));
        try (var list = Files.list(dir)) {
            assertEquals(entries, list.toList(), "nothing added to the directory");
        }
    }

    @Test
    void openReadOnlyCopy_instanceOpenInARunningApplication_refusedAndItKeepsItsLock() {
        writeAndClose("a");
        Atoll running = Atoll.open(app.system(), List.of(Other.class), dir, "rest");
        try {
            InstanceLockedException e = assertThrows(InstanceLockedException.class,
                    () -> Atoll.openReadOnlyCopy(tool.system(), List.of(Other.class), dir, "rest"));
            assertTrue(e.getMessage().contains("held by a running application"), e.getMessage());
            assertEquals(ErrorCode.INSTANCE_LOCKED, e.code());
            // the refusal left the application's lock in place: another actor system still cannot open it
            assertThrows(InstanceLockedException.class,
                    () -> Atoll.open(tool.system(), List.of(Other.class), dir, "rest"));
            AtollCollection<Other> others = running.collection(Other.class);
            running.writeTxnSync(() -> others.put(new Other()));
            assertEquals(2, others.count());
        } finally {
            running.close();
        }
    }

    @Test
    void openReadOnlyCopy_noSuchFile_throwsNamingIt() {
        AtollException e = assertThrows(AtollException.class,
                () -> Atoll.openReadOnlyCopy(tool.system(), List.of(Other.class), dir, "missing"));
        assertTrue(e.getMessage().contains("missing.atoll"), e.getMessage());
    }

    @Test
    void open_plainHandle_isNotReadOnly() {
        Atoll db = Atoll.open(app.system(), List.of(Other.class), dir, "plain");
        try {
            assertFalse(db.isReadOnly());
        } finally {
            db.close();
        }
    }
}
