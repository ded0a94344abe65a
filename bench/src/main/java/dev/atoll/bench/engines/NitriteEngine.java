package dev.atoll.bench.engines;

import dev.atoll.bench.model.NoteData;
import dev.atoll.bench.model.PostData;
import org.dizitart.no2.Nitrite;
import org.dizitart.no2.collection.Document;
import org.dizitart.no2.collection.FindOptions;
import org.dizitart.no2.collection.NitriteCollection;
import org.dizitart.no2.collection.NitriteId;
import org.dizitart.no2.common.SortOrder;
import org.dizitart.no2.filters.Filter;
import org.dizitart.no2.filters.FluentFilter;
import org.dizitart.no2.mvstore.MVStoreModule;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.text.CollationKey;
import java.text.Collator;
import java.util.ArrayList;
import java.util.List;

/**
 * Nitrite 4 (the document store built on MVStore) with its MVStore adapter, auto-commit off and one
 * {@code commit()} per workload step. Objects are mapped to documents by hand (timed: it is the mapping any
 * Nitrite user runs); the id is the document's {@code _id}. Nitrite exposes no fsync: a commit is written to
 * the operating system only.
 */
public final class NitriteEngine extends Engine {
    private Nitrite db;
    private NitriteCollection posts;
    private NitriteCollection notes;
    private Path dir;

    @Override
    public String name() {
        return "Nitrite 4.3.2";
    }

    @Override
    public String durability() {
        return "written at commit, no fsync (Nitrite exposes none)";
    }

    @Override
    public void open(Path dir) {
        this.dir = dir;
        MVStoreModule module = MVStoreModule.withConfig().filePath(dir.resolve("bench.nitrite").toFile())
                .autoCommit(false).build();
        db = Nitrite.builder().loadModule(module).openOrCreate();
        posts = db.getCollection("post");
        notes = db.getCollection("note");
        db.commit();
    }

    private static Document toDocument(PostData p) {
        return Document.createDocument("_id", p.id()).put("title", p.title())
                .put("words", new ArrayList<>(p.words())).put("wordCount", p.wordCount())
                .put("averageWordLength", p.averageWordLength()).put("archived", p.archived());
    }

    @SuppressWarnings("unchecked")
    private static PostData toPost(Document d) {
        return new PostData(d.getId().getIdValue(), d.get("title", String.class), (List<String>) d.get("words"),
                d.get("wordCount", Integer.class), d.get("averageWordLength", Double.class),
                d.get("archived", Boolean.class));
    }

    @Override
    @SuppressWarnings("unchecked")
    public long insertPosts(Object prepared) {
        List<PostData> list = (List<PostData>) prepared;
        Document[] docs = new Document[list.size()];
        for (int i = 0; i < docs.length; i++) {
            docs[i] = toDocument(list.get(i));
        }
        posts.insert(docs);
        db.commit();
        return docs.length;
    }

    @Override
    public long getPosts(long[] ids) {
        long sum = 0;
        for (long id : ids) {
            Document d = posts.getById(NitriteId.createId(id));
            sum += d == null ? 0 : toPost(d).wordCount();
        }
        return sum;
    }

    @Override
    public long deletePosts(long[] ids) {
        long n = 0;
        for (long id : ids) {
            n += posts.remove(Filter.byId(NitriteId.createId(id)), true).getAffectedCount();
        }
        db.commit();
        return n;
    }

    @Override
    public long updateArchived() {
        List<Document> archived = new ArrayList<>();
        for (Document d : posts.find(FluentFilter.where("archived").eq(true))) {
            archived.add(d);
        }
        for (Document d : archived) {
            PostData p = toPost(d);
            posts.update(toDocument(new PostData(p.id(), p.title(), p.words(), p.wordCount() + 1,
                    p.averageWordLength(), p.archived())));
        }
        db.commit();
        return archived.size();
    }

    @Override
    public long filterWordsOrTitle() {
        long sum = 0;
        Filter f = Filter.or(FluentFilter.where("words").elemMatch(FluentFilter.$.eq("time")),
                FluentFilter.where("title").regex("a"));
        for (Document d : posts.find(f)) {
            sum += toPost(d).id();
        }
        return sum;
    }

    /**
     * Orders strings as {@link String#compareTo} does. Nitrite's default sort uses a locale collator (which
     * ignores spaces and case at first); every other engine here compares code units.
     */
    static final class BinaryCollator extends Collator {
        static final BinaryCollator INSTANCE = new BinaryCollator();

        @Override
        public int compare(String a, String b) {
            return a.compareTo(b);
        }

        @Override
        public CollationKey getCollationKey(String source) {
            return new CollationKey(source) {
                @Override
                public int compareTo(CollationKey target) {
                    return getSourceString().compareTo(target.getSourceString());
                }

                @Override
                public byte[] toByteArray() {
                    return getSourceString().getBytes(StandardCharsets.UTF_16BE);
                }
            };
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof BinaryCollator;
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }

    @Override
    public long filterArchivedSorted() {
        List<PostData> hits = new ArrayList<>();
        for (Document d : posts.find(FluentFilter.where("archived").eq(true),
                FindOptions.orderBy("title", SortOrder.Ascending).collator(BinaryCollator.INSTANCE))) {
            hits.add(toPost(d));
        }
        long acc = hits.size();
        for (PostData p : hits) {
            acc = orderChecksum(acc, p.title());
        }
        return acc;
    }

    private static Document toDocument(NoteData n) {
        return Document.createDocument("_id", n.id()).put("content", n.content())
                .put("createdAt", n.createdAt()).put("priority", n.priority());
    }

    @Override
    @SuppressWarnings("unchecked")
    public long insertNotes(Object prepared) {
        List<NoteData> list = (List<NoteData>) prepared;
        Document[] docs = new Document[list.size()];
        for (int i = 0; i < docs.length; i++) {
            docs[i] = toDocument(list.get(i));
        }
        notes.insert(docs);
        db.commit();
        return docs.length;
    }

    @Override
    public long readNotes(long[] ids) {
        long sum = 0;
        for (long id : ids) {
            Document d = notes.getById(NitriteId.createId(id));
            if (d != null) {
                NoteData n = new NoteData(d.getId().getIdValue(), d.get("content", String.class),
                        d.get("createdAt", Long.class), d.get("priority", Integer.class));
                sum += n.priority();
            }
        }
        return sum;
    }

    @Override
    @SuppressWarnings("unchecked")
    public void putNoteAlone(Object prepared, int i) {
        notes.insert(new Document[] {toDocument(((List<NoteData>) prepared).get(i))});
        db.commit();
    }

    @Override
    public long fileSize() {
        return folderSize(dir);
    }

    @Override
    public void close() {
        if (db != null) {
            db.close();
        }
    }
}
