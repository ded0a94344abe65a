package dev.atoll;

import dev.atoll.schema.Embedded;
import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;

import java.util.List;

/** A collection for filter and path tests: scalars, an embedded object, Lists of values and of embedded objects. */
@Entity
public class FDoc {
    @Id
    public long id;
    public String name;
    public int size;
    public Double weight;
    public FPart part;
    public List<String> tags;
    public List<FPart> parts;

    /** An embedded part. */
    @Embedded
    public static class FPart {
        public String label;
        public int rank;

        public FPart() {
        }

        FPart(String label, int rank) {
            this.label = label;
            this.rank = rank;
        }
    }

    public FDoc() {
    }

    FDoc(long id, String name, int size) {
        this.id = id;
        this.name = name;
        this.size = size;
    }
}
