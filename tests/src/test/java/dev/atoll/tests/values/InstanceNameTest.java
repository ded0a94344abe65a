package dev.atoll.tests.values;

import dev.atoll.Atoll;
import dev.atoll.AtollWorker;
import dev.atoll.internal.store.InstanceNames;
import dev.atoll.internal.store.StoreCore;
import dev.atoll.internal.store.StoreOptions;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Instance names are plain names, never paths: anything else is refused before the disk is touched. */
class InstanceNameTest {
    private static final String RULE = "use 1 to 100 characters, each an ASCII letter, a digit, '-', '_' or '.',"
            + " not starting with '.'";
    private static final List<String> BAD = List.of("../x", "a/b", "a\\b", "C:x", "/abs", "..", ".", ".hidden", "",
            "a\0b", "x".repeat(101), "sp ace", "ü", "a*b", "tab\t", "~", "a@", "a[", "a`", "a{", "a/", "a:");

    private static ActorTestKit kit;

    @TempDir
    Path root;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("InstanceNameTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    private static List<Path> tree(Path root) throws IOException {
        try (Stream<Path> s = Files.walk(root)) {
            return new ArrayList<>(s.toList());
        }
    }

    private static void assertRefused(String name, Executable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call, name);
        assertTrue(e.getMessage().startsWith("instance name '"), e.getMessage());
        assertTrue(e.getMessage().endsWith("' is not allowed: " + RULE), e.getMessage());
    }

    @Test
    void open_pathLikeOrBadNames_refusedAndNothingCreated() throws IOException {
        Path dir = root.resolve("inner").resolve("dir");
        List<Path> before = tree(root);
        for (String name : BAD) {
            assertRefused(name, () -> Atoll.open(kit.system(), List.of(Defaults.class), dir, name));
            assertRefused(name, () -> StoreCore.open(dir, name, StoreOptions.DEFAULT));
            assertRefused(name, () -> Atoll.getInstance(kit.system(), name));
            assertRefused(name, () -> Atoll.changes(kit.system(), name, kit.system().ignoreRef()));
            assertRefused(name, () -> Atoll.changeSource(kit.system(), name));
            assertRefused(name, () -> AtollWorker.create(List.of(Defaults.class), dir, name));
        }
        assertEquals(before, tree(root), "nothing created, inside or outside the directory");
        assertFalse(Files.exists(root.getParent().resolve("x.atoll")));
        assertFalse(Files.exists(Path.of("/abs.atoll")));
    }

    @Test
    void open_nullName_refusedWithTheRule() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Atoll.open(kit.system(), List.of(Defaults.class), root, null));
        assertEquals("an instance name is required: " + RULE, e.getMessage());
    }

    @Test
    void refused_controlAndLongNames_shownEscapedAndCut() {
        IllegalArgumentException nul = assertThrows(IllegalArgumentException.class, () -> InstanceNames.check("a\0b"));
        assertEquals("instance name 'a\\u0000b' is not allowed: " + RULE, nul.getMessage());
        IllegalArgumentException high = assertThrows(IllegalArgumentException.class, () -> InstanceNames.check("a~\u007f"));
        assertEquals("instance name 'a~\\u007f' is not allowed: " + RULE, high.getMessage());
        IllegalArgumentException lng = assertThrows(IllegalArgumentException.class,
                () -> InstanceNames.check("y".repeat(101)));
        assertEquals("instance name '" + "y".repeat(40) + "... (101 characters)' is not allowed: " + RULE,
                lng.getMessage());
        IllegalArgumentException forty = assertThrows(IllegalArgumentException.class,
                () -> InstanceNames.check("z".repeat(39) + "/"));
        assertEquals("instance name '" + "z".repeat(39) + "/' is not allowed: " + RULE, forty.getMessage());
    }

    @Test
    void open_allowedNames_createTheirFileInTheDirectory() throws IOException {
        for (String name : List.of("a", "Z", "0", "9", "my-Instance_2.v1", "a..b", "-", "_", "x".repeat(100))) {
            assertEquals(name, InstanceNames.check(name));
            Atoll db = Atoll.open(kit.system(), List.of(Defaults.class), root, name);
            assertTrue(Files.exists(root.resolve(name + ".atoll")), name);
            db.close(true);
        }
    }
}
