package dev.atoll.inspector;

import dev.atoll.Atoll;
import dev.atoll.feed.ChangeEvent;
import dev.atoll.feed.ChangedIds;
import org.apache.pekko.NotUsed;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.stream.BufferOverflowException;
import org.apache.pekko.stream.OverflowStrategy;
import org.apache.pekko.stream.javadsl.Source;
import org.apache.pekko.util.ByteString;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.TreeMap;

/**
 * The page's live stream: server-sent events ({@code text/event-stream}) of every commit of every open
 * instance, from Atoll's change feed ({@link Atoll#changeSource(ActorSystem, String, long)}).
 *
 * <ul>
 *   <li>Each event's id holds the commit version of every instance the stream follows,
 *     {@code name=version;name=version}; a browser that reconnects sends the last one as
 *     {@code Last-Event-ID}, and the stream resumes after those versions, from the change log.</li>
 *   <li>The first event, {@code ready}, carries the versions the stream starts from.</li>
 *   <li>{@code commit}: {@code {"instance","version","changes":{collection:{"inserted","updated","deleted",
 *     "cleared"}}}}.</li>
 *   <li>{@code reset}: the page must reload what it shows and reconnect afresh (its id is empty): it fell
 *     more than the buffer behind, or the change log no longer holds what it missed.</li>
 *   <li>{@code closed}: an instance closed.</li>
 * </ul>
 *
 * <p>Memory is bounded: the change feed is pulled (backpressured), and between it and the network sits a
 * buffer of {@link InspectorOptions#eventBuffer()} events that fails when full; the failure becomes the
 * {@code reset} event and the end of the stream. Event data is compact JSON, one line, so the text needs no
 * escaping beyond JSON's.
 */
final class Events {
    static final ByteString KEEP_ALIVE = ByteString.fromString(": keep-alive\n\n");

    private Events() {
    }

    /**
     * The stream for one page.
     *
     * @param lastEventId the {@code Last-Event-ID} the browser sent, or null for a fresh start
     * @param buffer the most events held for a page that does not read
     */
    static Source<ByteString, NotUsed> stream(ActorSystem<?> system, String lastEventId, int buffer) {
        Map<String, Long> resume = parseId(lastEventId);
        Map<String, Long> start = new TreeMap<>();
        boolean stale = false;
        for (String name : Atoll.openInstanceNames(system)) {
            Atoll db;
            try {
                db = Atoll.getInstance(system, name).orElseThrow();
            } catch (NoSuchElementException closed) {
                continue;
            }
            try {
                long now = db.version();
                Long from = resume.get(name);
                if (from != null && from <= now) {
                    start.put(name, from);
                } else {
                    stale |= from != null;
                    start.put(name, now);
                }
            } finally {
                db.close();
            }
        }
        if (stale) {
            // versions this instance never had (another file under the same name): start again
            return Source.single(reset());
        }
        Map<String, Long> versions = new TreeMap<>(start);
        List<Source<ChangeEvent, ?>> feeds = new ArrayList<>();
        for (Map.Entry<String, Long> e : start.entrySet()) {
            try {
                feeds.add(Atoll.changeSource(system, e.getKey(), e.getValue()));
            } catch (RuntimeException closedMeanwhile) {
                versions.remove(e.getKey());
            }
        }
        ByteString ready = event("ready", id(versions), Data.json(g -> {
            g.writeStartObject();
            for (Map.Entry<String, Long> e : versions.entrySet()) {
                g.writeNumberField(e.getKey(), e.getValue());
            }
            g.writeEndObject();
        }));
        Source<ByteString, NotUsed> live = Source.from(feeds)
                .flatMapMerge(Math.max(1, feeds.size()), s -> s)
                .map(event -> encode(event, versions));
        return Source.single(ready).concat(live)
                .buffer(buffer, OverflowStrategy.fail())
                .recover(BufferOverflowException.class, Events::reset)
                .takeWhile(bytes -> bytes != RESET, true)
                .keepAlive(Duration.ofSeconds(15), () -> KEEP_ALIVE);
    }

    /** The bytes of one change event; updates the versions the ids carry. */
    static ByteString encode(ChangeEvent event, Map<String, Long> versions) {
        return switch (event.kind()) {
            case HISTORY_LOST -> reset();
            case END -> {
                versions.remove(event.instance());
                yield event("closed", id(versions), Data.json(g -> {
                    g.writeStartObject();
                    g.writeStringField("instance", event.instance());
                    g.writeEndObject();
                }));
            }
            case COMMIT -> {
                versions.put(event.instance(), event.version());
                yield event("commit", id(versions), Data.json(g -> {
                    g.writeStartObject();
                    g.writeStringField("instance", event.instance());
                    g.writeNumberField("version", event.version());
                    g.writeObjectFieldStart("changes");
                    for (Map.Entry<String, ChangedIds> c : new TreeMap<>(event.changes()).entrySet()) {
                        g.writeObjectFieldStart(c.getKey());
                        ids(g, "inserted", c.getValue().inserted());
                        ids(g, "updated", c.getValue().updated());
                        ids(g, "deleted", c.getValue().deleted());
                        g.writeBooleanField("cleared", c.getValue().cleared());
                        g.writeEndObject();
                    }
                    g.writeEndObject();
                    g.writeEndObject();
                }));
            }
        };
    }

    private static void ids(com.fasterxml.jackson.core.JsonGenerator g, String name, long[] ids)
            throws java.io.IOException {
        g.writeArrayFieldStart(name);
        for (long id : ids) {
            g.writeNumber(id);
        }
        g.writeEndArray();
    }

    /** The reset event: an empty id, so that the browser's reconnect does not resume. */
    static ByteString reset() {
        return RESET;
    }

    private static final ByteString RESET = event("reset", "", "{}");

    static ByteString event(String type, String id, String data) {
        return ByteString.fromString("event: " + type + "\nid: " + id + "\ndata: " + data + "\n\n");
    }

    /** {@code name=version;...} in name order. */
    static String id(Map<String, Long> versions) {
        StringBuilder sb = new StringBuilder();
        for (Map.Entry<String, Long> e : new TreeMap<>(versions).entrySet()) {
            if (sb.length() > 0) {
                sb.append(';');
            }
            sb.append(e.getKey()).append('=').append(e.getValue());
        }
        return sb.toString();
    }

    /** The versions in an event id; malformed parts are ignored (that instance then starts live). */
    static Map<String, Long> parseId(String id) {
        Map<String, Long> versions = new LinkedHashMap<>();
        if (id == null || id.isBlank()) {
            return versions;
        }
        for (String part : id.split(";")) {
            int eq = part.indexOf('=');
            if (eq <= 0) {
                continue;
            }
            try {
                long v = Long.parseLong(part.substring(eq + 1).trim());
                if (v >= 0) {
                    versions.put(part.substring(0, eq).trim(), v);
                }
            } catch (NumberFormatException ignored) {
                // not a version: live for that instance
            }
        }
        return versions;
    }
}
