package dev.atoll.internal.txn;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.UniqueViolationException;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The unique check of a migration: which value and ids it names, and what it lets through. */
class MigrationTest {
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("MigrationTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @Entity(name = "M")
    public static class Loose {
        @Id
        public long id;
        public List<String> tags;
        public String a;
        public String b;
        public byte[] blob;

        public Loose() {
        }
    }

    /** Two unique indexes that both repeat, b before blob: the first repeat found is named. */
    @Entity(name = "M")
    public static class Strict {
        @Id
        public long id;
        @Index
        public List<String> tags;
        @Index
        public String a;
        @Index(unique = true)
        public String b;
        @Index(unique = true)
        public byte[] blob;

        public Strict() {
        }
    }

    /** A unique multi-entry index: an element may belong to one object only. */
    @Entity(name = "M")
    public static class UniqueTags {
        @Id
        public long id;
        @Index(unique = true)
        public List<String> tags;
        public String a;
        public String b;
        public byte[] blob;

        public UniqueTags() {
        }
    }

    private void write(Loose... objects) {
        Atoll db = Atoll.open(kit.system(), List.of(Loose.class), dir, "m");
        try {
            AtollCollection<Loose> c = db.collection(Loose.class);
            db.writeTxnSync(() -> c.putAll(Arrays.asList(objects)));
        } finally {
            db.close();
        }
    }

    private static Loose loose(List<String> tags, String a, String b, byte[] blob) {
        Loose l = new Loose();
        l.tags = tags;
        l.a = a;
        l.b = b;
        l.blob = blob;
        return l;
    }

    @Test
    void uniqueCheck_firstRepeatInObjectOrder_namedWithAllItsHolders() {
        write(loose(List.of("x"), "same", "b1", new byte[] {1}),
                loose(List.of("x"), "same", "b2", new byte[] {7, 0}),
                loose(List.of("y"), "same", "b1", new byte[] {7, 0}),
                loose(List.of("y"), "same", "b1", null),
                loose(null, null, null, new byte[] {7, 0}));
        UniqueViolationException e = assertThrows(UniqueViolationException.class,
                () -> Atoll.open(kit.system(), List.of(Strict.class), dir, "m"));
        assertTrue(e.getMessage().contains("unique index 'b'") && e.getMessage().contains("'b1'")
                && e.getMessage().contains("held by 3 objects (ids 1, 3, 4)"), e.getMessage());
        assertTrue(!e.getMessage().contains("not even"), "not a replacing index: " + e.getMessage());
    }

    @Test
    void uniqueCheck_repeatedBytes_namesThemByElement() {
        write(loose(null, null, "b1", new byte[] {7, 0}), loose(null, null, "b2", new byte[] {7, 0}));
        UniqueViolationException e = assertThrows(UniqueViolationException.class,
                () -> Atoll.open(kit.system(), List.of(Strict.class), dir, "m"));
        assertTrue(e.getMessage().contains("unique index 'blob'") && e.getMessage().contains("[7, 0]")
                && e.getMessage().contains("ids 1, 2)"), e.getMessage());
    }

    @Test
    void uniqueCheck_multiEntryIndex_namesTheRepeatedElement_andDistinctElementsOpen() {
        write(loose(List.of("a", "b"), null, null, null), loose(List.of("c", "b"), null, null, null));
        UniqueViolationException e = assertThrows(UniqueViolationException.class,
                () -> Atoll.open(kit.system(), List.of(UniqueTags.class), dir, "m"));
        assertTrue(e.getMessage().contains("unique index 'tags'") && e.getMessage().contains("value 'b' ")
                && e.getMessage().contains("ids 1, 2)"), e.getMessage());
        Atoll db = Atoll.open(kit.system(), List.of(Loose.class), dir, "m");
        try {
            AtollCollection<Loose> c = db.collection(Loose.class);
            db.writeTxnSync(() -> {
                Loose second = c.get(2);
                second.tags = List.of("c", "d");
                c.put(second);
            });
        } finally {
            db.close();
        }
        Atoll ok = Atoll.open(kit.system(), List.of(UniqueTags.class), dir, "m");
        try {
            AtollCollection<UniqueTags> c = ok.collection(UniqueTags.class);
            assertEquals(1, c.getByIndex("tags", "b").id);
            assertEquals(2, c.getByIndex("tags", "d").id);
        } finally {
            ok.close();
        }
    }

    @Test
    void show_eachKindOfValue() {
        assertEquals("'x'", Migration.show("x"));
        assertEquals("[1, -2]", Migration.show(new byte[] {1, -2}));
        assertEquals("['a', 3, null]", Migration.show(Arrays.asList("a", 3, null)));
        assertEquals("42", Migration.show(42));
        assertEquals("null", Migration.show(null));
    }
}
