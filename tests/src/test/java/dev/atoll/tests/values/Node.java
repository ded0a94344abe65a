package dev.atoll.tests.values;

import dev.atoll.schema.Embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** A tree node: an embedded class that contains itself. */
@Embedded
public class Node {
    public String name;
    public List<Node> children;
    public Node first;

    public Node() {
    }

    public Node(String name, Node... children) {
        this.name = name;
        this.children = new ArrayList<>(List.of(children));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Node n && Objects.equals(name, n.name) && Objects.equals(children, n.children)
                && Objects.equals(first, n.first);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, children, first);
    }

    @Override
    public String toString() {
        return name + (children == null ? "" : children.toString()) + (first == null ? "" : "^" + first);
    }
}
