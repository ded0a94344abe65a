package dev.atoll.tests.query;

import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.Filter;
import dev.atoll.Sort;
import dev.atoll.Where;
import org.apache.pekko.actor.testkit.typed.javadsl.ActorTestKit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The "Queries" code of the README, kept compiling and passing. Keep the two in step. */
class ReadmeQueryExampleTest {
    private static ActorTestKit kit;

    @TempDir
    Path dir;

    @BeforeAll
    static void start() {
        kit = ActorTestKit.create("ReadmeQueryExampleTest");
    }

    @AfterAll
    static void stop() {
        kit.shutdownTestKit();
    }

    @Test
    void readme_queries_run() {
        Atoll db = Atoll.open(kit.system(), List.of(Post.class), dir, "posts");
        Atoll restored = Atoll.open(kit.system(), List.of(Post.class), dir.resolve("restored"), "restored");
        try {
            AtollCollection<Post> posts = db.collection(Post.class);
            AtollCollection<Post> other = restored.collection(Post.class);
            List<Post> seed = new ArrayList<>();
            for (int i = 0; i < 100; i++) {
                seed.add(new Post(i, i % 2 == 0 ? "Re: hello" : "news", i % 3 == 0 ? List.of("news") : List.of(),
                        i % 4 == 0 ? "hi there" : "bye", i % 5, new Author(i % 2 == 0 ? "ann" : "bob", 30)));
            }
            db.writeTxnSync(() -> posts.putAll(seed));
            long t0 = 20;
            long t1 = 79;

            // --- README: typed queries ---
            List<Post> recent = posts.query()
                    .where(Post_.createdAt.between(t0, t1))          // an index range: only it is read
                    .filter(Post_.content.contains("hi").and(Post_.priority.greaterThan(1)))
                    .sortBy(Post_.createdAt, Sort.DESC)
                    .offset(2).limit(5)
                    .findAll();
            Post latest = posts.query().where(Post_.tags.element().equalTo("news")).sortBy(Post_.createdAt, Sort.DESC)
                    .findFirst();
            long annsPosts = posts.query().filter(Post_.author.name.equalTo("ann")).count();   // an embedded path
            double average = posts.query().where(Post_.title.startsWith("RE")).property(Post_.priority).average();
            String lastTitle = posts.query().property(Post_.title).max();                       // typed: a String
            // --- end of README ---

            assertEquals(List.of(64L, 52L, 48L, 44L, 32L), recent.stream().map(p -> p.createdAt).toList());
            assertEquals(99, latest.createdAt);
            assertEquals(50, annsPosts);
            assertEquals(2.0, average, 1e-9);
            assertEquals("news", lastTitle);

            // --- README: queries ---
            List<Post> page = posts.query()
                    .where(Where.between("createdAt", t0, t1))      // an index range: only it is read
                    .filter(Filter.contains("content", "hi").and(Filter.greaterThan("priority", 1)))
                    .sortBy("createdAt", Sort.DESC)
                    .offset(2).limit(5)
                    .findAll();
            Post newest = posts.query().where(Where.equalTo("tags", "news")).sortBy("createdAt", Sort.DESC)
                    .findFirst();
            long byAnn = posts.query().filter(Filter.equalTo("author.name", "ann")).count();
            double avg = posts.query().where(Where.startsWith("title", "RE")).property("priority").average();
            String backup = posts.query().exportJson();
            int removed = db.writeTxnSync(() -> posts.query().where(Where.lessThan("createdAt", t0)).deleteAll());
            restored.writeTxnSync(() -> other.importJson(backup));
            // --- end of README ---

            assertEquals(List.of(64L, 52L, 48L, 44L, 32L), page.stream().map(p -> p.createdAt).toList());
            assertEquals(99, newest.createdAt);
            assertEquals(50, byAnn);
            assertEquals(2.0, avg, 1e-9);
            assertEquals(20, removed);
            assertEquals(100, other.count());
        } finally {
            restored.close();
            db.close();
        }
    }
}
