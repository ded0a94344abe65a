package dev.atoll.inspector;

import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.DispatcherSelector;
import org.apache.pekko.http.javadsl.model.ContentType;
import org.apache.pekko.http.javadsl.model.ContentTypes;
import org.apache.pekko.http.javadsl.model.HttpEntities;
import org.apache.pekko.http.javadsl.model.HttpHeader;
import org.apache.pekko.http.javadsl.model.HttpMethods;
import org.apache.pekko.http.javadsl.model.HttpRequest;
import org.apache.pekko.http.javadsl.model.HttpResponse;
import org.apache.pekko.http.javadsl.model.MediaTypes;
import org.apache.pekko.http.javadsl.model.StatusCode;
import org.apache.pekko.http.javadsl.model.StatusCodes;
import org.apache.pekko.http.javadsl.model.headers.RawHeader;
import org.apache.pekko.stream.Materializer;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executor;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The inspector's HTTP handler: checks the token of every request, then serves the page's static files
 * (from the jar) and its JSON endpoints. Reads run on Pekko's blocking dispatcher. Every response forbids
 * caching, sniffing, framing and referrers, and the page's Content-Security-Policy allows only its own
 * script and style (no inline script, no other origin).
 */
final class Server implements Function<HttpRequest, CompletionStage<HttpResponse>> {
    private static final String STATIC = "/dev/atoll/inspector/static/";
    private static final List<HttpHeader> SECURITY = List.of(
            RawHeader.create("Content-Security-Policy", "default-src 'none'; script-src 'self'; style-src 'self'; "
                    + "connect-src 'self'; img-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'"),
            RawHeader.create("X-Content-Type-Options", "nosniff"),
            RawHeader.create("Referrer-Policy", "no-referrer"),
            RawHeader.create("X-Frame-Options", "DENY"),
            RawHeader.create("Cache-Control", "no-store"));

    private final ActorSystem<?> system;
    private final byte[] token;
    private final String tokenText;
    private final boolean editing;
    private final boolean atRest;
    private final int eventBuffer;
    private final Data data;
    private final Executor blocking;
    private final Materializer materializer;

    Server(ActorSystem<?> system, String token, boolean editing, Map<String, java.nio.file.Path> originals,
           int eventBuffer) {
        boolean atRest = !originals.isEmpty();
        this.system = system;
        this.tokenText = token;
        this.token = token.getBytes(StandardCharsets.US_ASCII);
        this.editing = editing;
        this.atRest = atRest;
        this.eventBuffer = eventBuffer;
        this.data = new Data(system, originals);
        this.blocking = system.dispatchers().lookup(DispatcherSelector.blocking());
        this.materializer = Materializer.matFromSystem(system);
    }

    @Override
    public CompletionStage<HttpResponse> apply(HttpRequest request) {
        Map<String, List<String>> params = params(request);
        Optional<String> given = first(params, "token")
                .or(() -> request.getHeader("X-Atoll-Token").map(HttpHeader::value));
        if (given.isEmpty()) {
            return done(text(StatusCodes.UNAUTHORIZED, "This inspector needs its token: open the URL it printed "
                    + "when it started (it ends with ?token=...)."));
        }
        if (!MessageDigest.isEqual(token, given.get().getBytes(StandardCharsets.UTF_8))) {
            return done(text(StatusCodes.FORBIDDEN, "Wrong token: open the URL the inspector printed when it started."));
        }
        String path = request.getUri().path();
        boolean get = request.method().equals(HttpMethods.GET);
        boolean post = request.method().equals(HttpMethods.POST);
        try {
            if (get && (path.equals("/") || path.equals("/index.html"))) {
                return done(page());
            } else if (get && path.startsWith("/static/")) {
                return done(resource(path.substring("/static/".length())));
            } else if (get && path.equals("/api/instances")) {
                return blocking(() -> json(data.instances(editing, atRest)));
            } else if (get && path.equals("/api/schema")) {
                return blocking(() -> json(data.schema(req(params, "instance"), req(params, "collection"))));
            } else if (get && path.equals("/api/objects")) {
                long offset = number(params, "offset", 0);
                long limit = number(params, "limit", 50);
                return blocking(() -> json(data.objects(req(params, "instance"), req(params, "collection"), params,
                        offset, limit)));
            } else if (get && path.equals("/api/object")) {
                long id = number(params, "id", -1);
                return blocking(() -> json(data.object(req(params, "instance"), req(params, "collection"), id)));
            } else if (get && path.equals("/api/export")) {
                String file = req(params, "collection").replaceAll("[^A-Za-z0-9_.-]", "_") + ".json";
                return blocking(() -> json(data.export(req(params, "instance"), req(params, "collection"), params))
                        .addHeader(RawHeader.create("Content-Disposition", "attachment; filename=\"" + file + "\"")));
            } else if (get && path.equals("/api/events")) {
                String last = request.getHeader("Last-Event-ID").map(HttpHeader::value)
                        .or(() -> first(params, "lastEventId")).orElse(null);
                return blocking(() -> secure(HttpResponse.create().withEntity(HttpEntities.createChunked(
                        MediaTypes.TEXT_EVENT_STREAM.toContentType(), Events.stream(system, last, eventBuffer)))));
            } else if (post && (path.equals("/api/put") || path.equals("/api/delete"))) {
                if (!editing) {
                    request.discardEntityBytes(materializer);
                    return done(text(StatusCodes.FORBIDDEN, "This inspector is read-only: the application did not "
                            + "turn editing on (InspectorOptions.withEditing(true))."));
                }
                String instance = req(params, "instance");
                String collection = req(params, "collection");
                if (path.equals("/api/delete")) {
                    long id = number(params, "id", -1);
                    request.discardEntityBytes(materializer);
                    return blocking(() -> json(Data.json(g -> {
                        g.writeStartObject();
                        g.writeBooleanField("deleted", data.delete(instance, collection, id));
                        g.writeEndObject();
                    })));
                }
                return request.entity().toStrict(10_000, materializer).thenComposeAsync(strict -> {
                    String body = strict.getData().utf8String();
                    return blocking(() -> json(Data.json(g -> {
                        g.writeStartObject();
                        g.writeNumberField("id", data.put(instance, collection, body));
                        g.writeEndObject();
                    })));
                }, blocking);
            }
            request.discardEntityBytes(materializer);
            return done(text(StatusCodes.NOT_FOUND, "No such page: " + path));
        } catch (RuntimeException e) {
            request.discardEntityBytes(materializer);
            return done(failure(e));
        }
    }

