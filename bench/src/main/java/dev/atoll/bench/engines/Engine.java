package dev.atoll.bench.engines;

import dev.atoll.bench.model.NoteData;
import dev.atoll.bench.model.PostData;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * One database under test. The runner opens a fresh one in an empty folder, runs the workloads in order, and
 * closes it. Every workload returns a checksum (a count or a sum over the objects it saw), and the runner
 * checks that every engine returns the same one, so that no engine is timed doing less work.
 *
 * <p>{@code prepare*} methods are not timed: they turn the generated data into the engine's own objects, as
 * an application would already have them. Mapping done inside the database's own API is timed.
 *
 * <p>Threading: one thread at a time (the runner's).
 */
public abstract class Engine {
    /** The name in tables and charts. */
    public abstract String name();

    /** What a commit waits for, said next to each figure. */
    public abstract String durability();

    /** Opens a new, empty database in {@code dir}. */
    public abstract void open(Path dir) throws Exception;

    /** Turns posts into the engine's objects (not timed). */
    public Object preparePosts(List<PostData> posts) {
        return posts;
    }

    /** Inserts prepared posts in one transaction. */
    public abstract long insertPosts(Object prepared) throws Exception;

    /** Reads the posts with these ids, in one read transaction; returns the sum of their word counts. */
    public abstract long getPosts(long[] ids) throws Exception;

    /** Deletes the posts with these ids in one transaction; returns how many there were. */
    public abstract long deletePosts(long[] ids) throws Exception;

    /**
     * In one transaction, finds the archived posts, adds 1 to their word count, and writes them back;
     * returns how many.
     */
    public abstract long updateArchived() throws Exception;

    /** Counts the posts whose words contain "time" or whose title contains "a"; returns the sum of their ids. */
    public abstract long filterWordsOrTitle() throws Exception;

    /**
     * Finds the archived posts sorted by title; returns a checksum of the order (see {@link #orderChecksum}).
     */
    public abstract long filterArchivedSorted() throws Exception;

    /** Turns small objects into the engine's objects (not timed). */
    public Object prepareNotes(List<NoteData> notes) {
        return notes;
    }

    /** Inserts prepared small objects in one transaction. */
    public abstract long insertNotes(Object prepared) throws Exception;

    /** Reads small objects back by id; returns the sum of their priorities. */
    public abstract long readNotes(long[] ids) throws Exception;

    /**
     * Writes one prepared small object (index {@code i} of a list from {@link #prepareNotes}) in its own
     * transaction.
     */
    public abstract void putNoteAlone(Object prepared, int i) throws Exception;

    /** Inserts prepared posts in one transaction, as a chunk of a large load (the file-size workload). */
    public long insertChunk(Object prepared) throws Exception {
        return insertPosts(prepared);
    }

    /** The size on disk of the database's files. */
    public abstract long fileSize() throws Exception;

    /** Closes the database; the runner calls it once, also after a failure. */
    public abstract void close() throws Exception;

    /** Folds titles, in order, into a checksum that differs when the order differs. */
    public static long orderChecksum(long acc, String title) {
        return acc * 31 + title.hashCode();
    }

    /** The total size of the files under a folder. */
    public static long folderSize(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Whether a post matches the words-or-title filter. */
    public static boolean matchesWordsOrTitle(List<String> words, String title) {
        return words.contains("time") || title.contains("a");
    }
}
