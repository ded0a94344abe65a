package dev.atoll;

import dev.atoll.schema.CollectionSchema;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The API tools read an instance through: {@link Atoll#openInstanceNames}, {@link Atoll#schemas}, {@link Atoll#fileSize}. */
class InspectionApiTest {
    private ActorTestKit kit;
    private Path dir;

    @BeforeEach
    void start() throws IOException {
        kit = ActorTestKit.create("InspectionApiTest");
        dir = Files.createTempDirectory("atoll-inspection");
    }

    @AfterEach
    void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void openInstanceNames_noneOpen_empty() {
        assertEquals(List.of(), Atoll.openInstanceNames(kit.system()));
    }

    @Test
    void openInstanceNames_twoOpenOneClosed_theOpenOnesInNameOrder() {
        Atoll b = Atoll.open(kit.system(), List.of(Other.class), dir, "b-inst");
        Atoll a = Atoll.open(kit.system(), List.of(Other.class), dir, "a-inst");
        Atoll c = Atoll.open(kit.system(), List.of(Other.class), dir, "c-inst");
        assertEquals(List.of("a-inst", "b-inst", "c-inst"), Atoll.openInstanceNames(kit.system()));
        c.close();
        assertEquals(List.of("a-inst", "b-inst"), Atoll.openInstanceNames(kit.system()));
        a.close();
        b.close();
        assertEquals(List.of(), Atoll.openInstanceNames(kit.system()));
    }

    @Test
    void openInstanceNames_sameNameTwoHandles_listedOnce() {
        Atoll one = Atoll.open(kit.system(), List.of(Other.class), dir, "twice");
        Atoll two = Atoll.getInstance(kit.system(), "twice").orElseThrow();
        assertEquals(List.of("twice"), Atoll.openInstanceNames(kit.system()));
        one.close();
        assertEquals(List.of("twice"), Atoll.openInstanceNames(kit.system()), "one handle still holds it");
        two.close();
        assertEquals(List.of(), Atoll.openInstanceNames(kit.system()));
    }

    @Test
    void schemas_twoClasses_theirSchemasInOpenOrder() {
        Atoll db = Atoll.open(kit.system(), List.of(Other.class, QDoc.class), dir, "schemas");
        try {
            List<CollectionSchema> schemas = db.schemas();
            assertEquals(List.of("Other", "QDoc"), schemas.stream().map(CollectionSchema::name).toList());
            assertEquals(Other.class, schemas.get(0).type());
            assertEquals(CollectionSchema.of(QDoc.class), schemas.get(1));
            assertEquals("id", schemas.get(0).idProperty());
            assertTrue(schemas.get(0).property("note").isPresent());
        } finally {
            db.close();
        }
    }

    @Test
    void schemas_closedHandle_throwsInstanceClosed() {
        Atoll db = Atoll.open(kit.system(), List.of(Other.class), dir, "closed-schemas");
        db.close();
        assertThrows(InstanceClosedException.class, db::schemas);
        assertThrows(InstanceClosedException.class, db::fileSize);
    }

    @Test
    void fileSize_open_theSizeOfTheInstanceFileOnDisk() throws IOException {
        Atoll db = Atoll.open(kit.system(), List.of(Other.class), dir, "sized");
        try {
            AtollCollection<Other> others = db.collection(Other.class);
            db.writeTxnSync(() -> {
                for (int i = 0; i < 200; i++) {
                    Other o = new Other();
                    o.note = "note " + i + " ".repeat(100);
                    others.put(o);
                }
            });
            long size = db.fileSize();
            assertTrue(size > 0);
            assertEquals(Files.size(dir.resolve("sized.atoll")), size);
        } finally {
            db.close();
        }
    }
}
