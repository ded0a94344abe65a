package dev.atoll.testmodel;

import dev.atoll.schema.Embedded;

import java.util.Objects;

/** Contains its enclosing TreeNode again: a recursion two levels up. */
@Embedded
public class TreeBranch {
    public int weight;
    public TreeNode node;

    @Override
    public boolean equals(Object o) {
        return o instanceof TreeBranch b && weight == b.weight && Objects.equals(node, b.node);
    }

    @Override
    public int hashCode() {
        return weight;
    }

    @Override
    public String toString() {
        return "Branch[" + weight + ", " + node + "]";
    }
}
