package dev.atoll.internal.store;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;

import org.h2.mvstore.DataUtils;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.StringDataType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The checks an open makes before it trusts a file: its format number, the entry count recorded for
 * every map, and the clean-close mark in each of MVStore's two header blocks.
 */
class StoreFileChecksTest {
    private static final CollectionDef ITEMS = new CollectionDef("Item", List.of(
            new CollectionDef.IndexDef("tag", false, false)));
    private static final int BLOCK = 4096;

    @TempDir
    Path dir;

    private Path file() {
        return dir.resolve("test.atoll");
    }

    /**
     * Space reuse held back: these tests cut the newest commit off a closed file and expect the commit
     * before it to be there. Under {@code sync} durability with compaction, a freed chunk is overwritten as
     * soon as a force made its death durable, so after a clean close only the newest commit is left in the
     * file (the clean mark is then what refuses a cut one). Under {@code write} with compaction off no force
     * happens before the close, so every older chunk stays where it was written.
     */
    private static final StoreOptions NO_COMPACTION = new StoreOptions(StoreOptions.Durability.WRITE, 16, null,
            StoreOptions.OWNER_ONLY, "", 0);

    private static StoreCore open(Path dir) {
        StoreCore core = StoreCore.open(dir, "test", NO_COMPACTION);
        core.define(List.of(ITEMS), Map.of("Item", new byte[] {1}));
        core.commit();
        return core;
    }

    private static WriteBatch.Put put(long id, String value) {
        byte[][][] keys = {{("t" + id % 2 + "\u0000").getBytes(StandardCharsets.UTF_8)}};
        return new WriteBatch.Put("Item", id, Records.encode(keys, value.getBytes(StandardCharsets.UTF_8)), keys);
    }

    /** A cleanly closed file with objects 1 to {@code commits}, one commit each. */
    private void writeAndClose(int commits) {
        StoreCore core = open(dir);
        for (int i = 1; i <= commits; i++) {
            core.apply(new WriteBatch(0, List.of(put(i, "v" + i)), WriteBatch.ReadSet.NONE, false));
            core.commit();
        }
        core.close();
    }

    /** Changes the meta map ("atoll") of the file through MVStore, as damage or another program could. */
    private void alterMeta(Consumer<MVMap<String, byte[]>> change) {
        MVStore store = new MVStore.Builder().fileName(file().toString()).autoCommitDisabled().open();
        change.accept(store.openMap("atoll", new MVMap.Builder<String, byte[]>()
                .keyType(new CheckedType<>(StringDataType.INSTANCE))
                .valueType(new CheckedType<>(ByteArrayDataType.INSTANCE))));
        store.commit();
        store.close();
    }

    private static byte[] longBytes(long v) {
        return ByteBuffer.allocate(Long.BYTES).putLong(v).array();
    }

    private RuntimeException openFailsAsCorrupt() {
        return Faults.require(Fault.CORRUPT_FILE, assertThrows(RuntimeException.class, () -> open(dir)));
    }

    @Test
    void open_fileOfAFutureFormat_isRefusedNamingBothFormats() {
        writeAndClose(1);
        alterMeta(meta -> meta.put("format", longBytes(4)));

        RuntimeException e = openFailsAsCorrupt();
        assertTrue(e.getMessage().contains("has format 4; this version of Atoll reads format 3"), e.getMessage());
    }

    @Test
    void open_fileOfTheCurrentFormat_opensWithItsData() {
        writeAndClose(1);
        alterMeta(meta -> meta.put("format", longBytes(3)));

        StoreCore core = open(dir);
        try (Snapshot s = core.snapshot()) {
            assertNotNull(s.get("Item", 1));
        } finally {
            core.close();
        }
    }

    @Test
    void open_metaMapWithoutAFormatEntry_isCorrupt() {
        writeAndClose(1);
        alterMeta(meta -> meta.remove("format"));

        RuntimeException e = openFailsAsCorrupt();
        assertTrue(e.getMessage().contains("its meta map has no format entry"), e.getMessage());
    }

