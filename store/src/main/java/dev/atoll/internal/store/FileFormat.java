package dev.atoll.internal.store;

import dev.atoll.internal.fault.Fault;
import dev.atoll.internal.fault.Faults;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;
import org.h2.mvstore.type.StringDataType;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The format of an instance's file: the meta map's entries (format number, commit version, schema
 * layouts, last ids, and the entry count of every other map), the checks an open makes against them, and
 * the upgrade of older formats in the first commit of their open.
 */
final class FileFormat {
    static final String META = "atoll";
    /** The meta map of format 1 files, which had no page checksums. */
    static final String V1_META = "atoll.meta";
    static final String COUNT_PREFIX = "count:";
    static final String UPGRADE = "upgrade:";
    static final String FORMAT_KEY = "format";
    static final String VERSION_KEY = "version";
    static final String LAYOUT_PREFIX = "layout:";
    /** The largest id ever put into a collection, so that auto-increment never hands out an id again. */
    static final String LAST_ID_PREFIX = "lastId:";
    static final int FORMAT = 3;
    /** The format whose files only need their format entry raised: their keys are rebuilt per collection. */
    static final int FORMAT_2 = 2;

    private FileFormat() {
    }

    /**
     * Opens the meta map of a file and brings the file to the current format in the commit of this open:
     * format 1 is rewritten ({@link #upgradeFromV1}), format 2 only has its format entry raised (its keys
     * are rebuilt per collection by the migration commit).
     *
     * @throws RuntimeException a {@code CORRUPT_FILE} failure when the file is not an Atoll file, is damaged,
     *     or has a format this version does not read
     */
    static MVMap<String, byte[]> openMeta(MVStore store, Path file) {
        Set<String> names = new TreeSet<>(store.getMapNames());
        boolean upgrade = names.contains(V1_META) && !names.contains(META);
        if (!upgrade && !names.contains(META)) {
            // Every Atoll file is created with its meta map (see create): without it, the file is
            // another program's, or damage hid MVStore's catalogue of maps.
            throw Faults.of(Fault.CORRUPT_FILE, "file " + file + (names.isEmpty()
                    ? " is damaged: its maps cannot be found" : " is not an Atoll file (maps " + names + ")"));
        }
        MVMap<String, byte[]> meta = StoreMaps.openMeta(store, META);
        if (upgrade) {
            upgradeFromV1(store, meta, file);
        }
        byte[] format = meta.get(FORMAT_KEY);
        if (format == null) {
            throw Faults.of(Fault.CORRUPT_FILE, "file " + file + " is damaged: its meta map has no format entry");
        } else if (readLong(format) == FORMAT_2) {
            meta.put(FORMAT_KEY, longBytes(FORMAT));
        } else if (readLong(format) != FORMAT) {
            throw Faults.of(Fault.CORRUPT_FILE, "file " + file + " has format " + readLong(format)
                    + "; this version of Atoll reads format " + FORMAT + " (and upgrades formats 1 and 2)");
        }
        return meta;
    }

    /** Writes the meta map of a new, empty file. */
    static void create(MVStore fresh) {
        StoreMaps.openMeta(fresh, META).put(FORMAT_KEY, longBytes(FORMAT));
    }

    /**
     * Checks each data and index map against the entry count the meta map recorded for it at the
     * last commit (the meta map's pages are checksummed; MVStore's own catalogue of map names and
     * root pages, and the entry counts in inner nodes, are not): a map that is missing, has no
     * recorded count, or has another size means the file is damaged.
     */
    static void verifyCounts(MVStore store, MVMap<String, byte[]> meta, Path file) {
        Set<String> uncounted = new java.util.TreeSet<>();
        for (String mapName : store.getMapNames()) {
            if (mapName.startsWith(StoreMaps.DATA_PREFIX) || mapName.startsWith(StoreMaps.INDEX_PREFIX)) {
                uncounted.add(mapName);
            }
        }
        Cursor<String, byte[]> c = meta.cursor(COUNT_PREFIX);
        while (c.hasNext()) {
            String key = c.next();
            if (!key.startsWith(COUNT_PREFIX)) {
                break;
            }
            String mapName = key.substring(COUNT_PREFIX.length());
            long recorded = readLong(c.getValue());
            if (!uncounted.remove(mapName)) {
                throw Faults.of(Fault.CORRUPT_FILE, "file " + file + " is damaged: map '" + mapName + "' is missing ("
                        + recorded + " entries at the last commit)");
            }
            long actual = StoreMaps.openAny(store, mapName).sizeAsLong();
            if (actual != recorded) {
                throw Faults.of(Fault.CORRUPT_FILE, "file " + file + " is damaged: map '" + mapName + "' has " + actual
                        + " entries; the last commit left " + recorded);
            }
        }
        if (!uncounted.isEmpty()) {
            throw Faults.of(Fault.CORRUPT_FILE, "file " + file + " is damaged: maps " + uncounted
                    + " have no entry count recorded");
        }
    }

