package dev.atoll.internal.codec;

import dev.atoll.schema.CollectionSchema;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Builds codecs with initial layouts for tests. */
final class TestCodecs {
    private TestCodecs() {
    }

    static Codecs of(Class<?>... types) {
        List<CollectionSchema> schemas = new ArrayList<>();
        Map<String, SchemaLayout> layouts = new HashMap<>();
        for (Class<?> t : types) {
            CollectionSchema s = CollectionSchema.of(t);
            schemas.add(s);
            layouts.put(s.name(), SchemaLayout.initial(s));
        }
        return Codecs.create(schemas, layouts);
    }
}
