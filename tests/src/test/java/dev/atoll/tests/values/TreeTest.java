package dev.atoll.tests.values;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.Filter;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** Embedded classes that contain themselves (trees), as Isar supports them: store, filter by path, JSON. */
class TreeTest {
    private static ActorTestKit kit;

    @TempDir
    Path dir;
    private Atoll db;
    private AtollCollection<Tree> trees;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("TreeTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @BeforeEach
    void open() {
        db = Atoll.open(kit.system(), List.of(Tree.class), dir, "trees");
        trees = db.collection(Tree.class);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static Tree oak() {
        Node branch = new Node("branch", new Node("leaf"), new Node("bud", new Node("deep")));
        branch.first = new Node("first");
        return new Tree("oak", new Node("trunk", branch, new Node("twig")));
    }

    @Test
    void putGet_deepTree_readsBackEqual() {
        Tree oak = oak();
        long id = db.writeTxnSync(() -> trees.put(oak));
        Tree back = trees.get(id);
        assertEquals(oak.root, back.root);
        assertEquals("deep", back.root.children.get(0).children.get(1).children.get(0).name);
        db.close();
        db = Atoll.open(kit.system(), List.of(Tree.class), dir, "trees");
        trees = db.collection(Tree.class);
        assertEquals(oak.root, trees.get(id).root, "after reopening: the layout of the tree was kept");
    }

    @Test
    void filter_pathsIntoTheTree_matchAtEveryLevelTheyName() {
        long oak = db.writeTxnSync(() -> trees.put(oak()));
        long pine = db.writeTxnSync(() -> trees.put(new Tree("pine", new Node("stem", new Node("needle")))));
        assertEquals(List.of(oak), ids(Filter.equalTo("root.name", "trunk")));
        assertEquals(List.of(pine), ids(Filter.equalTo("root.children.name", "needle")));
        assertEquals(List.of(oak), ids(Filter.equalTo("root.children.children.children.name", "deep")));
        assertEquals(List.of(oak), ids(Filter.equalTo("root.children.first.name", "first")));
        assertEquals(List.of(), ids(Filter.equalTo("root.children.name", "deep")), "one level only");
        assertEquals(List.of(oak, pine), ids(Filter.isNull("root.children.first.name")), "twig and needle have none");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> trees.query().filter(Filter.equalTo("root.children.nope", "x")).findAll());
        assertEquals(true, e.getMessage().contains("has no property 'nope'"), e.getMessage());
    }

    private List<Long> ids(Filter f) {
        return trees.query().filter(f).findAll().stream().map(t -> t.id).toList();
    }

    @Test
    void exportImport_tree_roundTrips() {
        long id = db.writeTxnSync(() -> trees.put(oak()));
        String json = trees.query().exportJson();
        db.writeTxnSync(() -> trees.clear());
        db.writeTxnSync(() -> trees.importJson(json));
        assertEquals(oak().root, trees.get(id).root);
        assertEquals(json, trees.query().exportJson());
    }
}
