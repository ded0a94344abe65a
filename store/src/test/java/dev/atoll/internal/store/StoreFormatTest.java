package dev.atoll.internal.store;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The file format's own defences against damage (the checksummed pages are tested in
 * {@link CheckedTypeTest}), and the upgrade of format 1 files.
 */
class StoreFormatTest {
    private static final CollectionDef ITEMS = new CollectionDef("Item", List.of(
            new CollectionDef.IndexDef("tag", false, false)));
    private static final String TAG_MAP = "i:Item\ttag";

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("test.atoll");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static WriteBatch.Put put(long id, String value, String tag) {
        byte[][][] keys = {{bytes(tag + "\u0000")}};
        return new WriteBatch.Put("Item", id, Records.encode(keys, bytes(value)), keys);
    }

    private static WriteBatch batch(WriteBatch.Op... ops) {
        return new WriteBatch(0, List.of(ops), WriteBatch.ReadSet.NONE, false);
    }

    private static StoreCore open(Path dir) {
        StoreCore core = StoreCore.open(dir, "test", StoreOptions.DEFAULT);
        core.define(List.of(ITEMS), Map.of("Item", new byte[] {1}));
        core.commit();
        return core;
    }

    /** A file with objects 1 to {@code commits}, one commit each. */
    private StoreCore writeCommits(int commits) {
        StoreCore core = open(dir);
        for (int i = 1; i <= commits; i++) {
            core.apply(batch(put(i, "v" + i, "t" + (i % 2))));
            core.commit();
        }
        return core;
    }

    private static String value(Snapshot s, long id) {
        byte[] record = s.get("Item", id);
        return record == null ? null : new String(Records.value(record), StandardCharsets.UTF_8);
    }

    private MVStore raw() {
        return new MVStore.Builder().fileName(file().toString()).autoCommitDisabled().open();
    }

    /** Changes the file through MVStore directly, as damage or another program could, then commits. */
    private void alterRaw(java.util.function.Consumer<MVStore> change) {
        MVStore store = raw();
        change.accept(store);
        store.commit();
        store.close();
    }

