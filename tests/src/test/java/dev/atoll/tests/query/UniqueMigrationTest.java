package dev.atoll.tests.query;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.ErrorCode;
import dev.atoll.UniqueViolationException;
import dev.atoll.Where;
import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Opening never deletes data: a unique index added over values that repeat (with or without
 * {@code replace}) refuses to open, names the collection, the index, the value and its ids, and leaves
 * every object and index as it was.
 */
class UniqueMigrationTest {
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("UniqueMigrationTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    /** The stored version: email not unique. */
    @Entity(name = "Acct")
    public static class Plain {
        @Id
        public long id;
        @Index
        public String email;
        @Index
        public int group;

        public Plain() {
        }
    }

    @Entity(name = "Acct")
    public static class UniqueEmail {
        @Id
        public long id;
        @Index(unique = true)
        public String email;
        @Index
        public int group;

        public UniqueEmail() {
        }
    }

    @Entity(name = "Acct")
    public static class ReplacingEmail {
        @Id
        public long id;
        @Index(unique = true, replace = true)
        public String email;
        @Index
        public int group;

        public ReplacingEmail() {
        }
    }

    @Entity(name = "Acct")
    public static class UniqueIgnoringCase {
        @Id
        public long id;
        @Index(unique = true, caseSensitive = false)
        public String email;
        @Index
        public int group;

        public UniqueIgnoringCase() {
        }
    }

    /** 30 accounts; ids 4, 11 and 23 share "ann@x"; every fifth has no email. */
    private void writePlain(boolean caseVariant) {
        Atoll db = Atoll.open(kit.system(), List.of(Plain.class), dir, "accts");
        try {
            AtollCollection<Plain> accts = db.collection(Plain.class);
            List<Plain> all = new ArrayList<>();
            for (int i = 1; i <= 30; i++) {
                Plain p = new Plain();
                p.email = i % 5 == 0 ? null : i == 4 || i == 11 || i == 23 ? "ann@x" : "user" + i + "@x";
                if (caseVariant && i == 11) {
                    p.email = "ANN@X";
                }
                p.group = i % 3;
                all.add(p);
            }
            db.writeTxnSync(() -> accts.putAll(all));
        } finally {
            db.close();
        }
    }

    private String exportPlain() {
        Atoll db = Atoll.open(kit.system(), List.of(Plain.class), dir, "accts");
        try {
            AtollCollection<Plain> accts = db.collection(Plain.class);
            assertEquals(3, accts.query().where(Where.equalTo("email", "ann@x")).count()
                    + accts.query().where(Where.equalTo("email", "ANN@X")).count());
            assertEquals(10, accts.query().where(Where.equalTo("group", 1)).count());
            return accts.query().exportJson();
        } finally {
            db.close();
        }
    }

    @ParameterizedTest
    @ValueSource(classes = {UniqueEmail.class, ReplacingEmail.class})
    void openWithUniqueIndexOverRepeatedValues_refusesNamingValueAndIds_andDeletesNothing(Class<?> unique) {
        writePlain(false);
        String before = exportPlain();
        for (int attempt = 0; attempt < 2; attempt++) {
            UniqueViolationException e = assertThrows(UniqueViolationException.class,
                    () -> Atoll.open(kit.system(), List.of(unique), dir, "accts"));
            assertEquals(ErrorCode.UNIQUE_VIOLATION, e.code());
            String m = e.getMessage();
            assertTrue(m.contains("collection 'Acct'") && m.contains("unique index 'email'")
                    && m.contains("'ann@x'") && m.contains("ids 4, 11, 23") && m.contains("3 objects"), m);
        }
        assertEquals(before, exportPlain(), "every object as it was");
    }

    @Test
    void openWithUniqueIgnoringCaseOverValuesThatDifferOnlyInCase_refuses() {
        writePlain(true);
        String before = exportPlain();
        UniqueViolationException e = assertThrows(UniqueViolationException.class,
                () -> Atoll.open(kit.system(), List.of(UniqueIgnoringCase.class), dir, "accts"));
        assertTrue(e.getMessage().contains("(ignoring case)") && e.getMessage().contains("ids 4, 11, 23"),
                e.getMessage());
        assertEquals(before, exportPlain());
    }

    @Test
    void openWithUniqueIndexWhereOnlyNullRepeats_opensAndEnforcesIt() {
        Atoll db = Atoll.open(kit.system(), List.of(Plain.class), dir, "accts");
        try {
            AtollCollection<Plain> accts = db.collection(Plain.class);
            List<Plain> all = new ArrayList<>();
            for (int i = 1; i <= 6; i++) {
                Plain p = new Plain();
                p.email = i % 2 == 0 ? null : "u" + i;
                all.add(p);
            }
            db.writeTxnSync(() -> accts.putAll(all));
        } finally {
            db.close();
        }
        Atoll db2 = Atoll.open(kit.system(), List.of(UniqueEmail.class), dir, "accts");
        try {
            AtollCollection<UniqueEmail> accts = db2.collection(UniqueEmail.class);
            assertEquals(6, accts.count());
            assertEquals(3, accts.query().where(Where.isNull("email")).count());
            assertEquals(5, accts.getByIndex("email", "u5").id);
            UniqueEmail dup = new UniqueEmail();
            dup.email = "u1";
            assertThrows(UniqueViolationException.class, () -> db2.writeTxnSync(() -> accts.put(dup)));
        } finally {
            db2.close();
        }
    }

    @Test
    void openWithManyHoldersOfOneValue_listsTwentyIdsAndCountsTheRest() {
        Atoll db = Atoll.open(kit.system(), List.of(Plain.class), dir, "accts");
        try {
            AtollCollection<Plain> accts = db.collection(Plain.class);
            List<Plain> all = new ArrayList<>();
            for (int i = 1; i <= 25; i++) {
                Plain p = new Plain();
                p.email = "same";
                all.add(p);
            }
            db.writeTxnSync(() -> accts.putAll(all));
        } finally {
            db.close();
        }
        UniqueViolationException e = assertThrows(UniqueViolationException.class,
                () -> Atoll.open(kit.system(), List.of(ReplacingEmail.class), dir, "accts"));
        assertTrue(e.getMessage().contains("held by 25 objects (ids 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15,"
                + " 16, 17, 18, 19, 20 and 5 more)"), e.getMessage());
        assertTrue(e.getMessage().contains("not even for a replacing index"), e.getMessage());
    }
}
