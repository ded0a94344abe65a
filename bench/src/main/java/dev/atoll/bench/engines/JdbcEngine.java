package dev.atoll.bench.engines;

import dev.atoll.bench.model.NoteData;
import dev.atoll.bench.model.PostData;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A SQL database through JDBC, used as an application would map objects by hand: one table per class
 * ({@code words} as one space-separated column), batched prepared inserts in one transaction, reads by
 * {@code id IN (...)} in chunks of 500, updates as SELECT then batched UPDATE of every column, and the filters
 * as SQL (each found row is mapped to an object, as an application would).
 */
public abstract class JdbcEngine extends Engine {
    private static final int IN_CHUNK = 500;
    private static final String POST_COLUMNS = "id, title, words, word_count, avg_word_length, archived";
    protected Connection conn;
    protected Path dir;

    /** Opens the connection, sets it up, and leaves auto-commit off. */
    protected abstract Connection connect(Path dir) throws SQLException;

    /** The SQL that matches "words contain time or title contains a". */
    protected String wordsOrTitleSql() {
        return "(' ' || words || ' ') LIKE '% time %' OR title LIKE '%a%'";
    }

    @Override
    public void open(Path dir) throws SQLException {
        this.dir = dir;
        conn = connect(dir);
        try (Statement s = conn.createStatement()) {
            s.execute("CREATE TABLE post (id BIGINT PRIMARY KEY, title VARCHAR(1000), words VARCHAR(100000), "
                    + "word_count INT, avg_word_length DOUBLE, archived BOOLEAN)");
            s.execute("CREATE TABLE note (id BIGINT PRIMARY KEY, content VARCHAR(1000), created_at BIGINT, "
                    + "priority INT)");
        }
        conn.commit();
    }

