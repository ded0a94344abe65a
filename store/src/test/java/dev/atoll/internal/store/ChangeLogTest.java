package dev.atoll.internal.store;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import dev.atoll.feed.ChangeEvent;
import dev.atoll.feed.ChangedIds;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The change sets of commits (inserted, updated, deleted, cleared) and the change log that keeps them. */
class ChangeLogTest {
    private static final CollectionDef ITEMS = new CollectionDef("Item", List.of());
    private static final CollectionDef OTHER = new CollectionDef("Other", List.of());

    @TempDir
    Path dir;

    private StoreCore core;

    @BeforeEach
    void open() {
        core = reopen();
    }

    @AfterEach
    void close() {
        core.close();
    }

    private StoreCore reopen() {
        StoreCore opened = StoreCore.open(dir, "log", StoreOptions.DEFAULT);
        opened.define(List.of(ITEMS, OTHER), Map.of());
        opened.commit();
        return opened;
    }

    private static WriteBatch.Put put(String collection, long id) {
        return new WriteBatch.Put(collection, id, Records.encode(new byte[0][][], new byte[] {(byte) id}),
                new byte[0][][]);
    }

    private static WriteBatch.Put put(long id) {
        return put("Item", id);
    }

    private static WriteBatch.Delete delete(long id) {
        return new WriteBatch.Delete("Item", id);
    }

    private static WriteBatch batch(WriteBatch.Op... ops) {
        return new WriteBatch(0, List.of(ops), WriteBatch.ReadSet.NONE, false);
    }

    private ChangedIds commit(WriteBatch.Op... ops) {
        StoreCore.Applied applied = core.apply(batch(ops));
        core.commit();
        return applied.changes().get("Item");
    }

    private static ChangedIds ids(boolean cleared, long[] inserted, long[] updated, long[] deleted) {
        return ChangedIds.of(cleared, inserted, updated, deleted);
    }

    private static long[] of(long... ids) {
        return ids;
    }

    @Test
    void apply_putOfANewId_isAnInsertAndOfAStoredIdAnUpdate() {
        assertEquals(ids(false, of(1, 2), of(), of()), commit(put(1), put(2)));
        assertEquals(ids(false, of(3), of(1), of()), commit(put(1), put(3)));
    }

    @Test
    void apply_deleteOfAStoredId_isADelete_andOfAnAbsentIdIsNothing() {
        commit(put(1), put(2));
        assertEquals(ids(false, of(), of(), of(1)), commit(delete(1), delete(9)));
    }

    @Test
    void apply_severalTouchesOfOneId_giveItsNetChange() {
        commit(put(1), put(2), put(3));
        // 4 inserted then updated: inserted; 1 updated then deleted: deleted; 2 deleted then put again: updated;
        // 5 inserted then deleted: deleted (it never existed outside the commit)
        ChangedIds changes = commit(put(4), put(4), put(1), delete(1), delete(2), put(2), put(5), delete(5));
        assertEquals(ids(false, of(4), of(2), of(1, 5)), changes);
        assertArrayEquals(of(1, 2, 4, 5), changes.toArray());
    }

    @Test
    void apply_touchesOutOfIdOrder_areGroupedById() {
        commit(put(5));
        assertEquals(ids(false, of(3, 9), of(5), of()), commit(put(9), put(5), put(3)));
    }

    @Test
    void apply_clear_isOneMarker_andIdsWrittenAfterItAreInserts() {
        commit(put(1), put(2));
        assertEquals(ids(true, of(), of(), of()), commit(put(1), delete(2), new WriteBatch.Clear("Item")));
        commit(put(1));
        assertEquals(ids(true, of(1, 7), of(), of()), commit(new WriteBatch.Clear("Item"), put(1), put(7)));
    }

