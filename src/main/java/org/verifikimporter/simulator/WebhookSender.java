package org.verifikimporter.simulator;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * POSTs each status change to the operator's URL as Verifik does, {@code {"type":"biometric_validation_<status>",
 * "object":{..}}}, off the request threads. A delivery that gets no 2xx answer is tried again after a growing pause,
 * {@value #ATTEMPTS} times in all, then counted as failed. The URL is never printed: its query may hold a secret.
 */
final class WebhookSender {

    static final int ATTEMPTS = 4;
    static final Duration FIRST_BACKOFF = Duration.ofMillis(100);
    private static final int THREADS = 2;

    private final URI url;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();
    private final ScheduledExecutorService executor = newExecutor();
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    WebhookSender(URI url) {
        this.url = url;
    }

    /** Queues the event of this change; returns at once. */
    void send(StatusTimeline.Change change) {
        ObjectNode event = Json.object().put("type", "biometric_validation_" + change.now().status());
        event.set("object", ResponseBodies.validationObject(change.validation(), change.now()));
        byte[] body = Json.bytes(event);
        run(() -> attempt(body, 1), 0);
    }

    long delivered() {
        return delivered.get();
    }

    long failed() {
        return failed.get();
    }

    void reset() {
        delivered.set(0);
        failed.set(0);
    }

    void stop() {
        executor.shutdownNow();
    }

    private void attempt(byte[] body, int attempt) {
        HttpRequest request = HttpRequest.newBuilder(url)
                .timeout(Duration.ofSeconds(5))
                .header("Content-Type", "application/json")
                .header("User-Agent", "verifik-simulator")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build();
        int status;
        try {
            status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            status = -1;
        } catch (InterruptedException e) {
            // the simulator is stopping: the event is not delivered, and not counted either way
            Thread.currentThread().interrupt();
            return;
        }
        if (status >= 200 && status <= 299) {
            delivered.incrementAndGet();
        } else if (attempt >= ATTEMPTS) {
            failed.incrementAndGet();
        } else {
            run(() -> attempt(body, attempt + 1), FIRST_BACKOFF.toMillis() << (attempt - 1));
        }
    }

    private void run(Runnable task, long delayMs) {
        try {
            executor.schedule(task, delayMs, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException stopped) {
            // the simulator stopped: nothing more goes out
        }
    }

    private static ScheduledExecutorService newExecutor() {
        AtomicInteger count = new AtomicInteger();
        ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "verifik-simulator-webhook-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        executor.setRemoveOnCancelPolicy(true);
        return executor;
    }
}
