package dev.atoll.bench.engines;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

/**
 * H2 (its MVStore engine) through JDBC with batched inserts. H2 has no setting that forces a commit to the
 * disk: a commit is written to the operating system, not synced, so its figures are for weaker durability.
 */
public final class H2Engine extends JdbcEngine {
    @Override
    public String name() {
        return "H2 (JDBC)";
    }

    @Override
    public String durability() {
        return "written at commit, no fsync (H2 has no fsync-at-commit setting)";
    }

    @Override
    protected Connection connect(Path dir) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:h2:file:" + dir.resolve("bench").toAbsolutePath()
                + ";WRITE_DELAY=0", "sa", "");
        c.setAutoCommit(false);
        return c;
    }
}