    @Test
    void changesSince_givesTheCommitsAfterAVersion_inOrder_withTheirChangeSets() {
        long base = core.committedVersion();
        commit(put(1));
        core.apply(batch(put("Other", 5), put(1)));
        core.commit();
        commit(delete(1));
        ChangeLog.Read read = core.changesSince(base, 100);
        assertFalse(read.historyLost());
        assertEquals(base + 3, read.newest());
        assertEquals(List.of(
                new ChangeEvent("log", base + 1, Map.of("Item", ids(false, of(1), of(), of())))),
                read.events().subList(0, 1));
        assertEquals(Map.of("Item", ids(false, of(), of(1), of()), "Other", ids(false, of(5), of(), of())),
                read.events().get(1).changes());
        assertEquals(base + 3, read.events().get(2).version());
        assertEquals(List.of(base + 2, base + 3), core.changesSince(base + 1, 100).events().stream()
                .map(ChangeEvent::version).toList());
    }

    @Test
    void changesSince_returnsAtMostMax() {
        long base = core.committedVersion();
        commit(put(1));
        commit(put(2));
        commit(put(3));
        assertEquals(List.of(base + 1, base + 2), core.changesSince(base, 2).events().stream()
                .map(ChangeEvent::version).toList());
        assertEquals(List.of(base + 1), core.changesSince(base, 1).events().stream()
                .map(ChangeEvent::version).toList());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> core.changesSince(base, 0));
        assertTrue(e.getMessage().contains("max is 0"), e.getMessage());
    }

    @Test
    void changesSince_theNewestVersionOrBeyond_isEmptyAndNotLost() {
        commit(put(1));
        long newest = core.committedVersion();
        ChangeLog.Read read = core.changesSince(newest, 10);
        assertEquals(List.of(), read.events());
        assertFalse(read.historyLost());
        assertFalse(core.changesSince(newest + 5, 10).historyLost());
        assertEquals(newest, read.newest());
    }

    @Test
    void changesSince_aSilentCommit_hasNoChanges() {
        long base = core.committedVersion();
        core.apply(new WriteBatch(0, List.of(put(1)), WriteBatch.ReadSet.NONE, true));
        core.commit();
        assertEquals(List.of(new ChangeEvent("log", base + 1, Map.of())), core.changesSince(base, 10).events());
    }

    @Test
    void changesSince_appliedButNotCommitted_isNotServed() {
        long base = core.committedVersion();
        core.apply(batch(put(1)));
        assertEquals(List.of(), core.changesSince(base, 10).events());
        assertFalse(core.changesSince(base, 10).historyLost());
        core.commit();
        assertEquals(1, core.changesSince(base, 10).events().size());
    }

    /** The benchmark's switch: an open with it writes no entries and empties the log; the next open is sound. */
    @Test
    void logSwitchOff_writesNoEntries_andTheNextOpenStartsTheLogAtTheVersionItHas() {
        long base = core.committedVersion();
        commit(put(1));
        core.close();
        System.setProperty(StoreCore.LOG_SWITCH, "off");
        try {
            core = reopen();
            commit(put(2));
            commit(put(3));
        } finally {
            System.clearProperty(StoreCore.LOG_SWITCH);
        }
        core.close();
        core = reopen(); // a log that ended at base + 1 would be refused as damage here
        ChangeLog.Read read = core.changesSince(base, 10);
        assertTrue(read.historyLost(), "nothing was logged while the switch was off");
        assertEquals(0, read.oldest());
        commit(put(4));
        assertEquals(List.of(base + 4), core.changesSince(base + 3, 10).events().stream()
                .map(ChangeEvent::version).toList(), "logged again once the switch is gone");
    }

    @Test
    void log_survivesAReopen_andVersionsContinue() {
        long base = core.committedVersion();
        commit(put(1), put(2));
        commit(delete(2));
        List<ChangeEvent> before = core.changesSince(base, 10).events();
        core.close();
        core = reopen();
        long reopened = core.committedVersion(); // defining the collections again takes no version
        assertEquals(base + 2, reopened);
        assertEquals(before, core.changesSince(base, 2).events());
        commit(put(3));
        assertEquals(reopened + 1, core.committedVersion());
        assertEquals(List.of(base + 1, base + 2, base + 3), core.changesSince(base, 10).events().stream()
                .map(ChangeEvent::version).toList());
    }

    @Test
    void retention_byCount_dropsTheOldest_andAReadBeforeThemIsHistoryLost() {
        core.setLogRetention(new ChangeLog.Retention(3, Duration.ofDays(1)));
        long base = core.committedVersion();
        for (int i = 1; i <= 5; i++) {
            commit(put(i));
        }
        ChangeLog.Read lost = core.changesSince(base, 10);
        assertTrue(lost.historyLost());
        assertEquals(List.of(), lost.events());
        assertEquals(base + 3, lost.oldest());
        assertTrue(core.changesSince(base + 1, 10).historyLost());
        ChangeLog.Read kept = core.changesSince(base + 2, 10);
        assertFalse(kept.historyLost());
        assertEquals(List.of(base + 3, base + 4, base + 5), kept.events().stream().map(ChangeEvent::version).toList());
        assertEquals(core.changesSince(base + 2, 10).events(), core.changesSince(lost.oldest() - 1, 10).events());
    }

    @Test
    void retention_oneEntry_keepsTheNewestOnly() {
        core.setLogRetention(new ChangeLog.Retention(1, Duration.ofDays(1)));
        commit(put(1));
        commit(put(2));
        long newest = core.committedVersion();
        assertEquals(newest, core.changesSince(newest - 1, 10).events().get(0).version());
        assertTrue(core.changesSince(newest - 2, 10).historyLost());
    }

    @Test
    void retention_byAge_dropsEntriesOlderThanMaxAge_atTheNextCommit() {
        AtomicLong now = new AtomicLong(1_000_000);
        core.clockForTest(now::get);
        core.setLogRetention(new ChangeLog.Retention(100, Duration.ofMillis(500)));
        long base = core.committedVersion();
        commit(put(1));            // at 1,000,000
        now.addAndGet(400);
        commit(put(2));            // at 1,000,400: the first is 400 ms old, kept
        assertFalse(core.changesSince(base, 10).historyLost());
        now.addAndGet(100);
        commit(put(3));            // at 1,000,500: the first is exactly 500 ms old, kept
        assertFalse(core.changesSince(base, 10).historyLost());
        now.addAndGet(1);
        commit(put(4));            // at 1,000,501: the first is older than 500 ms, dropped
        ChangeLog.Read read = core.changesSince(base, 10);
        assertTrue(read.historyLost());
        assertEquals(base + 2, read.oldest());
        assertEquals(3, core.changesSince(base + 1, 10).events().size());
    }

    @Test
    void retention_isValidated() {
        assertThrows(IllegalArgumentException.class, () -> new ChangeLog.Retention(0, Duration.ofDays(1)));
        assertEquals(1, new ChangeLog.Retention(1, Duration.ofDays(1)).maxEntries());
        assertThrows(IllegalArgumentException.class, () -> new ChangeLog.Retention(5, Duration.ZERO));
        assertThrows(IllegalArgumentException.class, () -> new ChangeLog.Retention(5, Duration.ofMillis(-1)));
        assertEquals(Duration.ofMillis(1), new ChangeLog.Retention(5, Duration.ofMillis(1)).maxAge());
        assertEquals(ChangeLog.Retention.MAX_AGE, new ChangeLog.Retention(5, ChangeLog.Retention.MAX_AGE).maxAge());
        IllegalArgumentException tooOld = assertThrows(IllegalArgumentException.class,
                () -> new ChangeLog.Retention(5, ChangeLog.Retention.MAX_AGE.plusMillis(1)));
        assertTrue(tooOld.getMessage().contains("maxAge"), tooOld.getMessage());
        assertEquals(new ChangeLog.Retention(10_000, Duration.ofDays(1)), ChangeLog.Retention.DEFAULT);
        assertEquals(ChangeLog.Retention.DEFAULT, core.logRetention());
        assertThrows(NullPointerException.class, () -> core.setLogRetention(null));
    }

    @Test
    void changesSince_afterClose_servesTheNewestFromMemory_andOlderIsInstanceClosed() {
        core.setLogRetention(new ChangeLog.Retention(2, Duration.ofDays(1)));
        long base = core.committedVersion();
        commit(put(1));
        commit(put(2));
        commit(put(3));
        core.close();
        assertEquals(List.of(base + 2, base + 3), core.changesSince(base + 1, 10).events().stream()
                .map(ChangeEvent::version).toList());
        assertEquals(List.of(), core.changesSince(base + 3, 10).events());
        Faults.require(Fault.INSTANCE_CLOSED, assertThrows(RuntimeException.class, () -> core.changesSince(base, 10)));
    }

    @Test
    void changesSince_moreThanTheMemoryHolds_readsTheFile() {
        long base = core.committedVersion();
        for (int i = 0; i < StoreCore.TAIL + 5; i++) {
            core.apply(batch(put(i + 1)));
        }
        core.commit();
        List<ChangeEvent> events = core.changesSince(base, StoreCore.TAIL + 10).events();
        assertEquals(StoreCore.TAIL + 5, events.size());
        assertEquals(base + 1, events.get(0).version());
        assertEquals(Map.of("Item", ids(false, of(1), of(), of())), events.get(0).changes());
        assertEquals(base + StoreCore.TAIL + 5, events.get(events.size() - 1).version());
        assertEquals(List.of(base + 6, base + 7), core.changesSince(base + 5, 2).events().stream()
                .map(ChangeEvent::version).toList());
    }

    @Test
    void nextCommit_completesWithTheVersionOnceReadable_andFailsOnClose() throws Exception {
        CompletableFuture<Long> next = core.nextCommit().toCompletableFuture();
        assertFalse(next.isDone());
        commit(put(1));
        assertEquals(core.committedVersion(), next.get(0, TimeUnit.SECONDS));
        assertEquals(core.committedVersion(), core.readableVersion());
        CompletableFuture<Long> after = core.nextCommit().toCompletableFuture();
        assertFalse(after.isDone());
        core.close();
        ExecutionException e = assertThrows(ExecutionException.class, () -> after.get(0, TimeUnit.SECONDS));
        Faults.require(Fault.INSTANCE_CLOSED, e.getCause());
        ExecutionException late = assertThrows(ExecutionException.class,
                () -> core.nextCommit().toCompletableFuture().get(0, TimeUnit.SECONDS));
        Faults.require(Fault.INSTANCE_CLOSED, late.getCause());
    }

    @Test
    void decode_ofAnEncodedEntry_givesItsChanges() {
        Map<String, ChangedIds> changes = Map.of("Item", ids(true, of(1, 300, 70_000), of(2), of(1L << 40)),
                "Ünïcode", ids(false, of(), of(), of(5)));
        byte[] entry = ChangeLog.encode(123_456_789L, false, changes);
        assertEquals(123_456_789L, ChangeLog.time(entry));
        assertEquals(new ChangeEvent("x", 9, changes), ChangeLog.decode("x", 9, entry));
        assertEquals(new ChangeEvent("x", 9, Map.of()), ChangeLog.decode("x", 9,
                ChangeLog.encode(-1, true, changes)));
        assertEquals(-1, ChangeLog.time(ChangeLog.encode(-1, true, changes)));
    }

    @Test
    void decode_ofADamagedEntry_isCorruptFile_namingTheVersion() {
        byte[] entry = ChangeLog.encode(5, false, Map.of("Item", ids(false, of(1, 2), of(), of())));
        RuntimeException cut = Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> ChangeLog.decode("x", 42, java.util.Arrays.copyOf(entry, entry.length - 1))));
        assertTrue(cut.getMessage().contains("version 42"), cut.getMessage());
        byte[] longer = java.util.Arrays.copyOf(entry, entry.length + 1);
        RuntimeException extra = Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> ChangeLog.decode("x", 1, longer)));
        assertTrue(extra.getMessage().contains("1 bytes left over"), extra.getMessage());
        byte[] hugeLength = {0, 0, 1, (byte) 0xFF, (byte) 0xFF, 0x7F};
        Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> ChangeLog.decode("x", 1, hugeLength)));
        byte[] endless = {(byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1};
        RuntimeException tooLong = Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> ChangeLog.decode("x", 1, endless)));
        assertTrue(tooLong.getMessage().contains("longer than 64 bits"), tooLong.getMessage());
        byte[] sameIdTwice = {0, 0, 1, 1, 'I', 0, 1, 3, 1, 3, 0};
        Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> ChangeLog.decode("x", 1, sameIdTwice)));
    }

    @Test
    void encode_largestLongTime_andIdsRoundTrip() {
        Map<String, ChangedIds> changes = Map.of("I", ids(false, of(Long.MAX_VALUE >> 1, Long.MAX_VALUE), of(), of()));
        byte[] entry = ChangeLog.encode(Long.MAX_VALUE, false, changes);
        assertEquals(Long.MAX_VALUE, ChangeLog.time(entry));
        assertEquals(changes, ChangeLog.decode("x", 1, entry).changes());
    }

    @Test
    void open_aChangeLogThatDoesNotEndAtTheLastCommit_isCorruptFile() {
        commit(put(1));
        commit(put(2));
        long last = core.committedVersion();
        core.close();
        org.h2.mvstore.MVStore raw = new org.h2.mvstore.MVStore.Builder().fileName(core.file().toString()).open();
        try {
            org.h2.mvstore.MVMap<Long, byte[]> log = raw.openMap(ChangeLog.MAP, new org.h2.mvstore.MVMap.Builder<Long, byte[]>()
                    .keyType(new CheckedType<>(org.h2.mvstore.type.LongDataType.INSTANCE))
                    .valueType(new CheckedType<>(org.h2.mvstore.type.ByteArrayDataType.INSTANCE)));
            log.remove(last);
            raw.commit();
        } finally {
            raw.close();
        }
        RuntimeException e = Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, this::reopen));
        assertTrue(e.getMessage().contains("change log ends at version " + (last - 1) + "; the last commit is version "
                + last), e.getMessage());
        core = StoreCore.open(dir.resolve("fresh"), "log", StoreOptions.DEFAULT); // for close()
    }

    @Test
    void apply_touchesOfOneIdWithAnotherIdBetween_giveItsNetChange() {
        // 1 is inserted, then 2, then 1 is deleted again: 1 must come out deleted only, not inserted as well.
        assertEquals(ids(false, of(2), of(), of(1)), commit(put(1), put(2), delete(1)));
        // a stored 2 deleted, 3 inserted, 2 put back: 2 is updated
        assertEquals(ids(false, of(3), of(2), of()), commit(delete(2), put(3), put(2)));
        // descending with repeats: 9 put twice around 8, 7 deleted between
        commit(put(7));
        assertEquals(ids(false, of(8, 9), of(), of(7)), commit(put(9), put(8), delete(7), put(9)));
    }

    @Test
    void changesSince_theNewestVersionRightAfterAReopen_reportsTheOldestVersionTheLogHolds() {
        long base = core.committedVersion();
        commit(put(1));
        commit(put(2));
        core.close();
        core = reopen();
        long newest = core.committedVersion();
        ChangeLog.Read read = core.changesSince(newest, 10);
        assertEquals(List.of(), read.events());
        assertFalse(read.historyLost());
        assertEquals(base + 1, read.oldest(), "the log holds both commits made before the reopen");
        assertEquals(newest, read.newest());
        commit(put(3));
        ChangeLog.Read afterOne = core.changesSince(newest, 10);
        assertEquals(List.of(newest + 1), afterOne.events().stream().map(ChangeEvent::version).toList());
        assertEquals(base + 1, afterOne.oldest(), "the tail holds one commit; the log holds three");
    }

    @Test
    void changesSince_afterAReopen_readsTheLogFromTheVersionBeforeItsOldestOn() {
        long base = core.committedVersion();
        commit(put(1));
        commit(put(2));
        commit(put(3));
        core.close();
        core = reopen();
        ChangeLog.Read all = core.changesSince(base, 10);
        assertFalse(all.historyLost());
        assertEquals(base + 1, all.oldest());
        assertEquals(List.of(base + 1, base + 2, base + 3), all.events().stream().map(ChangeEvent::version).toList());
        assertEquals(List.of(base + 1, base + 2), core.changesSince(base, 2).events().stream()
                .map(ChangeEvent::version).toList(), "at most max from the log too");
        assertEquals(List.of(base + 2), core.changesSince(base + 1, 1).events().stream()
                .map(ChangeEvent::version).toList());
        assertEquals(List.of(base + 3), core.changesSince(base + 2, 10).events().stream()
                .map(ChangeEvent::version).toList(), "the newest entry, from the log");
        ChangeLog.Read tooOld = core.changesSince(base - 1, 10);
        assertTrue(tooOld.historyLost(), "the version right after base - 1 was never logged");
        assertEquals(List.of(), tooOld.events());
        assertEquals(base + 1, tooOld.oldest());
    }

    private static String damage(byte[] entry) {
        return Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> ChangeLog.decode("x", 7, entry))).getMessage();
    }

    @Test
    void decode_eachKindOfDamage_isNamedInTheMessage() {
        String prefix = "instance 'x': the change log entry of version 7 is damaged (";
        byte[] entry = ChangeLog.encode(5, false, Map.of("Item", ids(false, of(1, 2), of(), of())));
        assertEquals(prefix + "the entry ends early)", damage(java.util.Arrays.copyOf(entry, entry.length - 1)));
        // ten bytes with their high bit set, then a last one: more than 64 bits even though it ends
        byte[] elevenBytes = new byte[11];
        java.util.Arrays.fill(elevenBytes, 0, 10, (byte) 0x80);
        assertEquals(prefix + "a number longer than 64 bits)", damage(elevenBytes));
        // a name length one past what is left, and a negative one (the varint of -1)
        assertEquals(prefix + "a length of 2 with 1 bytes left)", damage(new byte[] {0, 0, 1, 2, 'I'}));
        byte[] negative = {0, 0, 1, -1, -1, -1, -1, -1, -1, -1, -1, -1, 1, 'I'};
        assertEquals(prefix + "a length of -1 with 1 bytes left)", damage(negative));
        // a name length that takes exactly what is left is read; then the entry ends early
        assertEquals(prefix + "the entry ends early)", damage(new byte[] {0, 0, 1, 1, 'I'}));
    }

    @Test
    void changesSince_afterClose_olderThanTheMemoryHolds_isInstanceClosed() {
        long base = core.committedVersion();
        for (int i = 0; i < StoreCore.TAIL + 5; i++) {
            core.apply(batch(put(i + 1)));
        }
        core.commit();
        core.close();
        assertEquals(List.of(base + 6, base + 7), core.changesSince(base + 5, 2).events().stream()
                .map(ChangeEvent::version).toList(), "the newest TAIL commits stay in memory");
        Faults.require(Fault.INSTANCE_CLOSED, assertThrows(RuntimeException.class, () -> core.changesSince(base + 4, 2)));
    }

    @Test
    void nextCommit_afterClose_failsWithInstanceClosed() {
        core.close();
        CompletableFuture<Long> next = core.nextCommit().toCompletableFuture();
        assertTrue(next.isCompletedExceptionally(), "failed at once, not left pending");
        java.util.concurrent.CompletionException e = assertThrows(java.util.concurrent.CompletionException.class,
                next::join);
        Faults.require(Fault.INSTANCE_CLOSED, e.getCause());
    }
}