    private RuntimeException openFailsAsCorrupt() {
        return Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> open(dir)));
    }

    @Test
    void open_formatOneFile_upgradesItInPlaceWithItsDataIndexesAndVersion() {
        // A file as format 1 wrote it: the meta map under its old name, no checksums, no counts.
        MVStore v1 = raw();
        MVMap<String, byte[]> meta = v1.openMap("atoll.meta", new MVMap.Builder<String, byte[]>()
                .keyType(StringDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        meta.put("format", ByteBuffer.allocate(8).putLong(1).array());
        meta.put("version", ByteBuffer.allocate(8).putLong(2).array());
        meta.put("layout:Item", new byte[] {9});
        MVMap<Long, byte[]> data = v1.openMap("d:Item", new MVMap.Builder<Long, byte[]>()
                .keyType(LongDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        MVMap<byte[], Boolean> tags = v1.openMap(TAG_MAP, new MVMap.Builder<byte[], Boolean>()
                .keyType(ByteArrayDataType.INSTANCE).valueType(Presence.INSTANCE));
        for (long id = 1; id <= 3; id++) {
            WriteBatch.Put p = put(id, "old" + id, "t" + (id % 2));
            data.put(id, p.record());
            tags.put(IndexEntries.entry(p.keys()[0][0], id), Boolean.TRUE);
        }
        v1.commit();
        v1.close();

        StoreCore core = StoreCore.open(dir, "test", StoreOptions.DEFAULT);
        assertArrayEquals(new byte[] {9}, core.layouts().get("Item"), "layouts are carried over");
        core.define(List.of(ITEMS), Map.of());
        core.commit();
        try (Snapshot s = core.snapshot()) {
            assertEquals(2, s.version());
            assertEquals("old2", value(s, 2));
            assertEquals(2, s.firstOwner("Item", "tag", bytes("t0\u0000")));
        }
        core.apply(batch(put(4, "new4", "t0")));
        core.commit();
        core.close();

        MVStore after = raw();
        Set<String> names = after.getMapNames();
        after.close();
        assertTrue(names.contains("atoll") && !names.contains("atoll.meta"), "format 2 maps: " + names);
        StoreCore again = open(dir);
        try (Snapshot s = again.snapshot()) {
            assertEquals(4, s.count("Item"));
            assertEquals("old1", value(s, 1));
            assertEquals("new4", value(s, 4));
        } finally {
            again.close();
        }
    }

    /** The meta map of a format 2 or 3 file, opened as StoreCore opens it (checksummed pages). */
    private static MVMap<String, byte[]> checkedMeta(MVStore store) {
        return store.openMap("atoll", new MVMap.Builder<String, byte[]>()
                .keyType(new CheckedType<>(StringDataType.INSTANCE))
                .valueType(new CheckedType<>(ByteArrayDataType.INSTANCE)));
    }

    private long storedFormat() {
        MVStore store = raw();
        try {
            return ByteBuffer.wrap(checkedMeta(store).get("format")).getLong();
        } finally {
            store.close();
        }
    }

    @Test
    void open_formatTwoFile_becomesFormatThreeInItsFirstCommitWithItsDataAndLayouts() {
        StoreCore core = writeCommits(3);
        core.close();
        assertEquals(3, storedFormat(), "new files are format 3");
        alterRaw(store -> checkedMeta(store).put("format", ByteBuffer.allocate(8).putLong(2).array()));
        assertEquals(2, storedFormat());

        StoreCore again = StoreCore.open(dir, "test", StoreOptions.DEFAULT);
        try {
            assertArrayEquals(new byte[] {1}, again.layouts().get("Item"),
                    "layouts stay as they were: their keys are rebuilt when a collection is opened");
            again.define(List.of(ITEMS), Map.of());
            again.commit();
            try (Snapshot s = again.snapshot()) {
                assertEquals(3, s.version());
                assertEquals("v2", value(s, 2));
                assertEquals(1, s.firstOwner("Item", "tag", bytes("t1\u0000")));
            }
        } finally {
            again.close();
        }
        assertEquals(3, storedFormat());
    }

    @Test
    void open_formatFromTheFuture_isRefusedNamingBothFormats() {
        writeCommits(1).close();
        alterRaw(store -> checkedMeta(store).put("format", ByteBuffer.allocate(8).putLong(4).array()));
        RuntimeException e = openFailsAsCorrupt();
        assertTrue(e.getMessage().contains("has format 4") && e.getMessage().contains("reads format 3"),
                e.getMessage());
    }

    @Test
    void open_indexMapGone_isCorruptAndNamesTheMap() {
        writeCommits(3).close();
        alterRaw(store -> store.removeMap(TAG_MAP));

        RuntimeException e = openFailsAsCorrupt();
        assertTrue(e.getMessage().contains(TAG_MAP) && e.getMessage().contains("missing"), e.getMessage());
    }

    @Test
    void open_mapWithAnotherEntryCount_isCorrupt() {
        writeCommits(3).close();
        alterRaw(store -> store.openMap(TAG_MAP, new MVMap.Builder<byte[], Boolean>()
                .keyType(new CheckedType<>(ByteArrayDataType.INSTANCE)).valueType(Presence.INSTANCE))
                .remove(IndexEntries.entry(bytes("t1\u0000"), 1)));

        RuntimeException e = openFailsAsCorrupt();
        assertTrue(e.getMessage().contains("has 2 entries; the last commit left 3"), e.getMessage());
    }

    @Test
    void open_fileWithoutAnyMap_isCorruptNotANewEmptyInstance() {
        alterRaw(store -> {
            store.openMap("scratch").put(1, 1);
            store.commit();
            store.removeMap("scratch");
        });

        RuntimeException e = openFailsAsCorrupt();
        assertTrue(e.getMessage().contains("maps cannot be found"), e.getMessage());
    }

    @Test
    void open_anotherProgramsFile_isNotAnAtollFile() {
        alterRaw(store -> store.openMap("theirs").put(1, 1));

        RuntimeException e = openFailsAsCorrupt();
        assertTrue(e.getMessage().contains("not an Atoll file"), e.getMessage());
    }

    @Test
    void open_cleanlyClosedFileWithItsLastCommitCutOff_isCorrupt() throws Exception {
        writeCommits(4).close();
        cutLastBlock();

        RuntimeException e = openFailsAsCorrupt();
        assertTrue(e.getMessage().contains("closed cleanly"), e.getMessage());
    }

    @Test
    void open_crashedFileWithItsLastCommitCutOff_opensAtTheCommitBefore() throws Exception {
        // After a crash the newest chunk may be torn, and it was never acknowledged: MVStore falls back
        // to the one before, as it must. Only a clean close says which chunk must be there. Chunks reuse
        // freed space, so the last commit is made too big for any gap: it is the chunk at the end.
        StoreCore core = writeCommits(3);
        long before = core.committedVersion();
        StringBuilder big = new StringBuilder();
        java.util.Random random = new java.util.Random(4);
        while (big.length() < 200_000) {
            big.append((char) ('!' + random.nextInt(90)));
        }
        core.apply(batch(put(4, big.toString(), "t0")));
        core.commit();
        core.crashForTest();
        cutLastBlock();

        StoreCore reopened = open(dir);
        try (Snapshot s = reopened.snapshot()) {
            assertEquals(before, s.version());
            assertEquals("v3", value(s, 3));
            assertNull(value(s, 4));
        } finally {
            reopened.close();
        }
    }

    @Test
    void open_staleCleanMarkInOneHeaderBlockAfterACrash_opensAtTheLastIntactCommit() throws Exception {
        // A crash can leave one header block with the clean mark of the last close while the other
        // names a newer, lost chunk: the clean mark is stale and must not make the file "damaged".
        writeCommits(3).close();
        byte[] cleanHeader;
        long cleanLength;
        try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "r")) {
            cleanHeader = new byte[4096];
            f.readFully(cleanHeader);
            cleanLength = f.length();
        }
        assertTrue(new String(cleanHeader, StandardCharsets.ISO_8859_1).contains(",clean:1,"));
        StoreCore core = open(dir);
        long cleanVersion = core.committedVersion();
        // big enough that its chunk cannot be written into a free gap of the file: it lands after its end
        core.apply(batch(put(4, "v4" + new java.util.Random(4).ints(200_000, 'a', 'z' + 1)
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append), "t0")));
        core.commit();
        core.crashForTest();
        try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "rw")) {
            byte[] second = new byte[4096];
            f.seek(4096);
            f.readFully(second);
            assertFalse(new String(second, StandardCharsets.ISO_8859_1).contains(",clean:1,"),
                    "the newer header block has no clean mark");
            f.seek(0);
            f.write(cleanHeader); // the first block as the close left it
            f.setLength(cleanLength); // the chunks written since, lost
        }

        StoreCore reopened = open(dir);
        try (Snapshot s = reopened.snapshot()) {
            assertEquals(cleanVersion, s.version());
            assertEquals("v3", value(s, 3));
            assertNull(value(s, 4));
        } finally {
            reopened.close();
        }
    }

    @Test
    void parseHeader_readsAWholeBlockAndRefusesADamagedOne() {
        byte[] block = new byte[4096];
        String text = "H:2,block:5,chunk:3,clean:1,version:3";
        int sum = org.h2.mvstore.DataUtils.getFletcher32(text.getBytes(StandardCharsets.ISO_8859_1), 0, text.length());
        byte[] whole = (text + ",fletcher:" + Integer.toHexString(sum) + "\n").getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(whole, 0, block, 0, whole.length);
        assertEquals("3", StoreFile.parseHeader(block).get("version"));
        block[20] ^= 1;
        assertNull(StoreFile.parseHeader(block));
        assertNull(StoreFile.parseHeader(new byte[4096]));
    }

    private void cutLastBlock() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "rw")) {
            assertFalse(f.length() <= 3 * 4096, "the file has chunks past its two headers");
            f.setLength(f.length() - 4096);
        }
    }

    /** A header text sealed with its Fletcher-32, as MVStore writes it (without the line end). */
    private static String sealed(String text) {
        int sum = org.h2.mvstore.DataUtils.getFletcher32(text.getBytes(StandardCharsets.ISO_8859_1), 0, text.length());
        return text + ",fletcher:" + Integer.toHexString(sum);
    }

    private static byte[] latin1(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }

    @Test
    void parseHeader_textEndsAtTheLineEndAtANulOrAtTheEndOfTheBlock() {
        String header = sealed("H:2,clean:1,version:a");
        assertEquals("a", StoreFile.parseHeader(latin1(header + "\nversion:b,fletcher:0\n")).get("version"));
        assertEquals("a", StoreFile.parseHeader(latin1(header + "\0version:b,fletcher:0\n")).get("version"));
        assertEquals("a", StoreFile.parseHeader(latin1(header)).get("version"), "no line end: the block's end");
    }

    @Test
    void parseHeader_checksumMissingNotHexOrWrong_isNotAWholeBlock() {
        assertNull(StoreFile.parseHeader(latin1("H:2,clean:1,version:3\n")));
        assertNull(StoreFile.parseHeader(latin1("H:2,clean:1,version:3,fletcher:xyz\n")));
        assertNull(StoreFile.parseHeader(latin1("H:2,clean:1,version:3,fletcher:\n")));
        String header = sealed("H:2,clean:1,version:3");
        String wrong = header.substring(0, header.length() - 1) + (header.endsWith("0") ? "1" : "0");
        assertNull(StoreFile.parseHeader(latin1(wrong + "\n")));
    }

    @Test
    void parseHeader_sealedTextThatIsNoMap_isNotAWholeBlock() {
        assertNull(StoreFile.parseHeader(latin1(sealed("H:2,version") + "\n")), "a key without its value");
        assertEquals(Map.of(), StoreFile.parseHeader(latin1(sealed("") + "\n")), "an empty header is a whole one");
    }
}
