package dev.atoll.tests.values;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.Filter;
import dev.atoll.Where;
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
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Properties stored as null read back as null through get, queries and JSON, despite initializers. */
class NullStaysNullTest {
    private static ActorTestKit kit;

    @TempDir
    Path dir;
    private Atoll db;
    private AtollCollection<Defaults> coll;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("NullStaysNullTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @BeforeEach
    void open() {
        db = Atoll.open(kit.system(), List.of(Defaults.class), dir, "nulls");
        coll = db.collection(Defaults.class);
    }

    @AfterEach
    void close() {
        db.close();
    }

    private static void assertAllNull(Defaults d) {
        assertNull(d.s);
        assertNull(d.tags);
        assertNull(d.boxed);
        assertNull(d.ratio);
        assertNull(d.part);
        assertEquals(0, d.count);
    }

    @Test
    void get_fieldsWithInitializersStoredAsNull_readNull() {
        long id = db.writeTxnSync(() -> coll.put(Defaults.allNull()));
        assertAllNull(coll.get(id));
    }

    @Test
    void filterIsNull_fieldsWithInitializersStoredAsNull_found() {
        long nullId = db.writeTxnSync(() -> coll.put(Defaults.allNull()));
        db.writeTxnSync(() -> coll.put(new Defaults()));
        for (String property : List.of("s", "tags", "boxed", "ratio", "part")) {
            assertEquals(List.of(nullId), coll.query().filter(Filter.isNull(property)).findAll().stream()
                    .map(d -> d.id).toList(), property);
        }
        assertEquals(1, coll.query().where(Where.isNull("s")).count());
    }

    @Test
    void embedded_propertiesStoredAsNull_readNull() {
        Defaults d = new Defaults();
        d.part.name = null;
        d.tags.get(0).label = null;
        long id = db.writeTxnSync(() -> coll.put(d));
        Defaults back = coll.get(id);
        assertNull(back.part.name);
        assertNull(back.tags.get(0).label);
        assertEquals(1, coll.query().filter(Filter.isNull("part.name")).count());
    }

    @Test
    void exportJson_propertiesStoredAsNull_writesNullAndImportKeepsIt() {
        long id = db.writeTxnSync(() -> coll.put(Defaults.allNull()));
        String json = coll.query().exportJson();
        assertEquals("[{\"id\":" + id + ",\"boxed\":null,\"count\":0,\"part\":null,\"ratio\":null,\"s\":null,\"tags\":null}]",
                json);
        db.writeTxnSync(() -> coll.clear());
        db.writeTxnSync(() -> coll.importJson(json));
        assertAllNull(coll.get(id));
        assertEquals(json, coll.query().exportJson());
    }

    @Test
    void importJson_propertyLeftOut_readsNullNotTheInitializer() {
        List<Long> ids = db.writeTxnSync(() -> coll.importJson("[{\"id\":4}]"));
        assertEquals(List.of(4L), ids);
        assertAllNull(coll.get(4));
        assertTrue(coll.query().filter(Filter.isNull("s")).findFirst() != null);
    }
}
