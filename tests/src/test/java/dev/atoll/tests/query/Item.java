package dev.atoll.tests.query;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

import java.time.Instant;
import java.util.List;

/** An object with every kind of index and most property types, for query tests. */
@Entity
public class Item {
    @Id
    public long id;
    @Index
    public String name;
    @Index(caseSensitive = false)
    public String label;
    @Index
    public int score;
    @Index(composite = {"score"})
    public String group;
    @Index
    public Double weight;
    @Index
    public List<String> tags;
    @Index(hash = true)
    public String code;
    @Index(unique = true, replace = true)
    public String key;
    public long createdAt;
    public Color color;
    public Author author;
    public List<Integer> numbers;
    public boolean flag;
    public Instant when;
    public byte[] blob;

    public Item() {
    }

    @Override
    public String toString() {
        return "Item#" + id + "(" + name + ", " + score + ")";
    }
}
