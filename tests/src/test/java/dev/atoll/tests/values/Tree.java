package dev.atoll.tests.values;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;
import dev.atoll.schema.Index;

/** An entity holding a tree. */
@Entity
public class Tree {
    @Id
    public long id;
    @Index
    public String title;
    public Node root;

    public Tree() {
    }

    public Tree(String title, Node root) {
        this.title = title;
        this.root = root;
    }
}
