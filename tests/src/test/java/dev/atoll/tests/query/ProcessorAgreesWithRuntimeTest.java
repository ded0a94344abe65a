package dev.atoll.tests.query;

import dev.atoll.InvalidSchemaException;
import dev.atoll.processor.MetamodelProcessor;
import dev.atoll.schema.CollectionSchema;
import dev.atoll.schema.PropertySchema;
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
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.TreeSet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The processor derives what the runtime derives: for each entity, compiled with the processor, either
 * both refuse it with the same message, or both accept it and the metamodel has a constant for each of
 * the schema's properties and the id.
 */
class ProcessorAgreesWithRuntimeTest {
    @TempDir
    Path work;

    @ParameterizedTest
    @ValueSource(strings = {
        // accepted
        "@Entity public class E { @Id public long id; public String s; public int n; public Integer boxed; "
            + "public transient int t; public static int st; @Ignore public String ig; public List<String> l; "
            + "public byte[] b; public java.time.Instant at; public P p; public List<P> ps; public C c; } "
            + "@Embedded class P { public String name; public List<P> kids; public Q q; } "
            + "@Embedded class Q { public P back; public double d; } enum C { A, B }",
        "@Entity public record E(@Id Long id, @Index String code, @Ignore String no, List<Integer> xs) {}",
        "@Entity public class E extends B { @Id public Long id; @Index(composite = {\"a\", \"b\"}) public int c; } "
            + "class B { public int a; protected String b; private boolean hidden; }",
        "@Entity public class E { @Id private long id; @Index(unique = true, replace = true) String u; "
            + "@Index(hash = true, name = \"h\") public List<String> tags; private E() {} }",
        // refused
        "@Entity public class E { public String s; }",
        "@Entity public class E { @Id public long a; @Id public Long b; }",
        "@Entity public class E { @Id public int id; }",
        "@Entity public class E { @Id public long id; public Map<String, List<Integer>> m; }",
        "@Entity public class E { @Id public long id; public char c; }",
        "@Entity public class E { @Id public long id; public int[] c; }",
        "@Entity public class E { @Id public long id; @SuppressWarnings(\"rawtypes\") public List l; }",
        "@Entity public class E { @Id public long id; public List<List<String>> l; }",
        "@Entity public class E { @Id public long id; @SuppressWarnings(\"rawtypes\") public List<List> l; }",
        "@Entity public class E { @Id public long id; public List<Object> l; }",
        "@Entity public class E { @Id public long id; public List<String[]> l; }",
        "@Entity public class E { @Id public long id; public List<? extends Number> l; }",
        "@Entity public class E { @Id public long id; public List<Optional<String>> l; }",
        "@Entity public class E { @Id public long id; public P p; } @Embedded class P { @Id public long x; }",
        "@Entity public class E { @Id public long id; public P p; } @Embedded class P { @Index public int x; }",
        "@Entity public class E { @Id public long id; public P p; } @Entity @Embedded class P { @Id public long id; }",
        "@Entity public class E { @Id public long id; public List<P> p; } @Embedded class P { public Object o; }",
        "@Entity public class E { @Id public long id; public P p; } @Embedded abstract class P { public int x; }",
        "@Entity public class E { @Id public long id; public P p; } @Embedded class P { public P(int x) {} }",
        "@Entity public abstract class E { @Id public long id; }",
        "@Entity public class E { @Id public long id; public E(long id) { } }",
        "public class E { @Entity public class I { @Id public long id; } }",
        "@Entity public class E extends B { @Id public long id; public int x; } class B { public int x; }",
        "@Entity public class E { @Id @Index public long id; }",
        "@Entity public class E { @Id public long id; @Index(replace = true) public String s; }",
        "@Entity public class E { @Id public long id; @Index(composite = {\"b\", \"c\", \"d\"}) public int a; "
            + "public int b, c, d; }",
        "@Entity public class E { @Id public long id; @Index(composite = {\"zz\"}) public int a; }",
        "@Entity public class E { @Id public long id; @Index(composite = {\"id\"}) public int a; }",
        "@Entity public class E { @Id public long id; @Index(composite = {\"b\", \"b\"}) public int a; public int b; }",
        "@Entity public class E { @Id public long id; @Index public List<P> p; } @Embedded class P { public int x; }",
        "@Entity public class E { @Id public long id; @Index(composite = {\"p\"}) public int a; public P p; } "
            + "@Embedded class P { public int x; }",
        "@Entity public class E { @Id public long id; @Index(name = \"n\") public int a; @Index(name = \"n\") "
            + "public int b; }",
        "@Entity public class E { @Id public long id; @Index public int a; @Index(name = \"a\") public int b; }",
    })
    void processorAndRuntime_deriveTheSame(String body) throws Exception {
        String source = "package agree; import dev.atoll.schema.*; import java.util.*; " + body;
        Path src = Files.createDirectories(work.resolve("src/agree"));
        Path out = Files.createDirectories(work.resolve("out"));
        Path file = Files.writeString(src.resolve("E.java"), source);
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
        try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                StandardCharsets.UTF_8)) {
            JavaCompiler.CompilationTask task = javac.getTask(null, files, diagnostics, List.of("-d", out.toString(),
                    "-s", out.toString(), "-classpath", System.getProperty("java.class.path"),
                    "-A" + MetamodelProcessor.INVALID_OPTION + "=warning", "-Xlint:-options"),
                    null, files.getJavaFileObjects(file));
            task.setProcessors(List.of(new MetamodelProcessor()));
            assertTrue(task.call(), diagnostics.getDiagnostics().toString());
        }
        List<String> warnings = new ArrayList<>();
        for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
            String m = d.getMessage(Locale.ROOT);
            if (d.getKind() == Diagnostic.Kind.WARNING && m.startsWith("Atoll cannot store ")) {
                warnings.add(m.substring("Atoll cannot store ".length()));
            }
        }
        try (URLClassLoader loader = new URLClassLoader(new URL[] {out.toUri().toURL()},
                getClass().getClassLoader())) {
            String entity = body.startsWith("public class E {") ? "agree.E$I" : "agree.E";
            Class<?> type = loader.loadClass(entity);
            CollectionSchema schema;
            try {
                schema = CollectionSchema.of(type);
            } catch (InvalidSchemaException refused) {
                assertEquals(List.of(refused.getMessage()), warnings, "the processor refuses as the runtime does");
                return;
            }
            assertEquals(List.of(), warnings, "the runtime accepts it");
            Class<?> metamodel = loader.loadClass(entity.replace('$', '_') + "_");
            TreeSet<String> constants = new TreeSet<>();
            for (Field f : metamodel.getFields()) {
                if (Modifier.isStatic(f.getModifiers())) {
                    constants.add(f.getName());
                }
            }
            TreeSet<String> expected = new TreeSet<>(schema.properties().stream().map(PropertySchema::name).toList());
            expected.add(schema.idProperty());
            assertEquals(expected, constants);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
