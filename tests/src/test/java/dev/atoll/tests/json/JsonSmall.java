package dev.atoll.tests.json;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;

/** A small object (about 60 bytes of JSON), for {@link JsonMemoryTest}. */
@Entity
public class JsonSmall {
    @Id public long id;
    public int i;
    public double d;
    public String text;

    public JsonSmall() {
    }

    static JsonSmall of(int i) {
        JsonSmall s = new JsonSmall();
        s.i = i;
        s.d = i / 7.0;
        s.text = "small object " + i;
        return s;
    }
}
