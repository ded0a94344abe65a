package dev.atoll.internal.store;

import org.h2.mvstore.Cursor;
import org.h2.mvstore.MVMap;

import java.util.ArrayList;
import java.util.List;

/** What to put back when a batch fails halfway. */
final class Undo {
    private final List<Runnable> steps = new ArrayList<>();

    @SuppressWarnings({"unchecked", "rawtypes"})
    void record(MVMap map, Object key, Object previous) {
        steps.add(() -> {
            if (previous == null) {
                map.remove(key);
            } else {
                map.put(key, previous);
            }
        });
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    void clearing(MVMap map, long mvVersion) {
        MVMap before = map.openVersion(mvVersion);
        steps.add(() -> {
            map.clear();
            Cursor cursor = before.cursor(null);
            while (cursor.hasNext()) {
                Object key = cursor.next();
                map.put(key, cursor.getValue());
            }
        });
    }

    void run() {
        for (int i = steps.size() - 1; i >= 0; i--) {
            steps.get(i).run();
        }
    }
}
