package dev.atoll.tests.readme;

import org.junit.jupiter.api.Test;

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
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

/**
 * Every {@code ```java} block of README.md compiles as a newcomer pastes it, so that the README cannot
 * drift from the API. Blocks are compiled in order, each as a file of its own in the default package,
 * with the test class path and the classes of the blocks before it (the entity class of "Using it" is
 * there for the later blocks, as in a project where each was pasted into a file).
 *
 * <p>A block is a complete file (its imports and a top-level type) unless the line before it is
 * {@code <!-- java-fragment: some.Context -->}: such a fragment (statements that use variables the
 * text describes) is compiled as the body of a method of a subclass of {@code some.Context}, a test
 * class that declares those variables, with {@code java.util.*}, {@code dev.atoll.*},
 * {@code dev.atoll.schema.*} and the context's package imported.
 */
class ReadmeCompileTest {
    private static final Pattern FRAGMENT = Pattern.compile("<!--\\s*java-fragment:\\s*([\\w.]+)\\s*-->");
    private static final Pattern PUBLIC_TYPE = Pattern.compile(
            "(?m)^public\\s+(?:(?:final|abstract|sealed)\\s+)*(?:class|record|interface|enum)\\s+(\\w+)");

    /** One ```java block: where it starts (1-based line of the fence), its text, and its fragment context. */
    record Block(int line, String code, String context) {
    }

    static List<Block> javaBlocks(List<String> lines) {
        List<Block> blocks = new ArrayList<>();
        String previous = "";
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.strip().equals("```java")) {
                int start = i + 1;
                StringBuilder code = new StringBuilder();
                i++;
                while (i < lines.size() && !lines.get(i).strip().equals("```")) {
                    code.append(lines.get(i)).append('\n');
                    i++;
                }
                Matcher m = FRAGMENT.matcher(previous);
                blocks.add(new Block(start, code.toString(), m.find() ? m.group(1) : null));
                previous = "";
                continue;
            }
            if (!line.isBlank()) {
                previous = line;
            }
        }
        return blocks;
    }

    static Path readme() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            if (Files.exists(p.resolve("README.md")) && Files.exists(p.resolve("tests"))) {
                return p.resolve("README.md");
            }
        }
        throw new IllegalStateException("README.md not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void readme_everyJavaBlock_compilesAsPasted(@org.junit.jupiter.api.io.TempDir Path work) throws IOException {
        Path readme = readme();
        List<Block> blocks = javaBlocks(Files.readAllLines(readme, StandardCharsets.UTF_8));
        assertFalse(blocks.isEmpty(), "README.md has java blocks");
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        List<String> classPath = new ArrayList<>(List.of(System.getProperty("java.class.path")
                .split(File.pathSeparator)));
        List<String> failures = new ArrayList<>();
        for (int n = 0; n < blocks.size(); n++) {
            Block block = blocks.get(n);
            String source;
            String typeName;
            if (block.context() != null) {
                typeName = "ReadmeFragment" + n;
                String contextPackage = block.context().substring(0, Math.max(0, block.context().lastIndexOf('.')));
                source = "import java.util.*;\nimport dev.atoll.*;\nimport dev.atoll.schema.*;\n"
                        + (contextPackage.isEmpty() ? "\n" : "import " + contextPackage + ".*;\n")
                        + "public class " + typeName + " extends " + block.context() + " {\n"
                        + "    void example() throws Exception {\n" + block.code() + "    }\n}\n";
            } else {
                Matcher m = PUBLIC_TYPE.matcher(block.code());
                if (!m.find()) {
                    failures.add("README.md line " + block.line() + ": a java block that is neither a complete file"
                            + " (imports and a public top-level type) nor marked <!-- java-fragment: Context -->");
                    continue;
                }
                typeName = m.group(1);
                source = block.code();
            }
            Path src = Files.createDirectories(work.resolve("src" + n));
            Path out = Files.createDirectories(work.resolve("out" + n));
            Path file = Files.writeString(src.resolve(typeName + ".java"), source);
            DiagnosticCollector<JavaFileObject> diagnostics = new DiagnosticCollector<>();
            try (StandardJavaFileManager files = javac.getStandardFileManager(diagnostics, Locale.ROOT,
                    StandardCharsets.UTF_8)) {
                boolean ok = javac.getTask(null, files, diagnostics, List.of("-d", out.toString(),
                                "-classpath", String.join(File.pathSeparator, classPath), "-proc:none",
                                "-Xlint:-options"),
                        null, files.getJavaFileObjects(file)).call();
                if (!ok) {
                    StringBuilder why = new StringBuilder("README.md block at line " + block.line() + " ("
                            + typeName + ") does not compile:");
                    for (Diagnostic<? extends JavaFileObject> d : diagnostics.getDiagnostics()) {
                        if (d.getKind() == Diagnostic.Kind.ERROR) {
                            long readmeLine = block.line() + d.getLineNumber() - (block.context() != null ? 5 : 0);
                            why.append("\n  README.md:").append(readmeLine).append(": ")
                                    .append(d.getMessage(Locale.ROOT));
                        }
                    }
                    failures.add(why.toString());
                }
            }
            classPath.add(out.toString());
        }
        if (!failures.isEmpty()) {
            fail(String.join("\n", failures));
        }
    }

    @Test
    void javaBlocks_fencesAndFragmentMarkers_found() {
        List<Block> blocks = javaBlocks(List.of("text", "```java", "class A {}", "```", "",
                "<!-- java-fragment: x.Ctx -->", "", "```java", "int a = 1;", "```", "```sh", "ls", "```"));
        assertTrue(blocks.size() == 2, blocks.toString());
        assertTrue(blocks.get(0).line() == 2 && blocks.get(0).context() == null, blocks.toString());
        assertTrue(blocks.get(1).code().equals("int a = 1;\n") && "x.Ctx".equals(blocks.get(1).context()),
                blocks.toString());
    }
}