    @Test
    void open_formatEntryOfTheWrongLength_isCorrupt() {
        writeAndClose(1);
        alterMeta(meta -> meta.put("format", new byte[] {0, 2}));

        RuntimeException e = openFailsAsCorrupt();
        assertTrue(e.getMessage().contains("damaged meta entry of 2 bytes"), e.getMessage());
    }

    @Test
    void open_indexMapWithNoRecordedCount_isCorruptAndNamesTheMap() {
        writeAndClose(2);
        alterMeta(meta -> assertNotNull(meta.remove("count:i:Item\ttag")));

        RuntimeException e = openFailsAsCorrupt();
        assertTrue(e.getMessage().contains("maps [i:Item\ttag] have no entry count recorded"), e.getMessage());
    }

    @Test
    void open_dataMapWithNoRecordedCount_isCorrupt() {
        writeAndClose(2);
        alterMeta(meta -> assertNotNull(meta.remove("count:d:Item")));

        RuntimeException e = openFailsAsCorrupt();
        assertTrue(e.getMessage().contains("maps [d:Item] have no entry count recorded"), e.getMessage());
    }

    @Test
    void open_recordedCountsOfEveryMap_opensAndReadsTheVersion() {
        writeAndClose(3);
        StoreCore core = open(dir);
        try (Snapshot s = core.snapshot()) {
            assertEquals(3, s.count("Item"));
            assertEquals(3, s.version());
            assertEquals(3, core.committedVersion());
        } finally {
            core.close();
        }
    }

    /** A file with only a format 1 meta map ("atoll.meta", no checksums) holding this format entry. */
    private void writeFormatOneMeta(byte[] format) {
        MVStore v1 = new MVStore.Builder().fileName(file().toString()).autoCommitDisabled().open();
        MVMap<String, byte[]> meta = v1.openMap("atoll.meta", new MVMap.Builder<String, byte[]>()
                .keyType(StringDataType.INSTANCE).valueType(ByteArrayDataType.INSTANCE));
        if (format != null) {
            meta.put("format", format);
        }
        meta.put("version", longBytes(5));
        v1.commit();
        v1.close();
    }

    @Test
    void open_formatOneMetaMapSayingAnotherFormat_isCorrupt() {
        writeFormatOneMeta(longBytes(2));
        RuntimeException e = openFailsAsCorrupt();
        assertTrue(e.getMessage().contains("has a format 1 meta map without format 1 in it"), e.getMessage());
    }

    @Test
    void open_formatOneMetaMapWithoutAFormat_isCorrupt() {
        writeFormatOneMeta(null);
        RuntimeException e = openFailsAsCorrupt();
        assertTrue(e.getMessage().contains("has a format 1 meta map without format 1 in it"), e.getMessage());
    }

    @Test
    void open_formatOneMetaMapWithNoOtherMap_upgradesToAnEmptyInstanceAtItsVersion() {
        writeFormatOneMeta(longBytes(1));
        StoreCore core = open(dir);
        try (Snapshot s = core.snapshot()) {
            assertEquals(5, s.version());
            assertEquals(0, s.count("Item"));
        } finally {
            core.close();
        }
    }

    // --- the clean-close mark in the two header blocks ---

