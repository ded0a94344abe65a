package dev.atoll.tests;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.InstanceClosedException;
import dev.atoll.InstanceLockedException;
import dev.atoll.SchemaMismatchException;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Opening, sharing, closing and migrating instances across actors and actor systems. */
class InstanceTest {
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("InstanceTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void open_sameNameInTwoActors_givesHandlesOnOneInstance() throws Exception {
        Atoll main = Atoll.open(kit.system(), List.of(Message.class), dir, "shared");
        try {
            long id = InActor.run(kit, () -> {
                Atoll mine = Atoll.open(kit.system(), List.of(Message.class), dir, "shared");
                try {
                    AtollCollection<Message> messages = mine.collection(Message.class);
                    return mine.writeTxnSync(() -> messages.put(new Message("from the writer")));
                } finally {
                    assertFalse(mine.close(), "the instance must stay open while the main handle is open");
                }
            });
            String read = InActor.run(kit, () -> {
                Atoll reader = Atoll.getInstance(kit.system(), "shared").orElseThrow();
                try {
                    return reader.collection(Message.class).get(id).content;
                } finally {
                    reader.close();
                }
            });
            assertEquals("from the writer", read);
            assertEquals("from the writer", main.collection(Message.class).get(id).content);
            assertEquals("shared", main.name());
            assertEquals(dir.toAbsolutePath().normalize(), main.directory());
        } finally {
            assertTrue(main.close());
        }
    }

    @Test
    void open_otherClassList_throwsSchemaMismatchNamingTheCollection() {
        Atoll db = Atoll.open(kit.system(), List.of(Message.class), dir, "mismatch");
        try {
            SchemaMismatchException e = assertThrows(SchemaMismatchException.class,
                    () -> Atoll.open(kit.system(), List.of(Counter.class), dir, "mismatch"));
            assertTrue(e.getMessage().contains("Counter"), e.getMessage());
            SchemaMismatchException missing = assertThrows(SchemaMismatchException.class,
                    () -> Atoll.open(kit.system(), List.of(Message.class, Counter.class), dir, "mismatch"));
            assertTrue(missing.getMessage().contains("Counter"), missing.getMessage());
        } finally {
            db.close();
        }
    }

    @Test
    void open_classWithOtherProperties_throwsSchemaMismatchNamingCollectionAndProperty() {
        Atoll db = Atoll.open(kit.system(), List.of(NoteV1.class), dir, "notes");
        try {
            SchemaMismatchException e = assertThrows(SchemaMismatchException.class,
                    () -> Atoll.open(kit.system(), List.of(NoteV2.class), dir, "notes"));
            assertTrue(e.getMessage().contains("Note"), e.getMessage());
            assertTrue(e.getMessage().contains("body") || e.getMessage().contains("stars")
                    || e.getMessage().contains("title"), e.getMessage());
        } finally {
            db.close();
        }
    }

    @Test
    void open_filesHeldByAnotherActorSystem_throwsInstanceLocked() {
        Atoll db = Atoll.open(kit.system(), List.of(Message.class), dir, "locked");
        ActorTestKit other = ActorTestKit.create("other");
        try {
            InstanceLockedException e = assertThrows(InstanceLockedException.class,
                    () -> Atoll.open(other.system(), List.of(Message.class), dir, "locked"));
            assertTrue(e.getMessage().contains("locked"), e.getMessage());
        } finally {
            other.shutdownTestKit();
            db.close();
        }
    }

