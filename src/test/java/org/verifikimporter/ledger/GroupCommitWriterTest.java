package org.verifikimporter.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sql.DataSource;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sqlite.SQLiteDataSource;

/** The group commit on its own, on a plain SQLite file with one table that means nothing to the ledger. */
class GroupCommitWriterTest {

    /** So long that only a waiting write commits: what is queued stays queued until then. */
    static final long NO_FLUSHER = Duration.ofHours(1).toMillis();

    @TempDir
    Path dir;
    String url;
    SQLiteDataSource sqlite;
    GroupCommitWriter writer;

    @BeforeEach
    void createTable() throws SQLException {
        url = "jdbc:sqlite:" + dir.resolve("w.db");
        sqlite = new SQLiteDataSource();
        sqlite.setUrl(url);
        try (Connection c = sqlite.getConnection(); Statement st = c.createStatement()) {
            st.execute("CREATE TABLE t (k INTEGER PRIMARY KEY)");
        }
    }

    @AfterEach
    void close() {
        if (writer != null) {
            writer.close();
        }
    }

    static SqlWork<Integer> insert(int k) {
        return c -> {
            PreparedStatement ps = c.prepare("INSERT INTO t (k) VALUES (?)");
            ps.setInt(1, k);
            return ps.executeUpdate();
        };
    }

    static final SqlWork<List<Integer>> KEYS = c -> {
        List<Integer> keys = new ArrayList<>();
        try (ResultSet rs = c.prepare("SELECT k FROM t ORDER BY k").executeQuery()) {
            while (rs.next()) {
                keys.add(rs.getInt("k"));
            }
        }
        return keys;
    };

    /** What another connection finds committed in the file. */
    List<Integer> committed() throws SQLException {
        List<Integer> keys = new ArrayList<>();
        try (Connection c = DriverManager.getConnection(url); Statement st = c.createStatement();
             ResultSet rs = st.executeQuery("SELECT k FROM t ORDER BY k")) {
            while (rs.next()) {
                keys.add(rs.getInt("k"));
            }
        }
        return keys;
    }

    @Test
    void oneBadWriteInAGroupFailsAloneAndTheOthersOfTheGroupCommit() throws Exception {
        writer = new GroupCommitWriter(sqlite, NO_FLUSHER);
        writer.write(insert(1));
        CompletableFuture<Void> two = writer.enqueue(insert(2));
        CompletableFuture<Void> duplicate = writer.enqueue(insert(1));
        CompletableFuture<Void> three = writer.enqueue(insert(3));
        assertThat(committed()).as("queued, not committed yet").containsExactly(1);

        writer.flush(); // one group: 2, the duplicate, 3

        assertThat(two).isCompleted();
        assertThat(three).isCompleted();
        assertThat(duplicate).isCompletedExceptionally();
        assertThatThrownBy(duplicate::get).hasCauseInstanceOf(SQLException.class).hasMessageContaining("PRIMARY");
        assertThat(committed()).containsExactly(1, 2, 3);
    }

    @Test
    void aWriteNobodyWaitsForIsCommittedByTheFlusher() throws Exception {
        writer = new GroupCommitWriter(sqlite);
        CompletableFuture<Void> queued = writer.enqueue(insert(7));

        await().atMost(Duration.ofSeconds(5)).until(queued::isDone);

        assertThat(queued).isCompleted();
        assertThat(committed()).containsExactly(7);
    }

    @Test
    void aQueryAfterQueuedWritesSeesThemAndAReadDoesNotWaitForThem() {
        writer = new GroupCommitWriter(sqlite, NO_FLUSHER);
        writer.enqueue(insert(5));
        assertThat(writer.afterQueued("cannot count", KEYS)).containsExactly(5);

        writer.enqueue(insert(6));
        assertThat(writer.read(KEYS)).as("6 is still queued").containsExactly(5);
        writer.flush();
        assertThat(writer.read(KEYS)).containsExactly(5, 6);
    }

    @Test
    void afterTheConnectionDiesInACommitTheNextWriteWorksOnAFreshOne() throws Exception {
        AtomicInteger opened = new AtomicInteger();
        writer = new GroupCommitWriter(dataSource(opened), NO_FLUSHER);

        assertThatThrownBy(() -> writer.write(insert(1)))
                .isInstanceOf(LedgerException.class)
                .hasMessageStartingWith("cannot write the ledger: ");

        writer.write(insert(2));
        assertThat(opened).as("a second connection").hasValue(2);
        assertThat(committed()).containsExactly(2);
    }

    @Test
    void closeCommitsWhatIsQueuedAndTakesNoMoreWrites() throws Exception {
        writer = new GroupCommitWriter(sqlite, NO_FLUSHER);
        writer.enqueue(insert(9));

        writer.close();

        assertThat(committed()).containsExactly(9);
        assertThatThrownBy(() -> writer.enqueue(insert(10))).isInstanceOf(LedgerException.class)
                .hasMessage("the ledger is closed");
    }

    /** Its first connection dies in its first commit: closed under the writer's feet, as a lost server would be. */
    DataSource dataSource(AtomicInteger opened) {
        return (DataSource) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    Object result = invoke(sqlite, method, args);
                    if (method.getName().equals("getConnection") && opened.incrementAndGet() == 1) {
                        return dyingInCommit((Connection) result);
                    }
                    return result;
                });
    }

    static Connection dyingInCommit(Connection real) {
        return (Connection) Proxy.newProxyInstance(GroupCommitWriterTest.class.getClassLoader(),
                new Class<?>[] {Connection.class}, (proxy, method, args) -> {
                    if (method.getName().equals("commit")) {
                        real.close();
                        throw new SQLException("connection lost in commit");
                    }
                    return invoke(real, method, args);
                });
    }

    static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
