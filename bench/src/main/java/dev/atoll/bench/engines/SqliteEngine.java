package dev.atoll.bench.engines;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * SQLite through the xerial JDBC driver, with {@code synchronous = FULL} (fsync at every commit), in WAL or
 * in the default rollback journal ({@code DELETE}).
 */
public final class SqliteEngine extends JdbcEngine {
    private final boolean wal;

    /** A SQLite engine in WAL mode ({@code true}) or the default journal. */
    public SqliteEngine(boolean wal) {
        this.wal = wal;
    }

    /** The driver's version. */
    public static String version() {
        return org.sqlite.SQLiteJDBCLoader.getVersion();
    }

    @Override
    public String name() {
        return wal ? "SQLite (WAL)" : "SQLite (journal)";
    }

    @Override
    public String durability() {
        return "fsync at commit (synchronous = FULL)";
    }

    @Override
    protected Connection connect(Path dir) throws SQLException {
        Connection c = DriverManager.getConnection("jdbc:sqlite:" + dir.resolve("bench.sqlite"));
        try (Statement s = c.createStatement()) {
            s.execute("PRAGMA journal_mode = " + (wal ? "WAL" : "DELETE"));
            s.execute("PRAGMA synchronous = FULL");
        }
        c.setAutoCommit(false);
        return c;
    }
}