    @Test
    void reopen_withChangedClass_migratesAndKeepsTheObjects() {
        Atoll v1 = Atoll.open(kit.system(), List.of(NoteV1.class), dir, "migrate");
        AtollCollection<NoteV1> notes1 = v1.collection(NoteV1.class);
        List<Long> ids = v1.writeTxnSync(() -> notes1.putAll(List.of(new NoteV1("first", "one"),
                new NoteV1("second", "two"))));
        assertTrue(v1.close());

        Atoll v2 = Atoll.open(kit.system(), List.of(NoteV2.class), dir, "migrate");
        try {
            AtollCollection<NoteV2> notes2 = v2.collection(NoteV2.class);
            assertEquals(2, notes2.count());
            NoteV2 second = notes2.get(ids.get(1));
            assertEquals("second", second.title);
            assertEquals(0, second.stars);
            NoteV2 first = notes2.getByIndex("title", "first");
            assertNotNull(first, "the index added by V2 must be built on open");
            assertEquals(ids.get(0), first.id);
            first.stars = 5;
            v2.writeTxnSync(() -> notes2.put(first));
            assertEquals(5, notes2.get(ids.get(0)).stars);
        } finally {
            v2.close();
        }

        Atoll back = Atoll.open(kit.system(), List.of(NoteV1.class), dir, "migrate");
        try {
            NoteV1 again = back.collection(NoteV1.class).get(ids.get(0));
            assertEquals("first", again.title);
            assertEquals(2, back.collection(NoteV1.class).count());
        } finally {
            back.close();
        }
    }

    @Test
    void open_collectionLeftOut_staysOnDiskUntouched() {
        Atoll both = Atoll.open(kit.system(), List.of(Message.class, Counter.class), dir, "partial");
        both.writeTxnSync(() -> {
            both.collection(Message.class).put(new Message("hello"));
            both.collection(Counter.class).put(new Counter(7, 42));
        });
        both.close();

        Atoll onlyMessages = Atoll.open(kit.system(), List.of(Message.class), dir, "partial");
        assertEquals(1, onlyMessages.collection(Message.class).count());
        assertThrows(RuntimeException.class, () -> onlyMessages.collection(Counter.class));
        onlyMessages.close();

        Atoll again = Atoll.open(kit.system(), List.of(Message.class, Counter.class), dir, "partial");
        try {
            assertEquals(42, again.collection(Counter.class).get(7).value);
        } finally {
            again.close();
        }
    }

    @Test
    void close_countsHandles_andCloseTrueDeletesTheFile() {
        Atoll a = Atoll.open(kit.system(), List.of(Message.class), dir, "counted");
        Atoll b = Atoll.open(kit.system(), List.of(Message.class), dir, "counted");
        a.writeTxnSync(() -> a.collection(Message.class).put(new Message("x")));
        assertFalse(a.close());
        assertFalse(a.close(), "closing a closed handle again does nothing");
        assertThrows(InstanceClosedException.class, () -> a.collection(Message.class));
        assertEquals(1, b.collection(Message.class).count());
        assertTrue(Files.exists(dir.resolve("counted.atoll")));
        assertTrue(b.close(true));
        assertFalse(Files.exists(dir.resolve("counted.atoll")));
        assertEquals(Optional.empty(), Atoll.getInstance(kit.system(), "counted"));
    }

    /** Regression: a null argument to a read was reported as a damaged file (CorruptFileException). */
    @Test
    void getAll_nullIds_nullPointerExceptionNotCorrupt() {
        Atoll db = Atoll.open(kit.system(), List.of(Message.class), dir, "nullRead");
        try {
            AtollCollection<Message> messages = db.collection(Message.class);
            NullPointerException e = assertThrows(NullPointerException.class, () -> messages.getAll((long[]) null));
            assertEquals("ids", e.getMessage());
            assertEquals(0, messages.count(), "the handle still reads");
        } finally {
            db.close();
        }
    }

