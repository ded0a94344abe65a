package dev.atoll;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

import java.util.List;

/** A test collection with one index of each kind. */
@Entity
public class QDoc {
    @Id
    public long id;
    @Index
    public long at;
    @Index(unique = true, replace = true)
    public String key;
    @Index(caseSensitive = false, composite = {"at"})
    public String title;
    @Index(hash = true)
    public String code;
    @Index
    public List<String> tags;
    public int size;

    public QDoc() {
    }

    QDoc(long at, String key, String title, String code, List<String> tags, int size) {
        this.at = at;
        this.key = key;
        this.title = title;
        this.code = code;
        this.tags = tags;
        this.size = size;
    }
}