    private byte[] block(int b) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "r")) {
            byte[] block = new byte[BLOCK];
            f.seek((long) b * BLOCK);
            f.readFully(block);
            return block;
        }
    }

    private void writeBlock(int b, byte[] block) throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "rw")) {
            f.seek((long) b * BLOCK);
            f.write(block);
        }
    }

    /** The header text of a block, without its checksum and line end. */
    private static String headerText(byte[] block) {
        String text = new String(block, StandardCharsets.ISO_8859_1);
        return text.substring(0, text.lastIndexOf(",fletcher:"));
    }

    /** A header block with this text and a right checksum, as MVStore writes one. */
    private static byte[] sealedBlock(String text) {
        byte[] bytes = text.getBytes(StandardCharsets.ISO_8859_1);
        String whole = text + ",fletcher:" + Integer.toHexString(DataUtils.getFletcher32(bytes, 0, bytes.length)) + "\n";
        byte[] block = new byte[BLOCK];
        System.arraycopy(whole.getBytes(StandardCharsets.ISO_8859_1), 0, block, 0, whole.length());
        return block;
    }

    private void cutLastBlock() throws Exception {
        try (RandomAccessFile f = new RandomAccessFile(file().toFile(), "rw")) {
            assertTrue(f.length() > 3 * BLOCK, "the file has chunks past its two headers");
            f.setLength(f.length() - BLOCK);
        }
    }

    /** Opens a file whose newest commit was cut off: it must be at the commit before, with no error. */
    private void opensAtTheCommitBefore(int commits) {
        StoreCore core = open(dir);
        try (Snapshot s = core.snapshot()) {
            assertEquals(commits - 1, s.version());
            assertNull(s.get("Item", commits));
        } finally {
            core.close();
        }
    }

    @Test
    void cleanClose_writesBothHeaderBlocksWithTheSameVersionAndTheCleanMark() throws Exception {
        writeAndClose(3);
        Map<String, String> first = StoreFile.parseHeader(block(0));
        Map<String, String> second = StoreFile.parseHeader(block(1));
        assertNotNull(first);
        assertNotNull(second);
        assertEquals(first.get("version"), second.get("version"));
        assertEquals("1", first.get("clean"));
        assertEquals("1", second.get("clean"));
    }

    @Test
    void open_cleanFileWithTheFirstHeaderBlockTornAndItsLastCommitCutOff_isCorrupt() throws Exception {
        writeAndClose(4);
        byte[] torn = block(0);
        torn[10] ^= 0x55; // the first block no longer reads whole: only the second one counts
        writeBlock(0, torn);
        assertNull(StoreFile.parseHeader(block(0)));
        cutLastBlock();

        RuntimeException e = openFailsAsCorrupt();
        assertTrue(e.getMessage().contains("closed cleanly"), e.getMessage());
    }

    @Test
    void open_cleanFileWithTheSecondHeaderBlockTornAndItsLastCommitCutOff_isCorrupt() throws Exception {
        writeAndClose(4);
        byte[] torn = block(1);
        torn[10] ^= 0x55;
        writeBlock(1, torn);
        cutLastBlock();

        RuntimeException e = openFailsAsCorrupt();
        assertTrue(e.getMessage().contains("closed cleanly"), e.getMessage());
    }

    @Test
    void open_equalHeaderVersionsOnlyTheSecondClean_isNotACleanFile() throws Exception {
        writeAndClose(4);
        String text = headerText(block(0));
        assertTrue(text.contains(",clean:1"), text);
        writeBlock(0, sealedBlock(text.replace(",clean:1", "")));
        assertEquals(StoreFile.parseHeader(block(0)).get("version"), StoreFile.parseHeader(block(1)).get("version"));
        cutLastBlock();

        opensAtTheCommitBefore(4);
    }

    @Test
    void open_equalHeaderVersionsOnlyTheFirstClean_isNotACleanFile() throws Exception {
        writeAndClose(4);
        String text = headerText(block(1));
        assertTrue(text.contains(",clean:1"), text);
        writeBlock(1, sealedBlock(text.replace(",clean:1", "")));
        cutLastBlock();

        opensAtTheCommitBefore(4);
    }

    @Test
    void open_newerUncleanHeaderAndOlderCleanOne_isNotACleanFile() throws Exception {
        writeAndClose(4);
        Map<String, String> header = StoreFile.parseHeader(block(1));
        long version = Long.parseLong(header.get("version"), 16);
        String text = headerText(block(1)).replace(",clean:1", "")
                .replace("version:" + header.get("version"), "version:" + Long.toHexString(version + 1));
        writeBlock(1, sealedBlock(text));
        cutLastBlock();

        opensAtTheCommitBefore(4);
    }

    @Test
    void open_olderUncleanHeaderAndNewerCleanOne_isCorrupt() throws Exception {
        writeAndClose(4);
        Map<String, String> header = StoreFile.parseHeader(block(1));
        long version = Long.parseLong(header.get("version"), 16);
        String text = headerText(block(1)).replace(",clean:1", "")
                .replace("version:" + header.get("version"), "version:" + Long.toHexString(version - 1));
        writeBlock(1, sealedBlock(text));
        cutLastBlock();

        RuntimeException e = openFailsAsCorrupt();
        assertTrue(e.getMessage().contains("closed cleanly"), e.getMessage());
    }
}