    /**
     * Regression: a write whose commit was on its way while the actor system terminated waited for the
     * whole commit timeout, then failed as "did not answer within", as if the store were slow.
     */
    @Test
    void writeTxnSync_actorSystemTerminatesWhileTheBodyRuns_instanceClosedSayingSoNotATimeout() {
        ActorTestKit ending = ActorTestKit.create("ending", com.typesafe.config.ConfigFactory
                .parseString("atoll.commit-timeout = 20s").withFallback(com.typesafe.config.ConfigFactory.load()));
        Atoll db = Atoll.open(ending.system(), List.of(Message.class), dir, "ending");
        AtollCollection<Message> messages = db.collection(Message.class);
        long kept = db.writeTxnSync(() -> messages.put(new Message("before")));

        InstanceClosedException e = assertThrows(InstanceClosedException.class, () -> db.writeTxnSync(() -> {
            long id = messages.put(new Message("late"));
            ending.system().terminate();
            ending.system().getWhenTerminated().toCompletableFuture().join();
            return id;
        }));

        assertEquals("instance 'ending' closed because the actor system 'ending' is terminating; the write was"
                + " not committed", e.getMessage());
        assertEquals(dev.atoll.ErrorCode.INSTANCE_CLOSED, e.code());
        db.close();
        Atoll again = Atoll.open(kit.system(), List.of(Message.class), dir, "ending");
        try {
            AtollCollection<Message> reopened = again.collection(Message.class);
            assertEquals(1, reopened.count(), "only the acknowledged write is there");
            assertEquals("before", reopened.get(kept).content);
        } finally {
            again.close();
        }
    }

    @Test
    void closingTheLastHandleInPostStop_whileTheActorSystemStops_doesNotWaitForTheCommitTimeout()
            throws Exception {
        // Regression: the last close asked the store actor, which stops with the system, to close the
        // file, and waited for the whole commit timeout (60 s by default) before the system could end.
        ActorTestKit stopping = ActorTestKit.create("stopping", com.typesafe.config.ConfigFactory
                .parseString("atoll.commit-timeout = 300s").withFallback(com.typesafe.config.ConfigFactory.load()));
        java.util.concurrent.CompletableFuture<Long> written = new java.util.concurrent.CompletableFuture<>();
        stopping.spawn(org.apache.pekko.actor.typed.javadsl.Behaviors.<Object>setup(ctx -> {
            Atoll mine = Atoll.open(ctx.getSystem(), List.of(Message.class), dir, "stopping");
            written.complete(mine.writeTxnSync(() -> mine.collection(Message.class).put(new Message("kept"))));
            return org.apache.pekko.actor.typed.javadsl.Behaviors.receive(Object.class)
                    .onSignal(org.apache.pekko.actor.typed.PostStop.class, signal -> {
                        mine.close();
                        return org.apache.pekko.actor.typed.javadsl.Behaviors.same();
                    })
                    .build();
        }));
        long id = written.get(30, java.util.concurrent.TimeUnit.SECONDS);
        // A hang bound, far below the commit timeout: the shutdown throws if it is not done by then.
        ActorTestKit.shutdown(stopping.system(), java.time.Duration.ofSeconds(60), true);

        Atoll again = Atoll.open(kit.system(), List.of(Message.class), dir, "stopping");
        try {
            assertEquals("kept", again.collection(Message.class).get(id).content);
        } finally {
            again.close();
        }
    }

    @Test
    void open_defaultName_isDefault() {
        Atoll db = Atoll.open(kit.system(), List.of(Message.class), dir);
        try {
            assertEquals("default", db.name());
            assertTrue(Atoll.getInstance(kit.system(), "default").map(Atoll::close).isPresent());
            assertTrue(Files.exists(dir.resolve("default.atoll")));
        } finally {
            db.close();
        }
    }

    @Test
    void records_putReportsTheId_andGetReturnsTheRecord() {
        Atoll db = Atoll.open(kit.system(), List.of(Point.class), dir, "points");
        try {
            AtollCollection<Point> points = db.collection(Point.class);
            long id = db.writeTxnSync(() -> points.put(new Point(0, 3, 4)));
            assertTrue(id > 0);
            assertEquals(new Point(id, 3, 4), points.get(id));
            assertNull(points.get(id + 1));
        } finally {
            db.close();
        }
    }
}
