package dev.atoll.bench.model;

/** One generated small object, engine-neutral. */
public record NoteData(long id, String content, long createdAt, int priority) {
}
