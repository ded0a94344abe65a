package dev.atoll.inspector;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.http.javadsl.Http;
import org.apache.pekko.http.javadsl.ServerBinding;

import java.net.InetSocketAddress;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The inspector: a live web page of the Atoll instances open in an actor system, served by the application
 * itself on Pekko HTTP.
 *
 * <pre>{@code
 * AtollInspector inspector = AtollInspector.start(system, InspectorOptions.defaults());
 * // prints: Atoll inspector: http://127.0.0.1:PORT/?token=...
 * }</pre>
 *
 * <p>Safe by default: bound to 127.0.0.1 unless {@link InspectorOptions#host()} says otherwise; every request
 * must carry the random token of the URL (else 401 or 403); every value is shown as text; no endpoint runs
 * code; read-only unless {@link InspectorOptions#editing()} is on. It lists the instances open in the actor
 * system when a page asks (a later {@code Atoll.open} shows up on the next load).
 */
public final class AtollInspector implements AutoCloseable {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final ServerBinding binding;
    private final String url;
    private final String token;

    private AtollInspector(ServerBinding binding, String url, String token) {
        this.binding = binding;
        this.url = url;
        this.token = token;
    }

    /**
     * Starts serving the page, and prints its URL (with the token) to standard output and the system's log.
     *
     * @return the running inspector: {@link #url()}, {@link #close()}
     * @throws IllegalStateException when the address cannot be bound (the port is taken, the host unknown):
     *     the message names the address
     */
    public static AtollInspector start(ActorSystem<?> system, InspectorOptions options) {
        return start(system, options, java.util.Map.of());
    }

    /** @param originals at rest: each instance's original file, else empty */
    static AtollInspector start(ActorSystem<?> system, InspectorOptions options,
                                java.util.Map<String, java.nio.file.Path> originals) {
        boolean atRest = !originals.isEmpty();
        String token = options.token() != null ? options.token() : newToken();
        Server server = new Server(system, token, options.editing() && !atRest, originals, options.eventBuffer());
        ServerBinding binding;
        try {
            binding = Http.get(system).newServerAt(options.host(), options.port()).bind(server::apply)
                    .toCompletableFuture().get(30, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while binding the inspector to " + options.host() + ":"
                    + options.port(), e);
        } catch (ExecutionException | CompletionException | TimeoutException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            throw new IllegalStateException("the inspector cannot listen on " + options.host() + ":" + options.port()
                    + ": " + cause.getMessage(), cause);
        }
        InetSocketAddress address = binding.localAddress();
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        String url = "http://" + host + ":" + address.getPort() + "/?token=" + token;
        AtollInspector inspector = new AtollInspector(binding, url, token);
        System.out.println("Atoll inspector: " + url);
        system.log().info("Atoll inspector: {}", url);
        return inspector;
    }

    private static String newToken() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The page's URL, with the token: {@code http://127.0.0.1:PORT/?token=...}. */
    public String url() {
        return url;
    }

    /** The port it listens on. */
    public int port() {
        return binding.localAddress().getPort();
    }

    /** The token every request must carry. */
    public String token() {
        return token;
    }

    /** Stops listening and ends the open pages' connections (their live streams too), waiting up to 5 seconds. */
    @Override
    public void close() {
        try {
            binding.terminate(Duration.ofSeconds(3)).toCompletableFuture().get(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the binding is gone either way
        }
    }
}