    @Override
    @SuppressWarnings("unchecked")
    public long insertPosts(Object prepared) throws SQLException {
        List<PostData> list = (List<PostData>) prepared;
        try (PreparedStatement ps = conn.prepareStatement("INSERT INTO post (" + POST_COLUMNS
                + ") VALUES (?, ?, ?, ?, ?, ?)")) {
            for (PostData p : list) {
                ps.setLong(1, p.id());
                ps.setString(2, p.title());
                ps.setString(3, String.join(" ", p.words()));
                ps.setInt(4, p.wordCount());
                ps.setDouble(5, p.averageWordLength());
                ps.setBoolean(6, p.archived());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        conn.commit();
        return list.size();
    }

    private static PostData readPost(ResultSet rs) throws SQLException {
        String words = rs.getString(3);
        return new PostData(rs.getLong(1), rs.getString(2),
                words.isEmpty() ? List.of() : Arrays.asList(words.split(" ")), rs.getInt(4), rs.getDouble(5),
                rs.getBoolean(6));
    }

    private interface RowVisitor {
        void visit(ResultSet rs) throws SQLException;
    }

    private void byIds(String table, String columns, long[] ids, RowVisitor visitor) throws SQLException {
        for (int from = 0; from < ids.length; from += IN_CHUNK) {
            int n = Math.min(IN_CHUNK, ids.length - from);
            StringBuilder sql = new StringBuilder("SELECT ").append(columns).append(" FROM ").append(table)
                    .append(" WHERE id IN (");
            for (int i = 0; i < n; i++) {
                sql.append(i == 0 ? "?" : ",?");
            }
            sql.append(')');
            try (PreparedStatement ps = conn.prepareStatement(sql.toString())) {
                for (int i = 0; i < n; i++) {
                    ps.setLong(i + 1, ids[from + i]);
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        visitor.visit(rs);
                    }
                }
            }
        }
    }

    @Override
    public long getPosts(long[] ids) throws SQLException {
        long[] sum = {0};
        byIds("post", POST_COLUMNS, ids, rs -> sum[0] += readPost(rs).wordCount());
        conn.commit();
        return sum[0];
    }

    @Override
    public long deletePosts(long[] ids) throws SQLException {
        long n = 0;
        try (PreparedStatement ps = conn.prepareStatement("DELETE FROM post WHERE id = ?")) {
            for (long id : ids) {
                ps.setLong(1, id);
                ps.addBatch();
            }
            for (int c : ps.executeBatch()) {
                n += Math.max(c, 0);
            }
        }
        conn.commit();
        return n;
    }

    @Override
    public long updateArchived() throws SQLException {
        List<PostData> archived = new ArrayList<>();
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + POST_COLUMNS + " FROM post WHERE archived = TRUE")) {
            while (rs.next()) {
                archived.add(readPost(rs));
            }
        }
        try (PreparedStatement ps = conn.prepareStatement("UPDATE post SET title = ?, words = ?, word_count = ?, "
                + "avg_word_length = ?, archived = ? WHERE id = ?")) {
            for (PostData p : archived) {
                ps.setString(1, p.title());
                ps.setString(2, String.join(" ", p.words()));
                ps.setInt(3, p.wordCount() + 1);
                ps.setDouble(4, p.averageWordLength());
                ps.setBoolean(5, p.archived());
                ps.setLong(6, p.id());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        conn.commit();
        return archived.size();
    }

    @Override
    public long filterWordsOrTitle() throws SQLException {
        long sum = 0;
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + POST_COLUMNS + " FROM post WHERE " + wordsOrTitleSql())) {
            while (rs.next()) {
                sum += readPost(rs).id();
            }
        }
        conn.commit();
        return sum;
    }

    @Override
    public long filterArchivedSorted() throws SQLException {
        List<PostData> hits = new ArrayList<>();
        try (Statement s = conn.createStatement();
             ResultSet rs = s.executeQuery("SELECT " + POST_COLUMNS
                     + " FROM post WHERE archived = TRUE ORDER BY title")) {
            while (rs.next()) {
                hits.add(readPost(rs));
            }
        }
        conn.commit();
        long acc = hits.size();
        for (PostData p : hits) {
            acc = orderChecksum(acc, p.title());
        }
        return acc;
    }

    @Override
    @SuppressWarnings("unchecked")
    public long insertNotes(Object prepared) throws SQLException {
        List<NoteData> list = (List<NoteData>) prepared;
        try (PreparedStatement ps = conn.prepareStatement(
                "INSERT INTO note (id, content, created_at, priority) VALUES (?, ?, ?, ?)")) {
            for (NoteData n : list) {
                bindNote(ps, n);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        conn.commit();
        return list.size();
    }

    private static void bindNote(PreparedStatement ps, NoteData n) throws SQLException {
        ps.setLong(1, n.id());
        ps.setString(2, n.content());
        ps.setLong(3, n.createdAt());
        ps.setInt(4, n.priority());
    }

    @Override
    public long readNotes(long[] ids) throws SQLException {
        long[] sum = {0};
        byIds("note", "id, content, created_at, priority", ids, rs -> {
            NoteData n = new NoteData(rs.getLong(1), rs.getString(2), rs.getLong(3), rs.getInt(4));
            sum[0] += n.priority();
        });
        conn.commit();
        return sum[0];
    }

    private PreparedStatement single;

    @Override
    @SuppressWarnings("unchecked")
    public void putNoteAlone(Object prepared, int i) throws SQLException {
        if (single == null) {
            single = conn.prepareStatement("INSERT INTO note (id, content, created_at, priority) VALUES (?, ?, ?, ?)");
        }
        bindNote(single, ((List<NoteData>) prepared).get(i));
        single.executeUpdate();
        conn.commit();
    }

    @Override
    public long fileSize() {
        return folderSize(dir);
    }

    @Override
    public void close() throws SQLException {
        if (single != null) {
            single.close();
        }
        if (conn != null) {
            conn.close();
        }
    }
}
