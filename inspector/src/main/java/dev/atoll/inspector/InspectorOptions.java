package dev.atoll.inspector;

import java.util.Objects;

/**
 * How an {@link AtollInspector} serves its page. Immutable: each {@code with...} returns a new options.
 * The defaults are the safe ones: bound to the loopback address {@code 127.0.0.1}, a free port, a random
 * token, read-only.
 *
 * @param host the address to bind to; anything other than a loopback address exposes the page (still behind
 *     the token) to the network: only for a trusted network
 * @param port the port, or 0 for a free one the system picks
 * @param token the token every request must carry, or null for a random one (32 random bytes, Base64url)
 * @param editing whether the page may edit and delete objects (each edit one write transaction)
 * @param eventBuffer how many change events one page's live stream may hold for it while it does not read;
 *     a page that falls further behind gets a {@code reset} event (it reloads what it shows) instead of a
 *     growing queue
 */
public record InspectorOptions(String host, int port, String token, boolean editing, int eventBuffer) {
    /** The default of {@link #eventBuffer()}. */
    public static final int DEFAULT_EVENT_BUFFER = 256;

    /**
     * Checks the options.
     *
     * @throws IllegalArgumentException when the port is outside 0..65535, the token is shorter than 16
     *     characters or holds anything but letters, digits, '-' and '_', or the event buffer is not positive
     */
    public InspectorOptions {
        Objects.requireNonNull(host, "host");
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("inspector port " + port + " is not a port: 0 (a free one) to 65535");
        }
        if (token != null && !token.matches("[A-Za-z0-9_-]{16,}")) {
            throw new IllegalArgumentException("inspector token: at least 16 letters, digits, '-' or '_'");
        }
        if (eventBuffer < 1) {
            throw new IllegalArgumentException("inspector event buffer " + eventBuffer + " must be at least 1");
        }
    }

    /** Loopback, a free port, a random token, read-only, a buffer of {@value #DEFAULT_EVENT_BUFFER} events. */
    public static InspectorOptions defaults() {
        return new InspectorOptions("127.0.0.1", 0, null, false, DEFAULT_EVENT_BUFFER);
    }

    /** These options with another port (0: a free one). */
    public InspectorOptions withPort(int port) {
        return new InspectorOptions(host, port, token, editing, eventBuffer);
    }

    /** These options bound to another address. */
    public InspectorOptions withHost(String host) {
        return new InspectorOptions(host, port, token, editing, eventBuffer);
    }

    /** These options with a chosen token (null: a random one). */
    public InspectorOptions withToken(String token) {
        return new InspectorOptions(host, port, token, editing, eventBuffer);
    }

    /** These options with editing and deleting turned on or off. */
    public InspectorOptions withEditing(boolean editing) {
        return new InspectorOptions(host, port, token, editing, eventBuffer);
    }

    /** These options with another event buffer size. */
    public InspectorOptions withEventBuffer(int eventBuffer) {
        return new InspectorOptions(host, port, token, editing, eventBuffer);
    }

    @Override
    public String toString() {
        return "InspectorOptions[host=" + host + ", port=" + port + ", token=" + (token == null ? "random" : "(set)")
                + ", editing=" + editing + ", eventBuffer=" + eventBuffer + "]";
    }
}
