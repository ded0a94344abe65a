package dev.atoll.testmodel;

import dev.atoll.schema.Entity;
import dev.atoll.schema.Id;

import java.util.List;

/** An entity holding trees. */
@Entity(name = "Forest")
public class Forest {
    @Id
    public long id;
    public String title;
    public TreeNode root;
    public List<TreeNode> more;
}