    private CompletionStage<HttpResponse> blocking(Supplier<HttpResponse> work) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return work.get();
            } catch (RuntimeException e) {
                return failure(e);
            }
        }, blocking);
    }

    private static HttpResponse failure(RuntimeException e) {
        StatusCode status = e instanceof NoSuchElementException ? StatusCodes.NOT_FOUND
                : e instanceof IllegalArgumentException ? StatusCodes.BAD_REQUEST
                : e instanceof dev.atoll.AtollException ? StatusCodes.CONFLICT
                : StatusCodes.INTERNAL_SERVER_ERROR;
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return secure(HttpResponse.create().withStatus(status).withEntity(ContentTypes.APPLICATION_JSON,
                Data.json(g -> {
                    g.writeStartObject();
                    g.writeStringField("error", message);
                    g.writeEndObject();
                })));
    }

    private static CompletionStage<HttpResponse> done(HttpResponse response) {
        return CompletableFuture.completedFuture(response);
    }

    private static HttpResponse secure(HttpResponse response) {
        return response.addHeaders(SECURITY);
    }

    private static HttpResponse json(String body) {
        return secure(HttpResponse.create().withEntity(ContentTypes.APPLICATION_JSON, body));
    }

    private static HttpResponse text(StatusCode status, String body) {
        return secure(HttpResponse.create().withStatus(status).withEntity(ContentTypes.TEXT_PLAIN_UTF8, body));
    }

    /** The page, with the token in the URLs of its script and style (the token is letters, digits, - and _). */
    private HttpResponse page() {
        String html = new String(read("index.html"), StandardCharsets.UTF_8).replace("{{TOKEN}}", tokenText);
        return secure(HttpResponse.create().withEntity(ContentTypes.TEXT_HTML_UTF8, html));
    }

    private HttpResponse resource(String name) {
        ContentType type = name.equals("app.js") ? ContentTypes.create(MediaTypes.APPLICATION_JAVASCRIPT,
                org.apache.pekko.http.javadsl.model.HttpCharsets.UTF_8)
                : name.equals("app.css") ? ContentTypes.create(MediaTypes.TEXT_CSS,
                org.apache.pekko.http.javadsl.model.HttpCharsets.UTF_8) : null;
        if (type == null) {
            return text(StatusCodes.NOT_FOUND, "No such file: " + name);
        }
        return secure(HttpResponse.create().withEntity(type, read(name)));
    }

    private static byte[] read(String name) {
        try (InputStream in = Server.class.getResourceAsStream(STATIC + name)) {
            if (in == null) {
                throw new IllegalStateException("the inspector's jar lacks " + STATIC + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    static Map<String, List<String>> params(HttpRequest request) {
        Map<String, List<String>> params = new LinkedHashMap<>();
        for (org.apache.pekko.japi.Pair<String, String> p : request.getUri().query().toList()) {
            params.computeIfAbsent(p.first(), k -> new java.util.ArrayList<>()).add(p.second());
        }
        return params;
    }

    private static Optional<String> first(Map<String, List<String>> params, String name) {
        List<String> v = params.get(name);
        return v == null || v.isEmpty() ? Optional.empty() : Optional.of(v.get(0));
    }

    private static String req(Map<String, List<String>> params, String name) {
        return first(params, name).orElseThrow(() -> new IllegalArgumentException("missing parameter " + name));
    }

    private static long number(Map<String, List<String>> params, String name, long absent) {
        Optional<String> v = first(params, name);
        if (v.isEmpty()) {
            if (absent < 0) {
                throw new IllegalArgumentException("missing parameter " + name);
            }
            return absent;
        }
        try {
            return Long.parseLong(v.get());
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("parameter " + name + " is not a number");
        }
    }
}
