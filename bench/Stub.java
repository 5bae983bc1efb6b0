import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The overhead scenario's server: answers every POST 200 with a created validation (a fresh id each time) and
 * does nothing else, so that what is measured is the client, not the server. wrk, the plain Camel route and
 * the importer all run against it in one invocation of bench/run.sh overhead.
 *
 * <pre>java -Dsun.net.httpserver.nodelay=true bench/Stub.java PORT_FILE</pre>
 * Listens on a free loopback port, written to PORT_FILE. {@code GET /_stub/stats} answers {"posts":N,"created":N};
 * {@code POST /_stub/reset} sets it to 0. TCP_NODELAY comes from sun.net.httpserver.nodelay (the JDK server
 * has no other switch for it): without it every answer waits for the client's delayed ACK.
 */
public final class Stub {

    private static final AtomicLong POSTS = new AtomicLong();

    public static void main(String[] args) throws IOException {
        if (!Boolean.getBoolean("sun.net.httpserver.nodelay")) {
            System.err.println("stub: run with -Dsun.net.httpserver.nodelay=true");
            System.exit(64);
        }
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 1024);
        server.setExecutor(Executors.newFixedThreadPool(Integer.getInteger("stub.threads", 4)));
        server.createContext("/", Stub::answer);
        server.start();
        String port = Integer.toString(server.getAddress().getPort());
        java.nio.file.Path file = java.nio.file.Path.of(args[0]);
        java.nio.file.Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        java.nio.file.Files.writeString(tmp, port);
        java.nio.file.Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        System.out.println("stub listening on http://127.0.0.1:" + port);
    }

    private static void answer(HttpExchange exchange) throws IOException {
        try (exchange; InputStream in = exchange.getRequestBody()) {
            in.transferTo(OutputStream.nullOutputStream());
            String path = exchange.getRequestURI().getPath();
            String method = exchange.getRequestMethod();
            byte[] body;
            if (path.equals("/_stub/stats")) {
                long n = POSTS.get();    // it creates whatever it is sent: created = posts
                body = ("{\"posts\":" + n + ",\"created\":" + n + "}").getBytes(StandardCharsets.US_ASCII);
            } else if (path.equals("/_stub/reset")) {
                POSTS.set(0);
                body = "{}".getBytes(StandardCharsets.US_ASCII);
            } else if (method.equals("POST")) {
                long n = POSTS.incrementAndGet();
                body = ("{\"data\":{\"_id\":\"stub" + n + "\",\"status\":\"pending\",\"url\":\"https://stub.invalid/v/"
                        + n + "\"}}").getBytes(StandardCharsets.US_ASCII);
            } else {
                body = "{\"data\":[]}".getBytes(StandardCharsets.US_ASCII);
            }
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
        }
    }
}
