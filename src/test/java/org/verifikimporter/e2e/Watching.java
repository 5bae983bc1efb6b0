package org.verifikimporter.e2e;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.verifikimporter.camel.ImporterEngine;
import org.verifikimporter.config.ImporterSettings;
import org.verifikimporter.job.RunResults;

/**
 * The importer's {@code watch}, in this process on a thread of its own, with Camel's management server on a
 * free port of 127.0.0.1; {@link #close} stops it as SIGTERM would. Folders live under {@code root}, as with
 * {@link ImporterHarness}.
 */
final class Watching implements AutoCloseable {

    final Path inbox;
    final Path outbox;
    final Path archive;
    final int managementPort;
    private final Map<String, String> settings = new LinkedHashMap<>();
    private final Map<String, String> env = new LinkedHashMap<>();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private ImporterEngine engine;
    private CompletableFuture<RunResults> done;

    Watching(Path root, String baseUrl, String token) {
        inbox = root.resolve("inbox");
        outbox = root.resolve("outbox");
        archive = root.resolve("archive");
        managementPort = freePort();
        env.put("VERIFIK_TOKEN", token);
        set("verifik.base-url", baseUrl);
        set("importer.inbox", inbox.toString());
        set("importer.outbox", outbox.toString());
        set("importer.archive", archive.toString());
        set("importer.rejected", root.resolve("rejected").toString());
        set("importer.state", root.resolve("state").toString());
        set("importer.file-min-age", "0");
        set("importer.poll-interval", "1");
        set("importer.reconcile-grace", "0");
        set("camel.management.enabled", "true");
        set("camel.management.host", "127.0.0.1");
        set("camel.management.port", Integer.toString(managementPort));
    }

    Watching set(String key, String value) {
        settings.put(key, value);
        return this;
    }

    Watching env(String key, String value) {
        env.put(key, value);
        return this;
    }

    /** Starts watch and returns once the management server answers. */
    Watching start() {
        ImporterSettings s = ImporterSettings.builder().env(env).override(settings).build();
        engine = new ImporterEngine(s, Clock.systemUTC());
        done = CompletableFuture.supplyAsync(() -> {
            try {
                return engine.run(ImporterEngine.Mode.WATCH);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        await().atMost(Duration.ofSeconds(90)).until(() -> done.isDone() || answers("/observe/health/live"));
        if (done.isDone()) {
            done.join(); // rethrows why watch did not start
            throw new IllegalStateException("watch ended before its management server answered");
        }
        return this;
    }

    private boolean answers(String path) {
        try {
            get(path);
            return true;
        } catch (UncheckedIOException e) {
            return false;
        }
    }

    HttpResponse<String> get(String path) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort + path))
                    .timeout(Duration.ofSeconds(30)).GET().build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A POST to the management server, with headers given as name, value, name, value... */
    HttpResponse<String> post(String pathAndQuery, byte[] body, String... headers) {
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + managementPort
                    + pathAndQuery)).timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
            for (int i = 0; i + 1 < headers.length; i += 2) {
                b.header(headers[i], headers[i + 1]);
            }
            return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Stops watch as SIGTERM does and returns its results. */
    RunResults stop() throws Exception {
        engine.stop();
        return done.get(60, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        if (done != null && !done.isDone()) {
            stop();
        }
    }

    static int freePort() {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
