package dev.atoll.testmodel;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

import java.util.List;

/** A test entity with indexes of every kind. */
@Entity(name = "Indexed")
public class Indexed {
    @Id
    public Long id;
    @Index(unique = true, replace = true)
    public String uuid;
    @Index(caseSensitive = false, composite = {"age"})
    public String name;
    public int age;
    @Index
    public List<String> tags;
    @Index(hash = true, name = "hashedWords")
    public List<String> words;
    @Index(hash = true, caseSensitive = false)
    public String email;
    @Index
    public long score;
    @Index
    public Color color;
    @Index(composite = {"score", "name"})
    public List<Integer> codes;
    @Index
    public short level;
    @Index
    public byte tiny;
}
