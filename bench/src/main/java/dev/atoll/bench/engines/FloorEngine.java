package dev.atoll.bench.engines;

import dev.atoll.bench.model.Note;
import dev.atoll.bench.model.NoteData;
import dev.atoll.bench.model.Post;
import dev.atoll.bench.model.PostData;
import dev.atoll.schema.CollectionSchema;
import dev.atoll.internal.codec.CollectionCodec;
import dev.atoll.internal.codec.Codecs;
import dev.atoll.internal.codec.SchemaLayout;
import dev.atoll.internal.store.Records;
import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;
import org.h2.mvstore.MVStore;
import org.h2.mvstore.type.ByteArrayDataType;
import org.h2.mvstore.type.LongDataType;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The floor of Atoll's own stack: the same objects, encoded by the same Kryo codecs into the same records,
 * put into an MVStore map (opened as Atoll opens it) and committed and synced by hand, in the calling
 * thread: no actors, no transactions, no snapshots, no change events. Atoll's distance to it is Atoll's
 * overhead. Filters iterate the map with a cursor.
 */
public final class FloorEngine extends Engine {
    private static final byte[][][] NO_KEYS = new byte[0][][];
    private MVStore store;
    private MVMap<Long, byte[]> posts;
    private MVMap<Long, byte[]> notes;
    private CollectionCodec<Post> postCodec;
    private CollectionCodec<Note> noteCodec;
    private Path dir;

    @Override
    public String name() {
        return "Floor (Kryo + MVStore by hand)";
    }

    @Override
    public String durability() {
        return "fsync at commit";
    }

    @Override
    public void open(Path dir) {
        this.dir = dir;
        store = new MVStore.Builder().fileName(dir.resolve("floor.mv").toString()).autoCommitDisabled()
                .autoCommitBufferSize(0).compress().cacheSize(16).open(); // as StoreCore opens its files
        posts = store.openMap("d:Post", new MVMap.Builder<Long, byte[]>().keyType(LongDataType.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE));
        notes = store.openMap("d:Note", new MVMap.Builder<Long, byte[]>().keyType(LongDataType.INSTANCE)
                .valueType(ByteArrayDataType.INSTANCE));
        List<CollectionSchema> schemas = List.of(CollectionSchema.of(Post.class), CollectionSchema.of(Note.class));
        Map<String, SchemaLayout> layouts = new HashMap<>();
        for (CollectionSchema s : schemas) {
            layouts.put(s.name(), SchemaLayout.initial(s));
        }
        Codecs codecs = Codecs.create(schemas, layouts);
        postCodec = codecs.codec(Post.class);
        noteCodec = codecs.codec(Note.class);
        commit();
    }

    private void commit() {
        store.commit();
        store.sync();
    }

    @Override
    public Object preparePosts(List<PostData> data) {
        List<Post> out = new ArrayList<>(data.size());
        for (PostData d : data) {
            out.add(new Post(d));
        }
        return out;
    }

    @Override
    @SuppressWarnings("unchecked")
    public long insertPosts(Object prepared) {
        List<Post> list = (List<Post>) prepared;
        for (Post p : list) {
            posts.put(p.id, Records.encode(postCodec.indexKeys(p), postCodec.encode(p)));
        }
        commit();
        return list.size();
    }

    private Post decodePost(long id, byte[] record) {
        int offset = Records.valueOffset(record);
        return postCodec.decode(id, record, offset, record.length - offset);
    }

    @Override
    public long getPosts(long[] ids) {
        long sum = 0;
        for (long id : ids) {
            byte[] r = posts.get(id);
            sum += r == null ? 0 : decodePost(id, r).wordCount;
        }
        return sum;
    }

    @Override
    public long deletePosts(long[] ids) {
        long n = 0;
        for (long id : ids) {
            if (posts.remove(id) != null) {
                n++;
            }
        }
        commit();
        return n;
    }

    @Override
    public long updateArchived() {
        List<Post> archived = new ArrayList<>();
        Cursor<Long, byte[]> c = posts.cursor(null);
        while (c.hasNext()) {
            long id = c.next();
            Post p = decodePost(id, c.getValue());
            if (p.archived) {
                p.wordCount++;
                archived.add(p);
            }
        }
        for (Post p : archived) {
            posts.put(p.id, Records.encode(NO_KEYS, postCodec.encode(p)));
        }
        commit();
        return archived.size();
    }

    @Override
    public long filterWordsOrTitle() {
        long sum = 0;
        Cursor<Long, byte[]> c = posts.cursor(null);
        while (c.hasNext()) {
            long id = c.next();
            Post p = decodePost(id, c.getValue());
            if (matchesWordsOrTitle(p.words, p.title)) {
                sum += id;
            }
        }
        return sum;
    }

    @Override
    public long filterArchivedSorted() {
        List<Post> hits = new ArrayList<>();
        Cursor<Long, byte[]> c = posts.cursor(null);
        while (c.hasNext()) {
            long id = c.next();
            Post p = decodePost(id, c.getValue());
            if (p.archived) {
                hits.add(p);
            }
        }
        hits.sort(Comparator.comparing(p -> p.title));
        long acc = hits.size();
        for (Post p : hits) {
            acc = orderChecksum(acc, p.title);
        }
        return acc;
    }

    @Override
    public Object prepareNotes(List<NoteData> data) {
        List<Note> out = new ArrayList<>(data.size());
        for (NoteData d : data) {
            out.add(new Note(d));
        }
        return out;
    }

    @Override
    @SuppressWarnings("unchecked")
    public long insertNotes(Object prepared) {
        List<Note> list = (List<Note>) prepared;
        for (Note n : list) {
            notes.put(n.id, Records.encode(noteCodec.indexKeys(n), noteCodec.encode(n)));
        }
        commit();
        return list.size();
    }

    @Override
    public long readNotes(long[] ids) {
        long sum = 0;
        for (long id : ids) {
            byte[] r = notes.get(id);
            if (r != null) {
                int offset = Records.valueOffset(r);
                sum += noteCodec.decode(id, r, offset, r.length - offset).priority;
            }
        }
        return sum;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void putNoteAlone(Object prepared, int i) {
        Note n = ((List<Note>) prepared).get(i);
        notes.put(n.id, Records.encode(noteCodec.indexKeys(n), noteCodec.encode(n)));
        commit();
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
