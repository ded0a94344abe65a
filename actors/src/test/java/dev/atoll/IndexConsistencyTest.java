package dev.atoll;

import dev.atoll.internal.store.IndexEntries;

import dev.atoll.schema.IndexSchema;
import dev.atoll.internal.codec.CollectionCodec;
import dev.atoll.internal.store.Records;
import dev.atoll.internal.store.Snapshot;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.h2.mvstore.Cursor;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * After random puts, replaces (by id and through a replacing unique index), deletes and clears, every index
 * holds exactly one entry per (value, object) of the objects that exist, and nothing else.
 */
class IndexConsistencyTest {
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("IndexConsistencyTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void randomWrites_leaveEveryIndexWithExactlyTheEntriesOfTheLiveObjects() {
        long seed = Long.getLong("atoll.test.seed", 99L);
        System.out.println("IndexConsistencyTest seed " + seed + " (repeat with -Datoll.test.seed=" + seed + ")");
        Random r = new Random(seed);
        Atoll db = Atoll.open(kit.system(), List.of(QDoc.class), dir, "consistency");
        try {
            AtollCollection<QDoc> docs = db.collection(QDoc.class);
            CollectionCodec<QDoc> codec = db.instance().newCodecs().codec(QDoc.class);
            List<Long> ids = new ArrayList<>();
            for (int round = 0; round < 60; round++) {
                db.writeTxnSync(() -> {
                    for (int op = 0; op < 20; op++) {
                        int what = r.nextInt(20);
                        if (what == 0) {
                            docs.clear();
                            ids.clear();
                        } else if (what < 5 && !ids.isEmpty()) {
                            docs.delete(ids.remove(r.nextInt(ids.size())));
                        } else if (what < 10 && !ids.isEmpty()) {
                            QDoc d = random(r);
                            d.id = ids.get(r.nextInt(ids.size()));
                            docs.put(d);
                        } else {
                            ids.add(docs.put(random(r)));
                        }
                    }
                });
                ids.retainAll(docs.query().findAll().stream().map(d -> d.id).toList());
                check(db, codec);
            }
        } finally {
            db.close();
        }
    }

    private static QDoc random(Random r) {
        List<String> tags = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            tags.add(r.nextInt(8) == 0 ? null : "t" + r.nextInt(5));
        }
        return new QDoc(r.nextInt(50), r.nextInt(3) == 0 ? null : "k" + r.nextInt(40),
                r.nextInt(5) == 0 ? null : (r.nextBoolean() ? "T" : "t") + r.nextInt(4), "c" + r.nextInt(6),
                r.nextInt(5) == 0 ? null : tags, r.nextInt(9));
    }

    private static void check(Atoll db, CollectionCodec<QDoc> codec) {
        try (Snapshot s = db.instance().snapshot()) {
            Map<String, Set<ByteBuffer>> expected = new HashMap<>();
            for (IndexSchema ix : codec.schema().indexes()) {
                expected.put(ix.name(), new HashSet<>());
            }
            Cursor<Long, byte[]> records = s.records("QDoc", 0);
            while (records.hasNext()) {
                long id = records.next();
                byte[] record = records.getValue();
                int offset = Records.valueOffset(record);
                QDoc d = codec.decode(id, record, offset, record.length - offset);
                byte[][][] keys = codec.indexKeys(d);
                for (int i = 0; i < keys.length; i++) {
                    for (byte[] key : keys[i]) {
                        boolean added = expected.get(codec.schema().indexes().get(i).name())
                                .add(ByteBuffer.wrap(IndexEntries.entry(key, id)));
                        assertEquals(true, added, "one entry per (value, object)");
                    }
                }
            }
            for (IndexSchema ix : codec.schema().indexes()) {
                Set<ByteBuffer> actual = new HashSet<>();
                List<ByteBuffer> all = new ArrayList<>();
                Cursor<byte[], Boolean> entries = s.indexEntries("QDoc", ix.name(), null);
                while (entries.hasNext()) {
                    ByteBuffer e = ByteBuffer.wrap(entries.next());
                    actual.add(e);
                    all.add(e);
                }
                assertEquals(all.size(), actual.size(), "index " + ix.name() + " has no duplicate entries");
                assertEquals(expected.get(ix.name()), actual, "index " + ix.name());
            }
        }
    }
}
