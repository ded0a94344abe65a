package dev.atoll.tests.modules;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import javax.tools.Diagnostic;
import javax.tools.DiagnosticCollector;
import javax.tools.JavaCompiler;
import javax.tools.JavaFileObject;
import javax.tools.StandardJavaFileManager;
import javax.tools.ToolProvider;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Atoll's jars as a user meets them on the module path: a user module that requires {@code dev.atoll}
 * compiles and runs against the exported API, and cannot compile (nor reach by reflection at run time)
 * any class of an internal package. The module path is made of the Atoll modules and their runtime
 * dependencies taken from this test's class path.
 */
class ModulePathTest {
    private static final Pattern ATOLL = Pattern.compile(".*[/\\\\](serialization|store|actors)[/\\\\]target"
            + "[/\\\\](classes|atoll-[a-z]+-[^/\\\\]*\\.jar)|.*atoll-(serialization|store|actors)-[^/\\\\]*\\.jar");

    /** Every internal package of the three jars. */
    private static final List<String> INTERNAL = List.of("dev.atoll.internal.codec", "dev.atoll.internal.fault",
            "dev.atoll.internal.store", "dev.atoll.internal.txn", "dev.atoll.internal.query",
            "dev.atoll.internal.watch", "dev.atoll.internal.json", "dev.atoll.internal.api");

    private static String modulePath;

    @TempDir
    Path dir;

