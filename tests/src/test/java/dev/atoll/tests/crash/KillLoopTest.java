package dev.atoll.tests.crash;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.internal.store.StoreCore;
import dev.atoll.internal.store.StoreOptions;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Kill -9 in a loop: a child JVM ({@link KillLoopChild}) runs writer actors and is killed with SIGKILL
 * at a random moment; then the instance must open, hold every acknowledged transaction wholly and no
 * transaction partly, with versions that only grow and indexes that agree with the objects. The child
 * runs with {@code atoll.compaction.fill-rate=100}: a compaction step after every commit.
 *
 * <p>CI: 20 rounds. Long run: {@code -Datoll.crash.rounds=500} (and {@code -Datoll.crash.seed=N} to
 * repeat a run; the seed is printed and named in every failure).
 */
class KillLoopTest {
    private static final int ROUNDS = Integer.getInteger("atoll.crash.rounds", 20);
    private static final int WRITERS = 3;
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("KillLoopTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void killLoop_sigkillAtRandomMoments_keepsEveryAcknowledgedTransactionWhole() throws Exception {
        long seed = Long.getLong("atoll.crash.seed", 20_261_129L);
        System.out.println("KillLoopTest seed " + seed + " (repeat with -Datoll.crash.seed=" + seed + ")");
        Random random = new Random(seed);
        Map<String, Integer> acknowledged = new HashMap<>();
        long[] ackedSeq = new long[WRITERS];
        long[] seenSeq = new long[WRITERS];
        long lastVersion = 0;
        int totalAcks = 0;
        for (int round = 1; round <= ROUNDS; round++) {
            String context = "seed " + seed + ", round " + round;
            int waitForAcks = random.nextInt(5) == 0 ? 0 : 1 + random.nextInt(40);
            List<String> acks = runAndKill(seed + round, waitForAcks, context);
            for (String line : acks) {
                String[] f = line.split(" ");
                int w = Integer.parseInt(f[1]);
                long s = Long.parseLong(f[2]);
                acknowledged.put("w" + w + "-s" + s, Integer.parseInt(f[3]));
                ackedSeq[w] = Math.max(ackedSeq[w], s);
            }
            totalAcks += acks.size();

            StoreCore core = StoreCore.open(dir, KillLoopChild.NAME, StoreOptions.DEFAULT);
            long version;
            try {
                version = core.committedVersion();
            } finally {
                core.close();
            }
            assertTrue(version >= lastVersion, context + ": the commit version went back from " + lastVersion
                    + " to " + version);
            lastVersion = version;
            verify(acknowledged, ackedSeq, seenSeq, context);
        }
        assertTrue(totalAcks > 0, "seed " + seed + ": no transaction was acknowledged in " + ROUNDS + " rounds");
    }

    private List<String> runAndKill(long childSeed, int waitForAcks, String context) throws Exception {
        // atoll.compaction.fill-rate=100: a compaction step after every group commit, so kills land in them too
        List<String> acks = new ArrayList<>();
        try (ChildJvm child = ChildJvm.start(KillLoopChild.class, List.of("-Datoll.compaction.fill-rate=100"),
                List.of(dir.toString(), Long.toString(childSeed), Integer.toString(WRITERS)),
                dir.resolve("child-stderr.txt"))) {
            String ready = child.nextLine(90);
            assertEquals("READY", ready, context + ": the child did not start (see child-stderr.txt)");
            int seen = 0;
            while (seen < waitForAcks) {
                String line = child.nextLine(60);
                if (line == null) {
                    fail(context + ": the child stopped writing after " + seen + " acknowledgements");
                }
                if (line.startsWith("ACK ")) {
                    acks.add(line);
                    seen++;
                }
            }
            child.kill();
            for (String line : child.remainingLines()) {
                if (line.startsWith("ACK ")) {
                    acks.add(line); // printed whole before the kill: acknowledged
                }
            }
        }
        return acks;
    }

    private void verify(Map<String, Integer> acknowledged, long[] ackedSeq, long[] seenSeq, String context) {
        Atoll db = Atoll.open(kit.system(), KillLoopChild.CLASSES, dir, KillLoopChild.NAME);
        try {
            AtollCollection<CrashItem> items = db.collection(CrashItem.class);
            AtollCollection<Progress> progress = db.collection(Progress.class);
            db.txnSync(() -> {
                long count = items.count();
                Map<String, Integer> found = new HashMap<>();
                Map<String, Integer> sizes = new HashMap<>();
                long id = 0;
                long objects = 0;
                long misses = 0;
                while (objects < count) {
                    CrashItem item = items.get(++id);
                    if (item == null) {
                        assertTrue(++misses < 1_000_000, context + ": objects missing below the count " + count);
                        continue;
                    }
                    objects++;
                    assertEquals(id, item.id, context);
                    CrashItem byTag = items.getByIndex("tag", item.tag);
                    assertNotNull(byTag, context + ": the index lost " + item.tag);
                    assertEquals(id, byTag.id, context + ": the index disagrees for " + item.tag);
                    found.merge(item.txn, 1, Integer::sum);
                    Integer size = sizes.putIfAbsent(item.txn, item.size);
                    assertTrue(size == null || size == item.size, context + ": sizes differ in " + item.txn);
                }
                for (Map.Entry<String, Integer> e : found.entrySet()) {
                    assertEquals(sizes.get(e.getKey()), e.getValue(), context + ": transaction " + e.getKey()
                            + " is partly there");
                }
                for (Map.Entry<String, Integer> e : acknowledged.entrySet()) {
                    assertEquals(e.getValue(), found.get(e.getKey()), context + ": acknowledged transaction "
                            + e.getKey() + " is lost");
                }
                for (int w = 0; w < WRITERS; w++) {
                    Progress p = progress.get(w + 1);
                    long stored = p == null ? 0 : p.seq;
                    assertTrue(stored >= ackedSeq[w], context + ": writer " + w + " acknowledged " + ackedSeq[w]
                            + " but stored progress is " + stored);
                    assertTrue(stored >= seenSeq[w], context + ": writer " + w + " progress went back from "
                            + seenSeq[w] + " to " + stored);
                    if (stored > 0) {
                        assertTrue(found.containsKey("w" + w + "-s" + stored), context + ": the progress of writer "
                                + w + " names a transaction that is not there");
                    }
                    seenSeq[w] = stored;
                }
            });
        } finally {
            db.close();
        }
    }
}
