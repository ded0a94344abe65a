package dev.atoll.inspector;

import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.bidi.Command;
import org.openqa.selenium.bidi.Connection;
import org.openqa.selenium.json.Json;
import org.openqa.selenium.remote.http.ClientConfig;
import org.openqa.selenium.remote.http.HttpClient;

import java.io.BufferedReader;
import java.io.File;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Headless Firefox for the browser tests, driven through WebDriver BiDi, the W3C protocol Firefox speaks itself.
 *
 * <p><b>Why this class exists.</b> Selenium's {@code FirefoxDriver} needs geckodriver, and geckodriver is neither
 * a Debian package nor on Maven Central (the only places CI installs from). Firefox needs no driver for BiDi: run
 * with {@code --remote-debugging-port} it serves WebDriver BiDi on a WebSocket itself. So this class starts
 * Debian's {@code firefox-esr} ({@code -Datoll.firefox} names another binary) headless on a fresh temporary
 * profile and a free port, opens Selenium's own BiDi {@link Connection} straight to its {@code /session}
 * address, starts a BiDi session ({@code session.new}) and acts on the first tab with the protocol's commands:
 * {@code browsingContext.navigate}, {@code script.callFunction}, {@code input.performActions} (clicks and keys
 * are real input events, as a user's would be), {@code browsingContext.captureScreenshot}. Selenium's typed BiDi
 * modules ({@code BrowsingContext}, {@code Script}) take a {@code WebDriver}, which there is none of here, so the
 * commands are sent as plain {@link Command}s on the connection.
 *
 * <p>{@link #close()} ends the browser ({@code browser.close}), then kills whatever is left of every process
 * Firefox was seen to start (noted at start, after each navigation and click, so that the orphans of a crashed
 * parent are not missed) and deletes the profile; a shutdown hook does the same if the JVM ends first.
 */
final class FirefoxBiDiPage implements BrowserPage, AutoCloseable {
    private static final Duration START = Duration.ofSeconds(60);
    private static final Duration COMMAND = Duration.ofSeconds(30);
    /**
     * An element's text as WebDriver's "get element text" gives it: empty when it is not shown, table cells
     * separated by a space rather than innerText's tab.
     */
    private static final String TEXT = "(e) => e.checkVisibility() ? e.innerText.replace(/\\t/g, ' ').trim() : ''";
    private static final Pattern LISTENING = Pattern.compile("WebDriver BiDi listening on (ws://\\S+)");

    private final Process process;
    private final Path profile;
    private final Connection connection;
    private final String context;
    private final Thread cleanupHook;
    /** Every process Firefox has been seen to start: those that outlive a crashed parent are no descendants. */
    private final Set<ProcessHandle> started;

    private FirefoxBiDiPage(Process process, Path profile, Connection connection, String context, Thread cleanupHook,
                            Set<ProcessHandle> started) {
        this.started = started;
        this.process = process;
        this.profile = profile;
        this.connection = connection;
        this.context = context;
        this.cleanupHook = cleanupHook;
        rememberProcesses();
    }

    /** Notes the processes Firefox runs now (a page's content process starts as the page loads). */
    private void rememberProcesses() {
        process.descendants().forEach(started::add);
    }

    /**
     * Starts headless Firefox and opens a BiDi session on its first tab (1400 x 900).
     *
     * @throws IllegalStateException when the binary is missing (naming it and the package to install), or when
     *                               Firefox exits or does not announce its BiDi address within a minute (with
     *                               the end of its output)
     */
    static FirefoxBiDiPage start() {
        String firefox = System.getProperty("atoll.firefox", "/usr/bin/firefox-esr");
        if (!new File(firefox).canExecute()) {
            throw new IllegalStateException("the Firefox browser tests need headless Firefox: " + firefox
                    + " (Debian: apt-get install -y firefox-esr; .ci/run installs it)");
        }
        Path profile;
        try {
            profile = Files.createTempDirectory("atoll-firefox-profile");
        } catch (IOException e) {
            throw new UncheckedIOException("could not create a Firefox profile directory", e);
        }
        Process process;
        try {
            ProcessBuilder builder = new ProcessBuilder(firefox, "--headless", "--no-remote", "--profile",
                    profile.toString(), "--remote-debugging-port=0", "--window-size=1400,900")
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD);
            builder.environment().put("MOZ_HEADLESS", "1");
            process = builder.start();
        } catch (IOException e) {
            deleteProfile(profile);
            throw new UncheckedIOException("could not start " + firefox, e);
        }
        Set<ProcessHandle> started = ConcurrentHashMap.newKeySet();
        Thread hook = new Thread(() -> {
            kill(process, List.copyOf(started), Duration.ZERO);
            deleteProfile(profile);
        }, "firefox-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        Connection connection = null;
        try {
            String address = announcedAddress(process, firefox);
            HttpClient client = HttpClient.Factory.createDefault()
                    .createClient(ClientConfig.defaultConfig().baseUri(URI.create(address)));
            connection = new Connection(client, address + "/session");
            send(connection, "session.new", Map.of("capabilities", Map.of()));
            List<?> contexts = (List<?>) send(connection, "browsingContext.getTree", Map.of()).get("contexts");
            String context = (String) ((Map<?, ?>) contexts.get(0)).get("context");
            send(connection, "browsingContext.setViewport",
                    Map.of("context", context, "viewport", Map.of("width", 1400, "height", 900)));
            return new FirefoxBiDiPage(process, profile, connection, context, hook, started);
        } catch (RuntimeException | Error e) {
            try {
                if (connection != null) {
                    connection.close();
                }
            } finally {
                kill(process, process.descendants().toList(), Duration.ZERO);
                deleteProfile(profile);
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            throw e;
        }
    }

    /** Reads Firefox's stderr until it names its BiDi address; keeps draining it afterwards. */
    private static String announcedAddress(Process process, String firefox) {
        CompletableFuture<String> address = new CompletableFuture<>();
        Deque<String> tail = new ArrayDeque<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(
                    new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
                for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                    synchronized (tail) {
                        tail.addLast(line);
                        if (tail.size() > 20) {
                            tail.removeFirst();
                        }
                    }
                    Matcher m = LISTENING.matcher(line);
                    if (m.find()) {
                        address.complete(m.group(1));
                    }
                }
            } catch (IOException ignored) {
                // the process is gone: onExit below reports it
            }
        }, "firefox-stderr");
        reader.setDaemon(true);
        reader.start();
        process.onExit().thenRun(() -> address.completeExceptionally(
                new IllegalStateException("exited with status " + process.exitValue())));
        try {
            return address.get(START.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while starting " + firefox, e);
        } catch (ExecutionException | TimeoutException e) {
            String output;
            synchronized (tail) {
                output = String.join("\n", tail);
            }
            throw new IllegalStateException(firefox + " did not announce its WebDriver BiDi address within "
                    + START.toSeconds() + " s (" + (e instanceof ExecutionException ? e.getCause().getMessage()
                    : "timed out") + "); its last output:\n" + output, e);
        }
    }

    private static Map<String, Object> send(Connection connection, String method, Map<String, Object> params) {
        return connection.sendAndWait(new Command<Map<String, Object>>(method, params, Json.MAP_TYPE), COMMAND);
    }

    private Map<String, Object> send(String method, Map<String, Object> params) {
        return send(connection, method, params);
    }

    /**
     * Calls {@code function} (a JavaScript function's source) in the tab with string arguments and returns its
     * result: {@code null} for null and undefined, strings, numbers and booleans as they are, arrays as lists, a
     * DOM node as its BiDi remote value (a map holding its {@code sharedId}).
     */
    private Object call(String function, String... args) {
        List<Map<String, Object>> arguments = new ArrayList<>();
        for (String arg : args) {
            arguments.add(Map.of("type", "string", "value", arg));
        }
        Map<String, Object> params = new LinkedHashMap<>();
        params.put("functionDeclaration", function);
        params.put("awaitPromise", true);
        params.put("target", Map.of("context", context));
        params.put("arguments", arguments);
        params.put("resultOwnership", "none");
        Map<String, Object> response = send("script.callFunction", params);
        if ("exception".equals(response.get("type"))) {
            Map<?, ?> details = (Map<?, ?>) response.get("exceptionDetails");
            throw new AssertionError(browserName() + ": the script threw " + details.get("text") + "\n" + function);
        }
        return value((Map<?, ?>) response.get("result"));
    }

    private static Object value(Map<?, ?> remote) {
        Object type = remote.get("type");
        return switch (String.valueOf(type)) {
            case "undefined", "null" -> null;
            case "string", "number", "boolean" -> remote.get("value");
            case "array" -> ((List<?>) remote.get("value")).stream().map(v -> value((Map<?, ?>) v)).toList();
            case "node" -> remote;
            default -> throw new IllegalStateException("unexpected BiDi remote value: " + remote);
        };
    }

    /** Firefox's main process and its descendants now (for the cleanup test). */
    List<ProcessHandle> processes() {
        return Stream.concat(Stream.of(process.toHandle()), process.descendants()).toList();
    }

    /** The temporary profile directory (for the cleanup test). */
    Path profile() {
        return profile;
    }

    @Override
    public String browserName() {
        return "firefox";
    }

    @Override
    public void open(String url) {
        send("browsingContext.navigate", Map.of("context", context, "url", url, "wait", "complete"));
        rememberProcesses();
    }

    @Override
    public String title() {
        return (String) call("() => document.title");
    }

    @Override
    public String text(String css) {
        return (String) call("(css) => { const e = document.querySelector(css); return e ? (" + TEXT + ")(e) : null; }",
                css);
    }

    @SuppressWarnings("unchecked")
    @Override
    public List<String> texts(String css) {
        return (List<String>) call("(css) => Array.from(document.querySelectorAll(css), " + TEXT + ")", css);
    }

    @SuppressWarnings("unchecked")
    @Override
    public List<String> attributes(String css, String name) {
        return (List<String>) call(
                "(css, name) => Array.from(document.querySelectorAll(css), e => e.getAttribute(name))", css, name);
    }

    @Override
    public int count(String css) {
        return ((Number) call("(css) => document.querySelectorAll(css).length", css)).intValue();
    }

    @Override
    public boolean displayed(String css) {
        return (Boolean) call("(css) => { const e = document.querySelector(css); return !!e && e.checkVisibility(); }",
                css);
    }

    /** The first element matching {@code css}, scrolled to the middle of the viewport, as a BiDi shared reference. */
    private Map<String, Object> element(String css) {
        Object node = call("(css) => { const e = document.querySelector(css);"
                + " if (e) e.scrollIntoView({block: 'center', inline: 'center'}); return e; }", css);
        if (node == null) {
            throw new AssertionError(browserName() + ": no element matches " + css);
        }
        return Map.of("sharedId", ((Map<?, ?>) node).get("sharedId"));
    }

    @Override
    public void click(String css) {
        Map<String, Object> origin = Map.of("type", "element", "element", element(css));
        List<Map<String, Object>> pointer = List.of(
                Map.of("type", "pointerMove", "x", 0, "y", 0, "origin", origin),
                Map.of("type", "pointerDown", "button", 0),
                Map.of("type", "pointerUp", "button", 0));
        send("input.performActions", Map.of("context", context, "actions", List.of(Map.of("type", "pointer",
                "id", "mouse", "parameters", Map.of("pointerType", "mouse"), "actions", pointer))));
        rememberProcesses();
    }

    /**
     * {@inheritDoc} BiDi has no command for a {@code <select>}'s native drop-down, so this sets the value in the
     * page and fires {@code input} and {@code change}, as a user's pick does (and fails if there is no such option).
     */
    @Override
    public void select(String css, String value) {
        Object outcome = call("(css, value) => { const s = document.querySelector(css);"
                + " if (!s) return 'no element matches ' + css;"
                + " if (!Array.from(s.options).some(o => o.value === value)) return css + ' has no option ' + value;"
                + " s.value = value; s.dispatchEvent(new Event('input', {bubbles: true}));"
                + " s.dispatchEvent(new Event('change', {bubbles: true})); return 'ok'; }", css, value);
        if (!"ok".equals(outcome)) {
            throw new AssertionError(browserName() + ": " + outcome);
        }
    }

    @Override
    public void type(String css, String keys) {
        click(css);
        List<Map<String, Object>> strokes = new ArrayList<>();
        keys.codePoints().mapToObj(Character::toString).forEach(key -> {
            strokes.add(Map.of("type", "keyDown", "value", key));
            strokes.add(Map.of("type", "keyUp", "value", key));
        });
        send("input.performActions", Map.of("context", context, "actions",
                List.of(Map.of("type", "key", "id", "keyboard", "actions", strokes))));
    }

    @Override
    public String script(String body) {
        Object result = call("function () {\n" + body + "\n}");
        return result == null ? null : String.valueOf(result);
    }

    @Override
    public Path screenshot(String name) {
        String png = (String) send("browsingContext.captureScreenshot", Map.of("context", context)).get("data");
        try {
            Path dir = Path.of("target", "screenshots");
            Files.createDirectories(dir);
            Path file = dir.resolve("firefox-" + name + ".png");
            Files.write(file, Base64.getDecoder().decode(png));
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the browser, kills what is left of its process tree, deletes its profile. */
    @Override
    public void close() {
        rememberProcesses();
        try {
            try {
                send("browser.close", Map.of());
            } catch (RuntimeException ignored) {
                // killed below
            }
            try {
                connection.close();
            } catch (WebDriverException closedByFirefox) {
                // browser.close closes the socket from Firefox's end, sometimes before the connection has seen it
            }
        } finally {
            try {
                kill(process, List.copyOf(started), Duration.ofSeconds(5));
            } finally {
                deleteProfile(profile);
                Runtime.getRuntime().removeShutdownHook(cleanupHook);
            }
        }
    }

    /** Gives Firefox {@code grace} to end by itself, then kills it and every process it started. */
    private static void kill(Process process, List<ProcessHandle> started, Duration grace) {
        try {
            process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<ProcessHandle> all = Stream.concat(Stream.concat(Stream.of(process.toHandle()), started.stream()),
                process.descendants()).distinct().toList();
        all.forEach(ProcessHandle::destroyForcibly);
        for (ProcessHandle handle : all) {
            try {
                handle.onExit().get(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (ExecutionException | TimeoutException e) {
                throw new IllegalStateException("Firefox process " + handle.pid() + " did not end", e);
            }
        }
    }

    private static void deleteProfile(Path profile) {
        try (Stream<Path> files = Files.walk(profile)) {
            for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("could not delete the Firefox profile " + profile, e);
        }
    }
}
