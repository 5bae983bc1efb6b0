package org.verifikimporter.simulator;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * A local stand-in for {@code POST/GET https://api.verifik.co/v2/biometric-validations}, with switchable faults.
 * It records every request and every validation it creates so tests can check what a client really did.
 *
 * <pre>{@code
 * try (VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token("t").build()).start()) {
 *     String baseUrl = sim.baseUrl();
 *     ...
 *     assertThat(sim.validations()).hasSize(3);
 * }
 * }</pre>
 *
 * <p>Besides the API it answers {@code GET /_simulator/requests} (the request log, credentials redacted) and
 * {@code GET /_simulator/stats} without authentication, for tools that watch a simulator in another process, and
 * {@code GET /_simulator/validations}: every validation's {@code _id}, {@code identifier} and current {@code status}.
 *
 * <p>With {@link StatusOptions} switched on, validations change status over time, {@code GET
 * /v2/biometric-validations/{id}} and the list show the change, and each change can be POSTed to a webhook URL.
 */
public final class VerifikSimulator implements AutoCloseable {

    static final int HANDLER_THREADS = 64;

    static {
        // The JDK server writes headers and body separately; without TCP_NODELAY each answer waits ~40 ms for a
        // delayed ACK. The server reads this property once, when its first instance is made in the JVM.
        System.setProperty("sun.net.httpserver.nodelay", "true");
    }

    private final SimulatorOptions options;
    private final SimulatorState state = new SimulatorState();
    private final FaultInjector faults;
    private final Gateway gateway;
    /** Null when no webhook URL is set. */
    private final WebhookSender webhook;
    private final StatusTimeline timeline;
    private HttpServer server;
    private ExecutorService executor;
    private boolean stopped;

    public VerifikSimulator(SimulatorOptions options) {
        this(options, System::nanoTime);
    }

    /** For tests that step the gateway's clock by hand instead of waiting. */
    VerifikSimulator(SimulatorOptions options, LongSupplier nanoClock) {
        this.options = options;
        this.faults = new FaultInjector(options);
        this.gateway = new Gateway(options, nanoClock);
        URI webhookUrl = options.statuses().webhookUrl();
        this.webhook = webhookUrl == null ? null : new WebhookSender(webhookUrl);
        this.timeline = new StatusTimeline(options.statuses(), webhook == null ? change -> { } : webhook::send);
    }

    /** Binds the port and starts answering. */
    public synchronized VerifikSimulator start() {
        if (server != null || stopped) {
            throw new IllegalStateException("a simulator can be started only once");
        }
        HttpServer created;
        try {
            created = HttpServer.create(new InetSocketAddress(options.host(), options.port()), 0);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on " + options.host() + ":" + options.port(), e);
        }
        executor = newExecutor();
        created.setExecutor(executor);
        created.createContext("/", new ExchangeHandler(new Router(options, faults, gateway, state, timeline, webhook), state));
        created.start();
        server = created;
        return this;
    }

    /** Stops at once: answers still waiting on an injected delay are dropped. Safe to call more than once. */
    public synchronized void stop() {
        stopped = true;
        timeline.stop();
        if (webhook != null) {
            webhook.stop();
        }
        if (server == null) {
            return;
        }
        server.stop(0);
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        server = null;
    }

    @Override
    public void close() {
        stop();
    }

    /** The port actually bound, which differs from the option when that was 0. */
    public synchronized int port() {
        if (server == null) {
            throw new IllegalStateException("simulator is not running");
        }
        return server.getAddress().getPort();
    }

    /** {@code http://host:port}, without a trailing slash; the API paths start with {@code /v2/}. */
    public String baseUrl() {
        String host = options.host().contains(":") ? "[" + options.host() + "]" : options.host();
        return "http://" + host + ":" + port();
    }

    public SimulatorOptions options() {
        return options;
    }

    /** Every request so far, in arrival order, each with the status it was answered (-1 when dropped). */
    public List<RecordedRequest> requests() {
        return state.requests();
    }

    /** Every validation created so far, in creation order. */
    public List<CreatedValidation> validations() {
        return state.validations();
    }

    /** How many validations were created for each identifier; more than one means a duplicate send. */
    public Map<String, Long> createdCountByIdentifier() {
        return state.createdCountByIdentifier();
    }

    public SimulatorStats stats() {
        return state.stats(gateway, timeline, webhook);
    }

    /**
     * Every validation in creation order with its status now, as {@code GET /_simulator/validations} shows it. With
     * {@link StatusOptions} off every one is {@code new}.
     */
    public List<SimulatedStatus> statuses() {
        List<CreatedValidation> all = state.validations();
        Map<String, StatusTimeline.Snapshot> now = timeline.statusesOf(all);
        return all.stream()
                .map(v -> new SimulatedStatus(v.id(), v.identifier(), now.get(v.id()).status(),
                        now.get(v.id()).changedAt()))
                .toList();
    }

    /**
     * The status a validation created now for this identifier ends in, with a create that gives no
     * {@code expiresAt}: what a test expects to read once the settle time has passed.
     */
    public String fateOf(String identifier) {
        return options.statuses().evolving() ? options.statuses().fateOf(identifier) : StatusOptions.NEW;
    }

    /** Forgets requests and validations, gives the token its full number of calls again and empties the gateway. */
    public void reset() {
        state.clear();
        timeline.clear();
        if (webhook != null) {
            webhook.reset();
        }
        faults.reset();
        gateway.reset();
    }

    private static ExecutorService newExecutor() {
        AtomicInteger count = new AtomicInteger();
        ThreadFactory threads = runnable -> {
            Thread thread = new Thread(runnable, "verifik-simulator-" + count.incrementAndGet());
            // A test that forgets stop() should not keep the JVM alive.
            thread.setDaemon(true);
            return thread;
        };
        ThreadPoolExecutor executor = new ThreadPoolExecutor(HANDLER_THREADS, HANDLER_THREADS, 30, TimeUnit.SECONDS,
                new LinkedBlockingQueue<>(), threads);
        executor.allowCoreThreadTimeOut(true);
        return executor;
    }
}
