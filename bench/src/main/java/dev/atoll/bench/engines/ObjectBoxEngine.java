package dev.atoll.bench.engines;

import dev.atoll.bench.model.NoteData;
import dev.atoll.bench.model.PostData;
import dev.atoll.bench.obx.MyObjectBox;
import dev.atoll.bench.obx.ObxNote;
import dev.atoll.bench.obx.ObxPost;
import dev.atoll.bench.obx.ObxPost_;
import io.objectbox.Box;
import io.objectbox.BoxStore;
import io.objectbox.query.Query;
import io.objectbox.query.QueryBuilder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * ObjectBox Java with the entities its annotation processor generated code for. Bulk writes use
 * {@code Box.put(Collection)} (one transaction), reads {@code Box.get(long[])}, filters its query builder.
 * Commits are ObjectBox's default, which syncs at every commit (strace shows one fdatasync per commit).
 */
public final class ObjectBoxEngine extends Engine {
    private BoxStore store;
    private Box<ObxPost> posts;
    private Box<ObxNote> notes;
    private Path dir;

    @Override
    public String name() {
        return "ObjectBox 5.1.0";
    }

    @Override
    public String durability() {
        return "fdatasync at commit (its default; one per commit, seen with strace)";
    }

    @Override
    public void open(Path dir) {
        this.dir = dir;
        store = MyObjectBox.builder().directory(dir.toFile()).maxSizeInKByte(16L * 1024 * 1024).build();
        posts = store.boxFor(ObxPost.class);
        notes = store.boxFor(ObxNote.class);
    }

    @Override
    public Object preparePosts(List<PostData> data) {
        List<ObxPost> out = new ArrayList<>(data.size());
        for (PostData d : data) {
            out.add(new ObxPost(d));
        }
        return out;
    }

    @Override
    @SuppressWarnings("unchecked")
    public long insertPosts(Object prepared) {
        List<ObxPost> list = (List<ObxPost>) prepared;
        posts.put(list);
        return list.size();
    }

    @Override
    public long getPosts(long[] ids) {
        long sum = 0;
        for (ObxPost p : posts.get(ids)) {
            sum += p == null ? 0 : p.wordCount;
        }
        return sum;
    }

    @Override
    public long deletePosts(long[] ids) {
        long[] n = {0};
        store.runInTx(() -> {
            for (long id : ids) {
                if (posts.remove(id)) {
                    n[0]++;
                }
            }
        });
        return n[0];
    }

    @Override
    public long updateArchived() {
        return store.callInTxNoException(() -> {
            List<ObxPost> archived;
            try (Query<ObxPost> q = posts.query(ObxPost_.archived.equal(true)).build()) {
                archived = q.find();
            }
            for (ObxPost p : archived) {
                p.wordCount++;
            }
            posts.put(archived);
            return (long) archived.size();
        });
    }

    @Override
    public long filterWordsOrTitle() {
        try (Query<ObxPost> q = posts.query(ObxPost_.words.containsElement("time",
                QueryBuilder.StringOrder.CASE_SENSITIVE).or(ObxPost_.title.contains("a",
                QueryBuilder.StringOrder.CASE_SENSITIVE))).build()) {
            long sum = 0;
            for (ObxPost p : q.find()) {
                sum += p.id;
            }
            return sum;
        }
    }

    @Override
    public long filterArchivedSorted() {
        try (Query<ObxPost> q = posts.query(ObxPost_.archived.equal(true))
                .order(ObxPost_.title, QueryBuilder.CASE_SENSITIVE).build()) {
            List<ObxPost> hits = q.find();
            long acc = hits.size();
            for (ObxPost p : hits) {
                acc = orderChecksum(acc, p.title);
            }
            return acc;
        }
    }

    @Override
    public Object prepareNotes(List<NoteData> data) {
        List<ObxNote> out = new ArrayList<>(data.size());
        for (NoteData d : data) {
            out.add(new ObxNote(d));
        }
        return out;
    }

    @Override
    @SuppressWarnings("unchecked")
    public long insertNotes(Object prepared) {
        List<ObxNote> list = (List<ObxNote>) prepared;
        notes.put(list);
        return list.size();
    }

    @Override
    public long readNotes(long[] ids) {
        long sum = 0;
        for (ObxNote n : notes.get(ids)) {
            sum += n == null ? 0 : n.priority;
        }
        return sum;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void putNoteAlone(Object prepared, int i) {
        notes.put(((List<ObxNote>) prepared).get(i));
    }

    @Override
    public long fileSize() {
        return folderSize(dir);
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
