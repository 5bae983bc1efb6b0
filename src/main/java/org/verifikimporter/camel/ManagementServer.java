package org.verifikimporter.camel;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.function.BiConsumer;
import org.apache.camel.CamelContext;
import org.apache.camel.CamelContextAware;
import org.apache.camel.component.micrometer.MicrometerConstants;
import org.apache.camel.health.HealthCheck;
import org.verifikimporter.camel.health.InboxHealthCheck;
import org.verifikimporter.camel.health.LedgerHealthCheck;
import org.verifikimporter.config.ImporterSettings;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.metrics.ImporterMetrics;

/**
 * Camel's embedded management server (camel-platform-http-main, {@code camel.management.*}) as the importer
 * uses it: liveness and readiness probes and a Prometheus scrape for {@code watch}, on a port of its own. Camel
 * Main starts it when {@code camel.management.enabled} is true (false in the built-in file: no mode starts it
 * unless the operator asks). This class decides what follows from those switches and hands the server what it
 * serves: the importer's readiness checks and the registry of its meters.
 */
public final class ManagementServer {

    static final String ENABLED = "camel.management.enabled";
    static final String HOST = "camel.management.host";
    static final String PORT = "camel.management.port";
    static final String HEALTH = "camel.management.health-check-enabled";
    static final String METRICS = "camel.management.metrics-enabled";
    static final String CAMEL_METRICS = "camel.metrics.enabled";
    static final String CAMEL_HEALTH = "camel.health.enabled";

    private final List<HealthCheck> checks = new ArrayList<>();

    private ManagementServer() {
    }

    /** {@code /observe/metrics} will be served: the importer's meters are worth counting. */
    public static boolean servesMetrics(ImporterSettings settings) {
        return on(settings, ENABLED) && on(settings, METRICS);
    }

    /** {@code /observe/health} (and its {@code /live}, {@code /ready}) will be served. */
    public static boolean servesHealth(ImporterSettings settings) {
        return on(settings, ENABLED) && on(settings, HEALTH);
    }

    /**
     * Before Camel starts: {@code watch} with a webhook secret serves {@code POST /webhooks/verifik} on this
     * server, which must then be on. Turning it on unasked would open health and metrics on a port the operator
     * did not choose; a line saying what to set is shorter to act on.
     *
     * @throws IllegalStateException naming the setting
     */
    static void requireWebhookServer(ImporterSettings settings, ImporterEngine.Mode mode) {
        if (mode == ImporterEngine.Mode.WATCH && settings.webhookOn() && !on(settings, ENABLED)) {
            throw new IllegalStateException("importer.webhook.secret is set, and the webhook receiver is served by "
                    + "Camel's management server, which is off: set " + ENABLED + "=true ("
                    + ImporterSettings.envName(ENABLED) + "), or leave the secret empty");
        }
    }

    private static boolean on(ImporterSettings settings, String key) {
        return settings.get(key).strip().toLowerCase(Locale.ROOT).equals("true");
    }

    /**
     * Before Camel starts: the server's port can be opened. Camel 4.17 only logs a failed bind and runs on
     * without its endpoints, which would leave {@code watch} importing with probes that can never answer.
     *
     * @throws IllegalStateException naming the port and the setting to change
     */
    static void requirePortFree(ImporterSettings settings) {
        if (!on(settings, ENABLED)) {
            return;
        }
        String host = settings.get(HOST).isBlank() ? "0.0.0.0" : settings.get(HOST).strip();
        int port;
        try {
            port = Integer.parseInt(settings.get(PORT).strip());
        } catch (NumberFormatException e) {
            return; // Camel refuses it with its own message
        }
        if (port == 0) {
            return; // any free port
        }
        try (ServerSocket probe = new ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new IllegalStateException("the management server cannot listen on " + host + ":" + port + " ("
                    + e.getMessage() + "); set " + PORT + " (" + ImporterSettings.envName(PORT) + ") to a free port");
        }
    }

    /**
     * Camel's own metrics and health registry follow the server's switches, unless the operator set them:
     * one switch for the operator, and nothing of either (no meter registry, no route policy, no health
     * registry) in a run that serves neither.
     */
    static void camelProperties(ImporterSettings settings, Properties p) {
        if (settings.get(CAMEL_METRICS).isBlank()) {
            p.put(CAMEL_METRICS, Boolean.toString(servesMetrics(settings)));
        }
        if (settings.get(CAMEL_HEALTH).isBlank()) {
            p.put(CAMEL_HEALTH, Boolean.toString(servesHealth(settings)));
        }
    }

    /**
     * Binds what the endpoints serve. Camel's scraper (camel-micrometer-prometheus) serves the registry it finds
     * under {@link MicrometerConstants#METRICS_REGISTRY_NAME}, Camel's routes' meters beside the importer's;
     * Camel's health registry finds the checks by type, beside its own (context: liveness and readiness; routes
     * and consumers: readiness).
     *
     * @param ledger null when nothing is sent (validate): no ledger to check
     */
    static ManagementServer bind(ImporterSettings settings, ImporterEngine.Mode mode, Ledger ledger,
                                 ImporterMetrics metrics, BiConsumer<String, Object> registry) {
        ManagementServer server = new ManagementServer();
        if (metrics.on()) {
            registry.accept(MicrometerConstants.METRICS_REGISTRY_NAME, metrics.registry());
        }
        if (servesHealth(settings)) {
            if (mode != ImporterEngine.Mode.VALIDATE) {
                server.checks.add(new InboxHealthCheck(settings.inbox()));
            }
            if (ledger != null) {
                server.checks.add(new LedgerHealthCheck(ledger));
            }
            server.checks.forEach(check -> registry.accept("importer-" + check.getId() + "-health-check", check));
        }
        return server;
    }

    /** Before Camel starts: checks found in the registry are not handed the context by Camel itself. */
    void attach(CamelContext camel) {
        checks.forEach(check -> CamelContextAware.trySetCamelContext(check, camel));
    }
}
