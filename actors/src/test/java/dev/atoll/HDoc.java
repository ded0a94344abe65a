package dev.atoll;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

/** A collection whose only index is a composite hash index: its leading property cannot serve a where clause. */
@Entity
public class HDoc {
    @Id
    public long id;
    @Index(hash = true, composite = {"b"})
    public String a;
    public int b;

    public HDoc() {
    }
}