    @BeforeAll
    static void findModules() {
        List<String> atoll = new ArrayList<>();
        List<String> deps = new ArrayList<>();
        for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
            String name = Path.of(entry).getFileName().toString();
            if (ATOLL.matcher(entry).matches()) {
                atoll.add(entry);
            } else if (name.endsWith(".jar") && isRuntimeDependency(name)) {
                deps.add(entry);
            }
        }
        assertEquals(3, atoll.size(), "the three Atoll modules on the class path: " + atoll);
        atoll.addAll(deps);
        modulePath = String.join(File.pathSeparator, atoll);
    }

    /** Atoll's runtime dependencies, by the start of their file names. */
    private static boolean isRuntimeDependency(String jar) {
        return Stream.of("kryo-", "reflectasm-", "objenesis-", "minlog-", "h2-mvstore-", "pekko-actor_",
                "pekko-actor-typed_", "pekko-stream_", "pekko-slf4j_", "pekko-protobuf-v3_", "scala-library-",
                "config-", "slf4j-api-", "jackson-core-", "reactive-streams-", "ssl-config-core_")
                .anyMatch(jar::startsWith);
    }

    @Test
    void userModule_usingThePublicApi_compilesAndRunsOnTheModulePath() throws Exception {
        Path src = userModule(dir, "");
        Path out = dir.resolve("out");
        List<Diagnostic<? extends JavaFileObject>> errors = compile(src, out);
        assertTrue(errors.isEmpty(), "the user module compiles: " + errors);

        Process p = new ProcessBuilder(javaCommand(), "--module-path", out + File.pathSeparator + modulePath,
                "-m", "user.app/user.app.Main", dir.resolve("db").toString())
                .redirectErrorStream(true).start();
        String output;
        try (var in = p.getInputStream()) {
            assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the child JVM ends");
            output = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("read hello, 1 found by the index"), output);
        assertTrue(output.contains("after the failed transaction: 1"), output);
        // run time: the internal packages are not exported to the user's module, and reflection is refused
        for (String pkg : INTERNAL) {
            assertTrue(output.contains("exported " + pkg + " false"), pkg + ": " + output);
        }
        assertTrue(output.contains("reflection refused: java.lang.reflect.InaccessibleObjectException"), output);
        assertTrue(output.contains("exported dev.atoll true"), output);
        assertTrue(output.contains("exported dev.atoll.feed true"), output);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev.atoll.internal.codec.CollectionCodec", "dev.atoll.internal.fault.Faults",
        "dev.atoll.internal.store.StoreCore", "dev.atoll.internal.store.WriteBatch", "dev.atoll.internal.store.Records",
        "dev.atoll.internal.txn.Instance", "dev.atoll.internal.query.QueryRunner",
        "dev.atoll.internal.watch.Watchers", "dev.atoll.internal.json.Json", "dev.atoll.internal.api.ApiAccess"})
    void userModule_importingAnInternalClass_doesNotCompile(String internalClass) throws IOException {
        Path src = userModule(dir, "package user.app;\n\nclass Sneaky {\n    " + internalClass + " reached;\n}\n");
        List<Diagnostic<? extends JavaFileObject>> errors = compile(src, dir.resolve("out"));
        String pkg = internalClass.substring(0, internalClass.lastIndexOf('.'));
        assertFalse(errors.isEmpty(), internalClass + " must not be reachable");
        String messages = errors.stream().map(d -> d.getMessage(null)).collect(Collectors.joining("\n"));
        assertTrue(messages.contains("package " + pkg + " is not visible")
                || messages.contains("does not export " + pkg + " to module user.app"), messages);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev.atoll.Atoll", "dev.atoll.ErrorCode", "dev.atoll.CorruptFileException",
        "dev.atoll.schema.CollectionSchema", "dev.atoll.feed.ChangeEvent", "dev.atoll.meta.StringProperty"})
    void userModule_importingAPublicClass_compiles(String publicClass) throws IOException {
        Path src = userModule(dir, "package user.app;\n\nclass Fine {\n    " + publicClass + " reached;\n}\n");
        List<Diagnostic<? extends JavaFileObject>> errors = compile(src, dir.resolve("out"));
        assertTrue(errors.isEmpty(), publicClass + ": " + errors);
    }

    /** Writes the user module's sources; {@code extra}, when not empty, is one more class of it. */
    private static Path userModule(Path dir, String extra) throws IOException {
        Path src = dir.resolve("src");
        Path pkg = src.resolve("user/app");
        Files.createDirectories(pkg);
        Files.writeString(src.resolve("module-info.java"), """
                module user.app {
                    requires dev.atoll;
                    opens user.app to dev.atoll.serialization;
                }
                """);
        Files.writeString(pkg.resolve("Note.java"), """
                package user.app;

                import dev.atoll.schema.Entity;
                import dev.atoll.schema.Id;
                import dev.atoll.schema.Index;

                @Entity
                public class Note {
                    @Id public long id;
                    @Index public String text;

                    public Note() {
                    }

                    public Note(String text) {
                        this.text = text;
                    }
                }
                """);
        Files.writeString(pkg.resolve("Main.java"), """
                package user.app;

                import dev.atoll.Atoll;
                import dev.atoll.AtollCollection;
                import dev.atoll.Where;
                import java.nio.file.Path;
                import java.util.List;
                import org.apache.pekko.actor.typed.ActorSystem;
                import org.apache.pekko.actor.typed.javadsl.Behaviors;

                public class Main {
                    public static void main(String[] args) throws Exception {
                        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "modules");
                        try {
                            Atoll db = Atoll.open(system, List.of(Note.class), Path.of(args[0]), "modules");
                            AtollCollection<Note> notes = db.collection(Note.class);
                            long id = db.writeTxnSync(() -> notes.put(new Note("hello")));
                            long found = notes.query().where(Where.equalTo("text", "hello")).count();
                            System.out.println("read " + notes.get(id).text + ", " + found + " found by the index");
                            try {
                                db.writeTxnSync(() -> {
                                    notes.put(new Note("lost"));
                                    throw new IllegalStateException("abort");
                                });
                            } catch (IllegalStateException expected) {
                                System.out.println("after the failed transaction: " + notes.count());
                            }
                            Module atoll = Atoll.class.getModule();
                            for (String p : List.of("dev.atoll", "dev.atoll.internal.codec", "dev.atoll.internal.fault",
                                    "dev.atoll.internal.store", "dev.atoll.internal.txn", "dev.atoll.internal.query",
                                    "dev.atoll.internal.watch", "dev.atoll.internal.json", "dev.atoll.internal.api")) {
                                Module home = p.startsWith("dev.atoll.internal.codec") || p.startsWith("dev.atoll.internal.fault")
                                        ? atoll.getLayer().findModule("dev.atoll.serialization").orElseThrow()
                                        : p.startsWith("dev.atoll.internal.store")
                                        ? atoll.getLayer().findModule("dev.atoll.store").orElseThrow() : atoll;
                                System.out.println("exported " + p + " " + home.isExported(p, Main.class.getModule()));
                            }
                            Module store = atoll.getLayer().findModule("dev.atoll.store").orElseThrow();
                            System.out.println("exported dev.atoll.feed " + store.isExported("dev.atoll.feed", Main.class.getModule()));
                            try {
                                Class<?> core = Class.forName("dev.atoll.internal.store.StoreCore");
                                core.getDeclaredMethods()[0].setAccessible(true);
                                System.out.println("reflection allowed");
                            } catch (RuntimeException e) {
                                System.out.println("reflection refused: " + e.getClass().getName());
                            }
                            db.close();
                        } finally {
                            system.terminate();
                        }
                    }
                }
                """);
        if (!extra.isEmpty()) {
            String name = extra.contains("class Sneaky") ? "Sneaky.java" : "Fine.java";
            Files.writeString(pkg.resolve(name), extra);
        }
        return src;
    }

    /** Compiles the user module against the module path; the errors, none when it compiles. */
    private static List<Diagnostic<? extends JavaFileObject>> compile(Path src, Path out) throws IOException {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, null, StandardCharsets.UTF_8);
             Stream<Path> walk = Files.walk(src)) {
            List<File> sources = walk.filter(p -> p.toString().endsWith(".java")).map(Path::toFile).toList();
            List<String> options = List.of("-d", out.toString(), "--module-path", modulePath, "-proc:none");
            javac.getTask(null, files, diagnostics, options, null, files.getJavaFileObjectsFromFiles(sources)).call();
        }
        return diagnostics.getDiagnostics().stream().filter(d -> d.getKind() == Diagnostic.Kind.ERROR).toList();
    }

    private static String javaCommand() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }
}
