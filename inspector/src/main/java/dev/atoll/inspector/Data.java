package dev.atoll.inspector;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.atoll.Atoll;
import dev.atoll.AtollCollection;
import dev.atoll.Query;
import dev.atoll.schema.CollectionSchema;
import dev.atoll.schema.IndexSchema;
import dev.atoll.schema.PropertySchema;
import dev.atoll.schema.PropertyType;
import org.apache.pekko.actor.typed.ActorSystem;

import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.function.Function;

/**
 * What the page's JSON endpoints answer, through the public API only: each call takes a fresh handle on the
 * named instance ({@link Atoll#getInstance}), reads in one read transaction (one snapshot, whose version it
 * reports), and closes the handle. Nothing here writes, except {@link #put} and {@link #delete}, which the
 * server calls only when editing is on.
 */
final class Data {
    /** The most objects one page of the table holds. */
    static final int MAX_LIMIT = 500;
    private static final JsonFactory JSON = new JsonFactory();

    private final ActorSystem<?> system;
    /** At rest: each instance's original file (the page reports it, not the private copy's). */
    private final Map<String, java.nio.file.Path> originals;

    Data(ActorSystem<?> system, Map<String, java.nio.file.Path> originals) {
        this.system = system;
        this.originals = originals;
    }

    /** A task that writes JSON. */
    interface JsonWriting {
        void write(JsonGenerator g) throws IOException;
    }

