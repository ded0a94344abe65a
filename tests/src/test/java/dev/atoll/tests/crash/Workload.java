package dev.atoll.tests.crash;

import dev.atoll.internal.store.CollectionDef;
import dev.atoll.internal.store.Records;
import dev.atoll.internal.store.Snapshot;
import dev.atoll.internal.store.StoreCore;
import dev.atoll.internal.store.WriteBatch;
import org.h2.mvstore.Cursor;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A deterministic series of store-level transactions (batches of tagged records with a unique index),
 * and the check that a reopened store holds every acknowledged one wholly and no other one partly.
 */
final class Workload {
    static final String COLLECTION = "Item";
    static final String INDEX = "tag";
    static final List<CollectionDef> DEFS =
            List.of(new CollectionDef(COLLECTION, List.of(new CollectionDef.IndexDef(INDEX, true, false))));

    /** One transaction: its objects' ids, keys and records. */
    record Txn(int number, long[] ids, byte[][] keys, byte[][] records) {
        WriteBatch batch() {
            List<WriteBatch.Op> ops = new ArrayList<>();
            for (int i = 0; i < ids.length; i++) {
                byte[][][] slots = {{keys[i]}};
                ops.add(new WriteBatch.Put(COLLECTION, ids[i], records[i], slots));
            }
            return new WriteBatch(0, ops, WriteBatch.ReadSet.NONE, false);
        }
    }

    final List<Txn> txns = new ArrayList<>();

    Workload(long seed, int count, int maxObjects) {
        Random random = new Random(seed);
        long nextId = 1;
        for (int t = 1; t <= count; t++) {
            int k = 1 + random.nextInt(maxObjects);
            long[] ids = new long[k];
            byte[][] keys = new byte[k][];
            byte[][] records = new byte[k][];
            for (int i = 0; i < k; i++) {
                ids[i] = nextId++;
                keys[i] = ("\u0001t" + t + "-" + i).getBytes(StandardCharsets.UTF_8);
                byte[] value = new byte[20 + random.nextInt(400)];
                random.nextBytes(value);
                byte[] head = ("txn " + t + " of " + k + " #" + i + ";").getBytes(StandardCharsets.UTF_8);
                System.arraycopy(head, 0, value, 0, Math.min(head.length, value.length));
                records[i] = Records.encode(new byte[][][] {{keys[i]}}, value);
            }
            txns.add(new Txn(t, ids, keys, records));
        }
    }

    /** Defines the collection and commits. */
    static void define(StoreCore core) {
        core.define(DEFS, Map.of());
        core.commit();
    }

    /**
     * Checks a reopened store: every transaction in {@code acknowledged} (numbers) is wholly there,
     * every other one wholly there or wholly absent, and the index holds exactly the objects' keys.
     *
     * @return how many transactions are there
     */
    int verify(StoreCore core, int acknowledged, String context) {
        define(core);
        int present = 0;
        long objects = 0;
        try (Snapshot s = core.snapshot()) {
            for (Txn t : txns) {
                int found = 0;
                for (int i = 0; i < t.ids().length; i++) {
                    byte[] record = s.get(COLLECTION, t.ids()[i]);
                    long owner = s.firstOwner(COLLECTION, INDEX, t.keys()[i]);
                    if (record != null) {
                        found++;
                        assertArrayEquals(t.records()[i], record, context + ": txn " + t.number() + " object " + i);
                        assertEquals(t.ids()[i], owner, context + ": the index disagrees for txn " + t.number());
                    } else {
                        assertEquals(0, owner, context + ": an index entry without its object, txn " + t.number());
                    }
                }
                assertTrue(found == 0 || found == t.ids().length, context + ": txn " + t.number() + " is partly"
                        + " there (" + found + " of " + t.ids().length + ")");
                if (t.number() <= acknowledged) {
                    assertEquals(t.ids().length, found, context + ": acknowledged txn " + t.number() + " is lost");
                }
                if (found > 0) {
                    present++;
                    objects += found;
                }
            }
            assertEquals(objects, s.count(COLLECTION), context + ": objects that no transaction wrote");
            long entries = 0;
            Cursor<byte[], Boolean> c = s.indexEntries(COLLECTION, INDEX, new byte[0]);
            while (c.hasNext()) {
                c.next();
                entries++;
            }
            assertEquals(objects, entries, context + ": index entries vs objects");
        }
        return present;
    }

    /** Whether a file image holds the bytes of a record, for plaintext scans. */
    static boolean contains(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i + needle.length <= haystack.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return true;
        }
        return false;
    }

    @Override
    public String toString() {
        return "Workload" + Arrays.toString(txns.stream().mapToInt(t -> t.ids().length).toArray());
    }
}
