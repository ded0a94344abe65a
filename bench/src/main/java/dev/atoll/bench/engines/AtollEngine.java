package dev.atoll.bench.engines;

import com.typesafe.config.ConfigFactory;
import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.Filter;
import dev.atoll.bench.model.Note;
import dev.atoll.bench.model.NoteData;
import dev.atoll.bench.model.Post;
import dev.atoll.bench.model.PostData;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Atoll through its full path: every operation runs in a worker actor with its own handle, so objects are
 * encoded there and committed by the store actor, durably (fsync before the acknowledgement).
 *
 * <p>Queries: Atoll's query API ({@code query().filter(...).sortBy(...)}); the posts have no index, so a
 * query reads every object, as the peers do.
 */
public final class AtollEngine extends Engine {
    /** The collections of the benchmark instance. */
    public static final List<Class<?>> CLASSES = List.of(Post.class, Note.class);
    private ActorSystem<Void> system;
    private BenchWorker worker;
    private Path dir;

    /** A quiet actor system for benchmarks. */
    public static ActorSystem<Void> newSystem(String name) {
        return ActorSystem.create(Behaviors.empty(), name, ConfigFactory.parseString(
                "pekko.loglevel = WARNING\npekko.log-dead-letters = off\n").withFallback(ConfigFactory.load()));
    }

    @Override
    public String name() {
        return "Atoll";
    }

    @Override
    public String durability() {
        return "fsync at commit (durability = sync)";
    }

    @Override
    public void open(Path dir) {
        this.dir = dir;
        system = newSystem("atoll-bench");
        worker = BenchWorker.start(system, CLASSES, dir, "bench");
        worker.call(db -> db.name());
    }

    @Override
    public Object preparePosts(List<PostData> posts) {
        List<Post> out = new ArrayList<>(posts.size());
        for (PostData d : posts) {
            out.add(new Post(d));
        }
        return out;
    }

    @Override
    @SuppressWarnings("unchecked")
    public long insertPosts(Object prepared) {
        List<Post> posts = (List<Post>) prepared;
        return worker.call(db -> {
            AtollCollection<Post> c = db.collection(Post.class);
            return db.writeTxnSync(() -> c.putAll(posts).size());
        });
    }

    @Override
    public long getPosts(long[] ids) {
        return worker.call(db -> {
            long sum = 0;
            for (Post p : db.collection(Post.class).getAll(ids)) {
                sum += p == null ? 0 : p.wordCount;
            }
            return sum;
        });
    }

    @Override
    public long deletePosts(long[] ids) {
        return worker.call(db -> {
            AtollCollection<Post> c = db.collection(Post.class);
            return (long) db.writeTxnSync(() -> c.deleteAll(ids));
        });
    }

    @Override
    public long updateArchived() {
        return worker.call(db -> {
            AtollCollection<Post> c = db.collection(Post.class);
            return db.writeTxnSync(() -> {
                List<Post> archived = c.query().filter(Filter.equalTo("archived", true)).findAll();
                for (Post p : archived) {
                    p.wordCount++;
                }
                c.putAll(archived);
                return (long) archived.size();
            });
        });
    }

    @Override
    public long filterWordsOrTitle() {
        return worker.call(db -> {
            long sum = 0;
            for (Post p : db.collection(Post.class).query()
                    .filter(Filter.equalTo("words", "time").or(Filter.contains("title", "a"))).findAll()) {
                sum += p.id;
            }
            return sum;
        });
    }

    @Override
    public long filterArchivedSorted() {
        return worker.call(db -> {
            List<Post> hits = db.collection(Post.class).query().filter(Filter.equalTo("archived", true))
                    .sortBy("title").findAll();
            long acc = hits.size();
            for (Post p : hits) {
                acc = orderChecksum(acc, p.title);
            }
            return acc;
        });
    }

    @Override
    public Object prepareNotes(List<NoteData> notes) {
        List<Note> out = new ArrayList<>(notes.size());
        for (NoteData d : notes) {
            out.add(new Note(d));
        }
        return out;
    }

    @Override
    @SuppressWarnings("unchecked")
    public long insertNotes(Object prepared) {
        List<Note> notes = (List<Note>) prepared;
        return worker.call(db -> {
            AtollCollection<Note> c = db.collection(Note.class);
            return db.writeTxnSync(() -> c.putAll(notes).size());
        });
    }

    @Override
    public long readNotes(long[] ids) {
        return worker.call(db -> {
            long sum = 0;
            for (Note n : db.collection(Note.class).getAll(ids)) {
                sum += n == null ? 0 : n.priority;
            }
            return sum;
        });
    }

    @Override
    @SuppressWarnings("unchecked")
    public void putNoteAlone(Object prepared, int i) {
        Note note = ((List<Note>) prepared).get(i);
        worker.call(db -> {
            AtollCollection<Note> c = db.collection(Note.class);
            return db.writeTxnSync(() -> c.put(note));
        });
    }

    @Override
    public long fileSize() {
        return folderSize(dir);
    }

    /** The worker, for the Atoll-only workloads. */
    public BenchWorker worker() {
        return worker;
    }

    /** The actor system, for the Atoll-only workloads. */
    public ActorSystem<Void> system() {
        return system;
    }

    @Override
    public void close() {
        if (worker != null) {
            worker.call(db -> db.close());
            worker.stop();
        }
        if (system != null) {
            system.terminate();
            system.getWhenTerminated().toCompletableFuture().join();
        }
    }
}
