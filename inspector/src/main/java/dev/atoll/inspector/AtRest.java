package dev.atoll.inspector;

import dev.atoll.Atoll;
import dev.atoll.InstanceLockedException;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.javadsl.Behaviors;

import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The standalone inspector: opens the instances of a directory at rest, read-only, without the application,
 * and serves the page on them.
 *
 * <pre>
 * mvn -pl inspector exec:java -Ddir=PATH -Dclasses=com.acme.Message,com.acme.User -Dcp=path/to/app.jar
 * java -cp "inspector/target/atoll-inspector-0.1.0-SNAPSHOT.jar:$(cat inspector/target/classpath.txt)" \
 *     dev.atoll.inspector.AtRest -Ddir=PATH ...   (or: --dir=PATH --classes=... --cp=... as arguments)
 * </pre>
 *
 * <ul>
 *   <li>{@code dir}: the instances' directory (required); {@code name}: one instance (default: every
 *     {@code *.atoll} file there); {@code classes}: the application's entity classes (required: Atoll
 *     reads objects through their classes); {@code cp}: jars or class directories that hold them, separated
 *     by the path separator; {@code port}, {@code host}: as {@link InspectorOptions} (default a free port on
 *     127.0.0.1).</li>
 *   <li>Each instance is read through {@link Atoll#openReadOnlyCopy}: a private copy, so nothing is written to
 *     the directory; editing is off whatever the options say.</li>
 *   <li>When a running application holds a file, it refuses with that message and exit status 2, and takes
 *     nothing from the application.</li>
 * </ul>
 */
public final class AtRest implements AutoCloseable {
    private final ActorSystem<Void> system;
    private final List<Atoll> handles;
    private final AtollInspector inspector;

    private AtRest(ActorSystem<Void> system, List<Atoll> handles, AtollInspector inspector) {
        this.system = system;
        this.handles = handles;
        this.inspector = inspector;
    }

    /** The running inspector. */
    public AtollInspector inspector() {
        return inspector;
    }

    /**
     * Opens the instances and starts the inspector on them.
     *
     * @param names the instances to open; empty for every {@code *.atoll} file of the directory
     * @throws InstanceLockedException when a running application holds one of the files (nothing stays open)
     * @throws IllegalArgumentException when the directory holds no instance or a class cannot be loaded
     */
    public static AtRest open(Path dir, List<String> names, List<Class<?>> classes, InspectorOptions options) {
        List<String> instances = names.isEmpty() ? instancesIn(dir) : names;
        if (instances.isEmpty()) {
            throw new IllegalArgumentException("no instance in " + dir + ": no *.atoll file");
        }
        if (classes.isEmpty()) {
            throw new IllegalArgumentException("the at-rest inspector needs the application's entity classes: "
                    + "-Dclasses=com.acme.Message,... (and -Dcp=the jar or classes directory that holds them)");
        }
        ActorSystem<Void> system = ActorSystem.create(Behaviors.empty(), "atoll-inspector-at-rest");
        List<Atoll> handles = new ArrayList<>();
        try {
            for (String name : instances) {
                handles.add(Atoll.openReadOnlyCopy(system, classes, dir, name));
            }
            java.util.Map<String, Path> originals = new java.util.TreeMap<>();
            for (String name : instances) {
                originals.put(name, dir.toAbsolutePath().normalize().resolve(name + ".atoll"));
            }
            return new AtRest(system, handles, AtollInspector.start(system, options.withEditing(false), originals));
        } catch (RuntimeException e) {
            handles.forEach(Atoll::close);
            system.terminate();
            throw e;
        }
    }

    private static List<String> instancesIn(Path dir) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(p -> p.getFileName().toString()).filter(f -> f.endsWith(".atoll") && !f.startsWith("."))
                    .map(f -> f.substring(0, f.length() - ".atoll".length())).sorted().toList();
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot list " + dir + ": " + e.getMessage(), e);
        }
    }

    /** Stops the inspector, closes the copies (they are deleted) and the actor system. */
    @Override
    public void close() {
        inspector.close();
        handles.forEach(Atoll::close);
        system.terminate();
        system.getWhenTerminated().toCompletableFuture().join();
    }

    /** The command; see the class comment. */
    public static void main(String[] args) throws Exception {
        for (String arg : args) {
            if (arg.startsWith("--") && arg.contains("=")) {
                int eq = arg.indexOf('=');
                System.setProperty(arg.substring(2, eq), arg.substring(eq + 1));
            } else if (arg.startsWith("-D") && arg.contains("=")) {
                int eq = arg.indexOf('=');
                System.setProperty(arg.substring(2, eq), arg.substring(eq + 1));
            }
        }
        String dir = System.getProperty("dir", "");
        if (dir.isBlank()) {
            System.err.println("usage: -Ddir=PATH -Dclasses=com.acme.Message,... [-Dcp=app.jar] [-Dname=INSTANCE]"
                    + " [-Dport=N] [-Dhost=ADDRESS]");
            System.exit(1);
        }
        ClassLoader loader = loader(System.getProperty("cp", ""));
        List<Class<?>> classes = new ArrayList<>();
        for (String name : System.getProperty("classes", "").split(",")) {
            if (!name.isBlank()) {
                classes.add(Class.forName(name.trim(), true, loader));
            }
        }
        String name = System.getProperty("name", "");
        InspectorOptions options = InspectorOptions.defaults()
                .withPort(Integer.parseInt(System.getProperty("port", "0")))
                .withHost(System.getProperty("host", "127.0.0.1"));
        AtRest atRest;
        try {
            atRest = open(Path.of(dir), name.isBlank() ? List.of() : List.of(name), classes, options);
        } catch (InstanceLockedException e) {
            System.err.println("Atoll inspector: " + e.getMessage());
            System.exit(2);
            return;
        } catch (IllegalArgumentException e) {
            System.err.println("Atoll inspector: " + e.getMessage());
            System.exit(1);
            return;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(atRest::close, "atoll-inspector-stop"));
        System.out.println("Read-only, at rest: " + dir + " (a private copy; Ctrl-C stops)");
        atRest.system.getWhenTerminated().toCompletableFuture().join();
    }

    private static ClassLoader loader(String cp) throws MalformedURLException {
        if (cp.isBlank()) {
            return AtRest.class.getClassLoader();
        }
        List<URL> urls = new ArrayList<>();
        for (String entry : cp.split(java.io.File.pathSeparator)) {
            if (!entry.isBlank()) {
                urls.add(Path.of(entry).toUri().toURL());
            }
        }
        return new URLClassLoader(urls.toArray(URL[]::new), AtRest.class.getClassLoader());
    }
}
