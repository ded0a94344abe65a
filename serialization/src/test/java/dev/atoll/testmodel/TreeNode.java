package dev.atoll.testmodel;

import dev.atoll.schema.Embedded;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** An embedded class that contains itself: a tree. */
@Embedded
public class TreeNode {
    public String name;
    public List<TreeNode> children;
    public TreeNode first;
    public TreeBranch branch;

    public TreeNode() {
    }

    public TreeNode(String name, TreeNode... children) {
        this.name = name;
        this.children = new ArrayList<>(List.of(children));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TreeNode n && Objects.equals(name, n.name) && Objects.equals(children, n.children)
            && Objects.equals(first, n.first) && Objects.equals(branch, n.branch);
    }

    @Override
    public int hashCode() {
        return Objects.hash(name, children);
    }

    @Override
    public String toString() {
        return name + children + (first == null ? "" : "first=" + first) + (branch == null ? "" : "branch=" + branch);
    }
}