    /**
     * Reads the oldest and the newest entries of the change log, whose pages the last commit wrote (it
     * appended the newest and trimmed the oldest), so that damage to them is found on open like damage to
     * any other page of the newest commit; and checks that the log ends at the last commit's version.
     */
    static void verifyLog(MVMap<Long, byte[]> log, String name, Path file, long version) {
        Long first = log.firstKey();
        if (first == null) {
            return; // a file from before the log, or one without commits
        }
        ChangeLog.decode(name, first, log.get(first));
        long last = log.lastKey();
        ChangeLog.decode(name, last, log.get(last));
        if (last != version) {
            throw Faults.of(Fault.CORRUPT_FILE, "file " + file + " is damaged: its change log ends at version " + last
                    + "; the last commit is version " + version);
        }
    }

    /**
     * Rewrites a format 1 file (the same maps without page checksums, and the meta map under its old
     * name) as the current format, within the first commit of this open: a crash before it leaves the file as
     * it was. Every map is copied, so the commit holds the whole file in memory once.
     */
    static void upgradeFromV1(MVStore store, MVMap<String, byte[]> meta, Path file) {
        MVMap<String, byte[]> old = StoreMaps.map(store, V1_META, StringDataType.INSTANCE, ByteArrayDataType.INSTANCE);
        byte[] format = old.get(FORMAT_KEY);
        if (format == null || readLong(format) != 1) {
            throw Faults.of(Fault.CORRUPT_FILE, "file " + file + " has a format 1 meta map without format 1 in it");
        }
        for (Map.Entry<String, byte[]> e : old.entrySet()) {
            meta.put(e.getKey(), e.getValue());
        }
        meta.put(FORMAT_KEY, longBytes(FORMAT));
        for (String mapName : new ArrayList<>(store.getMapNames())) {
            if (mapName.startsWith(StoreMaps.DATA_PREFIX)) {
                copyAndReplace(store, meta, StoreMaps.map(store, mapName, LongDataType.INSTANCE, ByteArrayDataType.INSTANCE),
                        StoreMaps.openData(store, UPGRADE + mapName));
            } else if (mapName.startsWith(StoreMaps.INDEX_PREFIX)) {
                copyAndReplace(store, meta, StoreMaps.map(store, mapName, ByteArrayDataType.INSTANCE, Presence.INSTANCE),
                        StoreMaps.openIndex(store, UPGRADE + mapName));
            }
        }
        store.removeMap(old);
    }

    private static <K, V> void copyAndReplace(MVStore store, MVMap<String, byte[]> meta, MVMap<K, V> from,
                                              MVMap<K, V> to) {
        Cursor<K, V> c = from.cursor(null);
        while (c.hasNext()) {
            K key = c.next();
            to.put(key, c.getValue());
        }
        String mapName = from.getName();
        store.removeMap(from);
        store.renameMap(to, mapName);
        meta.put(COUNT_PREFIX + mapName, longBytes(to.sizeAsLong()));
    }

    /** A meta entry's bytes for a number. */
    static byte[] longBytes(long v) {
        return ByteBuffer.allocate(Long.BYTES).putLong(v).array();
    }

    /** The number in a meta entry. */
    static long readLong(byte[] b) {
        if (b.length != Long.BYTES) {
            throw Faults.of(Fault.CORRUPT_FILE, "damaged meta entry of " + b.length + " bytes");
        }
        return ByteBuffer.wrap(b).getLong();
    }
}