    static String json(JsonWriting body) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = JSON.createGenerator(out)) {
            body.write(g);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toString();
    }

    private Atoll handle(String instance) {
        if (instance == null) {
            throw new IllegalArgumentException("no instance named: add instance=NAME");
        }
        return Atoll.getInstance(system, instance)
                .orElseThrow(() -> new NoSuchElementException("no instance '" + instance + "' is open"));
    }

    /** Runs {@code body} on a handle of the open instance, and closes the handle. */
    private <R> R withHandle(String instance, Function<Atoll, R> body) {
        Atoll db = handle(instance);
        try {
            return body.apply(db);
        } finally {
            db.close();
        }
    }

    private static CollectionSchema schemaOf(Atoll db, String collection) {
        return db.schemas().stream().filter(s -> s.name().equals(collection)).findFirst()
                .orElseThrow(() -> new NoSuchElementException("instance '" + db.name() + "' has no collection '"
                        + collection + "'"));
    }

    /** Every open instance: name, directory, version, file size, and each collection's name and count. */
    String instances(boolean editing, boolean atRest) {
        return json(g -> {
            g.writeStartObject();
            g.writeBooleanField("editing", editing);
            g.writeBooleanField("atRest", atRest);
            g.writeArrayFieldStart("instances");
            for (String name : Atoll.openInstanceNames(system)) {
                Atoll db;
                try {
                    db = handle(name);
                } catch (NoSuchElementException closedMeanwhile) {
                    continue;
                }
                try {
                    long[] version = new long[1];
                    List<CollectionSchema> schemas = db.schemas();
                    long[] counts = db.txnSync(() -> {
                        version[0] = db.version();
                        long[] c = new long[schemas.size()];
                        for (int i = 0; i < c.length; i++) {
                            c[i] = db.collection(schemas.get(i).type()).count();
                        }
                        return c;
                    });
                    g.writeStartObject();
                    g.writeStringField("name", name);
                    java.nio.file.Path original = originals.get(name);
                    g.writeStringField("directory", original != null ? original.getParent().toString()
                            : db.directory().toString());
                    g.writeNumberField("version", version[0]);
                    g.writeNumberField("fileSize", original != null ? sizeOf(original) : db.fileSize());
                    g.writeArrayFieldStart("collections");
                    for (int i = 0; i < counts.length; i++) {
                        g.writeStartObject();
                        g.writeStringField("name", schemas.get(i).name());
                        g.writeNumberField("count", counts[i]);
                        g.writeEndObject();
                    }
                    g.writeEndArray();
                    g.writeEndObject();
                } finally {
                    db.close();
                }
            }
            g.writeEndArray();
            g.writeEndObject();
        });
    }

    private static long sizeOf(java.nio.file.Path file) {
        try {
            return java.nio.file.Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the size of " + file + ": " + e.getMessage(), e);
        }
    }

    /** A collection's schema: id property, properties (nested for embedded objects and lists), indexes. */
    String schema(String instance, String collection) {
        return withHandle(instance, db -> {
            CollectionSchema s = schemaOf(db, collection);
            return json(g -> {
                g.writeStartObject();
                g.writeStringField("name", s.name());
                g.writeStringField("idProperty", s.idProperty());
                g.writeStringField("class", s.type().getName());
                g.writeArrayFieldStart("properties");
                for (PropertySchema p : s.properties()) {
                    property(g, p);
                }
                g.writeEndArray();
                g.writeArrayFieldStart("indexes");
                for (IndexSchema i : s.indexes()) {
                    g.writeStartObject();
                    g.writeStringField("name", i.name());
                    g.writeArrayFieldStart("properties");
                    for (String p : i.properties()) {
                        g.writeString(p);
                    }
                    g.writeEndArray();
                    g.writeStringField("kind", indexKind(i));
                    g.writeEndObject();
                }
                g.writeEndArray();
                g.writeEndObject();
            });
        });
    }

    /** The kinds of an index, as words: value or hash, unique (replace), case-insensitive, multi-entry. */
    static String indexKind(IndexSchema i) {
        StringBuilder sb = new StringBuilder(i.hash() ? "hash" : "value");
        if (i.unique()) {
            sb.append(i.replace() ? ", unique (replace)" : ", unique");
        }
        if (!i.caseSensitive()) {
            sb.append(", case-insensitive");
        }
        if (i.multiEntry()) {
            sb.append(", multi-entry (list elements)");
        }
        if (i.properties().size() > 1) {
            sb.append(", composite");
        }
        return sb.toString();
    }

    private static void property(JsonGenerator g, PropertySchema p) throws IOException {
        g.writeStartObject();
        g.writeStringField("name", p.name());
        String type = p.typeDescription();
        if (p.typeName() != null) {
            type += " " + p.typeName();
        } else if (p.type() == PropertyType.LIST && p.element().typeName() != null) {
            type += " of " + p.element().typeName();
        }
        g.writeStringField("type", type);
        g.writeBooleanField("nullable", p.nullable());
        List<String> enumValues = p.type() == PropertyType.LIST ? p.element().enumValues() : p.enumValues();
        if (enumValues != null && !enumValues.isEmpty()) {
            g.writeArrayFieldStart("values");
            for (String v : enumValues) {
                g.writeString(v);
            }
            g.writeEndArray();
        }
        PropertySchema holder = p.type() == PropertyType.LIST ? p.element() : p;
        if (holder.type() == PropertyType.EMBEDDED) {
            g.writeArrayFieldStart("embedded");
            if (!holder.isRecursive()) {
                for (PropertySchema e : holder.embedded()) {
                    property(g, e);
                }
            }
            g.writeEndArray();
        }
        g.writeEndObject();
    }

    /**
     * One page of a query's results with the number of objects it finds in all, its {@code explain()} and
     * the version of the snapshot it read.
     */
    String objects(String instance, String collection, Map<String, List<String>> params, long offset, long limit) {
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("offset " + offset + " and limit " + limit + ": offset >= 0, limit 1 to "
                    + MAX_LIMIT);
        }
        return withHandle(instance, db -> {
            AtollCollection<?> c = db.collection(schemaOf(db, collection).type());
            Query<?> query = QuerySpec.of(params).build(c);
            Query<?> page = query.offset(offset).limit(limit);
            String[] text = new String[2];
            long[] numbers = new long[2];
            db.txnSync(() -> {
                numbers[0] = db.version();
                numbers[1] = query.count();
                text[0] = page.exportJson();
            });
            text[1] = page.explain();
            return json(g -> {
                g.writeStartObject();
                g.writeNumberField("version", numbers[0]);
                g.writeNumberField("total", numbers[1]);
                g.writeNumberField("offset", offset);
                g.writeNumberField("limit", limit);
                g.writeStringField("explain", text[1]);
                g.writeFieldName("objects");
                g.writeRawValue(text[0]);
                g.writeEndObject();
            });
        });
    }

    /** Every object a query finds, as {@code exportJson()} writes them. */
    String export(String instance, String collection, Map<String, List<String>> params) {
        return withHandle(instance, db -> {
            AtollCollection<?> c = db.collection(schemaOf(db, collection).type());
            return QuerySpec.of(params).build(c).exportJson();
        });
    }

    /** One object as JSON with the version read, or {@code "object": null} when absent. */
    String object(String instance, String collection, long id) {
        return withHandle(instance, db -> {
            CollectionSchema s = schemaOf(db, collection);
            AtollCollection<?> c = db.collection(s.type());
            long[] version = new long[1];
            String array = db.txnSync(() -> {
                version[0] = db.version();
                return c.query().where(dev.atoll.Where.equalTo(s.idProperty(), id)).exportJson();
            });
            String inner = array.trim();
            inner = inner.substring(1, inner.length() - 1).trim();
            String object = inner.isEmpty() ? "null" : inner;
            return json(g -> {
                g.writeStartObject();
                g.writeNumberField("version", version[0]);
                g.writeNumberField("id", id);
                g.writeFieldName("object");
                g.writeRawValue(object);
                g.writeEndObject();
            });
        });
    }

    /** Writes one object given as JSON (its id replaces that object) in one write transaction; returns its id. */
    long put(String instance, String collection, String objectJson) {
        return withHandle(instance, db -> {
            AtollCollection<?> c = db.collection(schemaOf(db, collection).type());
            String text = objectJson.trim();
            if (!text.startsWith("{")) {
                throw new IllegalArgumentException("an object is a JSON object: {...}");
            }
            return db.writeTxnSync(() -> {
                List<Long> ids = c.importJson("[" + text + "]");
                if (ids.size() != 1) {
                    throw new IllegalArgumentException("one object at a time: the text holds " + ids.size());
                }
                return ids.get(0);
            });
        });
    }

    /** Deletes one object in one write transaction; returns whether it was there. */
    boolean delete(String instance, String collection, long id) {
        return withHandle(instance, db -> {
            AtollCollection<?> c = db.collection(schemaOf(db, collection).type());
            return db.writeTxnSync(() -> c.delete(id));
        });
    }
}
