package dev.atoll.tests.misuse;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.AtollException;
import dev.atoll.AtollOptions;
import dev.atoll.InstanceClosedException;
import dev.atoll.InstanceLockedException;
import dev.atoll.InvalidSchemaException;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every misuse a user can make, as a table: each ends in a clear exception of the right type whose
 * message names the problem, and leaves the data as it was.
 */
class MisuseTest {
    private static final int LIMIT = 4096;
    private static final AtollOptions OPTIONS = AtollOptions.builder().maxObjectSize(LIMIT).build();
    private static ActorTestKit kit;

    @TempDir
    Path dir;
    private Atoll db;
    private AtollCollection<Note> notes;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("MisuseTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @BeforeEach
    void open() {
        db = Atoll.open(kit.system(), List.of(Note.class), dir, "misuse", OPTIONS);
        notes = db.collection(Note.class);
        db.writeTxnSync(() -> notes.putAll(List.of(new Note("a"), new Note("b"), new Note("c"))));
    }

    @AfterEach
    void checkUnchangedAndClose() {
        try {
            assertEquals(3, notes.count(), "the misuse must leave the data as it was");
            List<String> texts = new ArrayList<>();
            for (Note n : notes.getAll(1, 2, 3)) {
                texts.add(n.text);
            }
            assertEquals(List.of("a", "b", "c"), texts);
            assertEquals(null, notes.get(4), "no object may be added");
        } finally {
            db.close();
        }
    }

    /** One row: what the user does, what must be thrown, and what its message must name. */
    record Case(String name, Class<? extends RuntimeException> type, String names, Action action) {
        @Override
        public String toString() {
            return name;
        }
    }

    @FunctionalInterface
    interface Action {
        void run(MisuseTest t) throws Exception;
    }

    static Stream<Case> cases() {
        return Stream.of(
                new Case("collection of a class not given to open", AtollException.class, "AlsoNote",
                        t -> t.db.collection(BadModels.AlsoNote.class)),
                new Case("open with a class without @Entity", InvalidSchemaException.class, "NotAnEntity",
                        t -> t.openOther(BadModels.NotAnEntity.class)),
                new Case("unsupported property type (Date)", InvalidSchemaException.class, "when",
                        t -> t.openOther(BadModels.WithDate.class)),
                new Case("unsupported property type (Map)", InvalidSchemaException.class, "attributes",
                        t -> t.openOther(BadModels.WithMap.class)),
                new Case("missing no-arg constructor", InvalidSchemaException.class, "constructor",
                        t -> t.openOther(BadModels.NoDefaultConstructor.class)),
                new Case("two classes with one collection name", InvalidSchemaException.class, "'Note'",
                        t -> Atoll.open(kit.system(), List.of(Note.class, BadModels.AlsoNote.class),
                                t.dir.resolve("other"), "other")),
                new Case("a negative id given by hand", IllegalArgumentException.class, "-5", t -> {
                    Note n = new Note("negative");
                    n.id = -5;
                    t.db.writeTxnSync(() -> t.notes.put(n));
                }),
                new Case("put of null", IllegalArgumentException.class, "null",
                        t -> t.db.writeTxnSync(() -> t.notes.put(null))),
                new Case("putAll with a null element", IllegalArgumentException.class, "null",
                        t -> t.db.writeTxnSync(() -> t.notes.putAll(Arrays.asList(new Note("d"), null)))),
                new Case("an object over the size limit", IllegalArgumentException.class, "limit of " + LIMIT,
                        t -> t.db.writeTxnSync(() -> t.notes.put(new Note("x".repeat(LIMIT + 1))))),
                new Case("put outside a transaction", IllegalStateException.class, "outside a write transaction",
                        t -> t.notes.put(new Note("d"))),
                new Case("put in a read transaction", IllegalStateException.class, "outside a write transaction",
                        t -> t.db.txnSync(() -> t.notes.put(new Note("d")))),
                new Case("delete outside a transaction", IllegalStateException.class, "outside a write transaction",
                        t -> t.notes.delete(1)),
                new Case("nested transactions", IllegalStateException.class, "do not nest",
                        t -> t.db.writeTxnSync(() -> t.db.writeTxnSync(() -> t.notes.put(new Note("d"))))),
                new Case("a handle used from two threads", IllegalStateException.class, "in use by thread",
                        MisuseTest::useFromTwoThreads),
                new Case("a closed handle", InstanceClosedException.class, "closed", t -> {
                    Atoll other = Atoll.getInstance(kit.system(), "misuse").orElseThrow();
                    AtollCollection<Note> theirs = other.collection(Note.class);
                    other.close();
                    theirs.get(1);
                }),
                new Case("a write on a closed handle", InstanceClosedException.class, "closed", t -> {
                    Atoll other = Atoll.getInstance(kit.system(), "misuse").orElseThrow();
                    other.close();
                    other.writeTxnSync(() -> { });
                }),
                new Case("a file locked by another actor system", InstanceLockedException.class, "locked",
                        MisuseTest::openFromAnotherSystem),
                new Case("an open instance with other options", AtollException.class, "other options",
                        t -> Atoll.open(kit.system(), List.of(Note.class), t.dir, "misuse", AtollOptions.defaults())),
                new Case("an unknown index", IllegalArgumentException.class, "nope",
                        t -> t.notes.getByIndex("nope", "a")),
                new Case("a value of the wrong type for an index", IllegalArgumentException.class, "text",
                        t -> t.notes.getByIndex("text", 42)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void misuse_anyKind_throwsClearExceptionAndLeavesDataUnchanged(Case c) {
        RuntimeException e = assertThrows(c.type(), () -> c.action().run(this), c.name());
        assertEquals(c.type(), e.getClass(), c.name() + ": exactly this type, got " + e);
        assertTrue(e.getMessage() != null && e.getMessage().contains(c.names()),
                c.name() + ": the message must name '" + c.names() + "': " + e.getMessage());
    }

    private void openOther(Class<?> type) {
        Atoll.open(kit.system(), List.of(type), dir.resolve("other"), "other").close();
    }

    private static void useFromTwoThreads(MisuseTest t) throws Exception {
        AtomicReference<Throwable> seen = new AtomicReference<>();
        t.db.txnSync(() -> {
            Thread other = new Thread(() -> {
                try {
                    t.notes.get(1);
                } catch (Throwable e) {
                    seen.set(e);
                }
            }, "second-thread");
            other.start();
            try {
                other.join();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        if (seen.get() instanceof RuntimeException r) {
            throw r;
        }
    }

    private static void openFromAnotherSystem(MisuseTest t) {
        ActorTestKit second = ActorTestKit.create("MisuseTestSecond");
        try {
            Atoll.open(second.system(), List.of(Note.class), t.dir, "misuse").close();
        } finally {
            second.shutdownTestKit();
        }
    }
}
