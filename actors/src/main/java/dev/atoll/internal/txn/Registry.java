package dev.atoll.internal.txn;

import dev.atoll.AtollException;
import dev.atoll.InvalidSchemaException;
import dev.atoll.SchemaMismatchException;

import dev.atoll.AtollOptions;

import dev.atoll.schema.CollectionSchema;
import dev.atoll.internal.store.InstanceNames;
import org.apache.pekko.actor.typed.ActorSystem;
import org.apache.pekko.actor.typed.Extension;
import org.apache.pekko.actor.typed.ExtensionId;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Internal: the open instances of one actor system, by name. The first open of a name opens the
 * file; later opens get a handle on the same instance; the last close closes it.
 */
public final class Registry implements Extension {
    private static final ExtensionId<Registry> ID = new ExtensionId<>() {
        @Override
        public Registry createExtension(ActorSystem<?> system) {
            return new Registry(system);
        }
    };

    private final ActorSystem<?> system;
    private final Map<String, Instance> open = new HashMap<>();

    private Registry(ActorSystem<?> system) {
        this.system = system;
    }

    public static Registry get(ActorSystem<?> system) {
        return ID.apply(system);
    }

    /**
     * The open instance of that name, or the instance opened now; counts one more handle.
     *
     * @param options the options, or null to join an open instance whatever its options (and to open
     *     with the defaults)
     * @throws SchemaMismatchException when the instance is open with other schemas
     * @throws AtollException when the instance is open with other options
     */
    public synchronized Instance acquire(List<Class<?>> classes, Path directory, String name, AtollOptions options) {
        InstanceNames.check(name);
        List<CollectionSchema> schemas = schemasOf(classes);
        Path dir = directory.toAbsolutePath().normalize();
        Instance instance = open.get(name);
        if (instance == null) {
            instance = Instance.open(system, schemas, dir, name,
                    options == null ? AtollOptions.defaults() : options);
            open.put(name, instance);
        } else {
            if (!instance.directory.equals(dir)) {
                throw new AtollException("instance '" + name + "' is open in " + instance.directory
                        + "; it cannot be opened in " + dir + " at the same time");
            }
            checkSame(name, instance.schemas, schemas);
            if (options != null) {
                Optional<String> difference = options.differenceFrom(instance.options);
                if (difference.isPresent()) {
                    throw new AtollException("instance '" + name + "' is open with other options ("
                            + difference.get() + "); open it with the same options, or without options");
                }
            }
        }
        instance.handles++;
        return instance;
    }

    public synchronized Optional<Instance> acquireExisting(String name) {
        InstanceNames.check(name);
        Instance instance = open.get(name);
        if (instance == null) {
            return Optional.empty();
        }
        instance.handles++;
        return Optional.of(instance);
    }

    public synchronized Optional<Instance> peek(String name) {
        InstanceNames.check(name);
        return Optional.ofNullable(open.get(name));
    }

    /** The names of the open instances, sorted. */
    public synchronized List<String> names() {
        List<String> names = new ArrayList<>(open.keySet());
        java.util.Collections.sort(names);
        return names;
    }

    /** Counts one handle less; closes the instance when it was the last. Returns whether it closed. */
    public synchronized boolean release(Instance instance, boolean deleteFiles) {
        if (--instance.handles > 0) {
            return false;
        }
        open.remove(instance.name);
        instance.shutdown(deleteFiles);
        return true;
    }

    private static List<CollectionSchema> schemasOf(List<Class<?>> classes) {
        if (classes == null || classes.isEmpty()) {
            throw new IllegalArgumentException("open needs at least one collection class");
        }
        List<CollectionSchema> schemas = new ArrayList<>();
        Map<String, Class<?>> byName = new HashMap<>();
        for (Class<?> type : classes) {
            CollectionSchema schema = CollectionSchema.of(type);
            Class<?> other = byName.put(schema.name(), type);
            if (other != null) {
                throw new InvalidSchemaException("classes " + other.getName() + " and " + type.getName()
                        + " both map to collection '" + schema.name() + "'");
            }
            schemas.add(schema);
        }
        return schemas;
    }

    private static void checkSame(String name, List<CollectionSchema> open, List<CollectionSchema> given) {
        Map<String, CollectionSchema> openByName = new HashMap<>();
        open.forEach(s -> openByName.put(s.name(), s));
        Set<String> givenNames = new HashSet<>();
        for (CollectionSchema schema : given) {
            givenNames.add(schema.name());
            CollectionSchema existing = openByName.get(schema.name());
            if (existing == null) {
                throw new SchemaMismatchException("instance '" + name + "' is open without collection '"
                        + schema.name() + "'; open it with the same classes as the open instance "
                        + openByName.keySet());
            }
            Optional<String> difference = schema.differenceFrom(existing);
            if (difference.isPresent()) {
                throw new SchemaMismatchException("instance '" + name + "': " + difference.get());
            }
        }
        for (String collection : openByName.keySet()) {
            if (!givenNames.contains(collection)) {
                throw new SchemaMismatchException("instance '" + name + "' is open with collection '"
                        + collection + "', which is missing here; open it with the same classes "
                        + openByName.keySet());
            }
        }
    }
}
