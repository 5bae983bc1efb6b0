package org.verifikimporter.simulator;

import java.util.Objects;

/**
 * Immutable settings of a {@link VerifikSimulator}: who may call it, how it answers, and which faults it injects.
 * Every fault is off by default, so {@link #defaults()} behaves like a healthy API.
 *
 * <p>The canonical constructor validates everything, so an instance is always usable; build one with
 * {@link #builder()}.
 */
public record SimulatorOptions(
        String token,
        int port,
        String host,
        boolean shapeA,
        int successStatus,
        ProjectCatalog catalog,
        long latencyMs,
        long latencyJitterMs,
        int rateLimitPerSecond,
        Integer rateLimitRetryAfter,
        int gatewayRate,
        int gatewayBurst,
        double serverErrorRate,
        double dropRate,
        double slowAfterRecordRate,
        long slowAfterRecordMs,
        int tokenExpiresAfterCalls,
        long seed,
        StatusOptions statuses) {

    public static final String DEFAULT_HOST = "127.0.0.1";
    public static final String DEFAULT_TOKEN = "sim-token";
    /** Fixed rather than random so that a sequential run with faults switched on is reproducible. */
    public static final long DEFAULT_SEED = 20240912L;

    public SimulatorOptions {
        if (token == null || token.isBlank()) {
            throw new IllegalArgumentException("token is required and must not be blank");
        }
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("port must be between 0 and 65535, got " + port);
        }
        if (host == null || host.isBlank()) {
            throw new IllegalArgumentException("host must not be blank");
        }
        if (!isUsableSuccessStatus(successStatus)) {
            throw new IllegalArgumentException(
                    "successStatus must be a 2xx status that carries a body (e.g. 200 or 201), got " + successStatus);
        }
        Objects.requireNonNull(catalog, "catalog");
        requireNotNegative("latencyMs", latencyMs);
        requireNotNegative("latencyJitterMs", latencyJitterMs);
        requireNotNegative("rateLimitPerSecond", rateLimitPerSecond);
        if (rateLimitRetryAfter != null) {
            requireNotNegative("rateLimitRetryAfter", rateLimitRetryAfter);
        }
        requireNotNegative("gatewayRate", gatewayRate);
        requireNotNegative("gatewayBurst", gatewayBurst);
        requireRate("serverErrorRate", serverErrorRate);
        requireRate("dropRate", dropRate);
        requireRate("slowAfterRecordRate", slowAfterRecordRate);
        requireNotNegative("slowAfterRecordMs", slowAfterRecordMs);
        requireNotNegative("tokenExpiresAfterCalls", tokenExpiresAfterCalls);
        Objects.requireNonNull(statuses, "statuses");
    }

    /** A healthy simulator on a free port that accepts the bearer token {@value #DEFAULT_TOKEN}. */
    public static SimulatorOptions defaults() {
        return builder().token(DEFAULT_TOKEN).build();
    }

    public static SimulatorOptionsBuilder builder() {
        return new SimulatorOptionsBuilder();
    }

    public SimulatorOptionsBuilder toBuilder() {
        return new SimulatorOptionsBuilder()
                .token(token).port(port).host(host).shapeA(shapeA).successStatus(successStatus).catalog(catalog)
                .latencyMs(latencyMs).latencyJitterMs(latencyJitterMs)
                .rateLimitPerSecond(rateLimitPerSecond).rateLimitRetryAfter(rateLimitRetryAfter)
                .gatewayRate(gatewayRate).gatewayBurst(gatewayBurst)
                .serverErrorRate(serverErrorRate).dropRate(dropRate)
                .slowAfterRecordRate(slowAfterRecordRate).slowAfterRecordMs(slowAfterRecordMs)
                .tokenExpiresAfterCalls(tokenExpiresAfterCalls).seed(seed).statuses(statuses);
    }

    /** Redacts the token: options end up in test failure messages and logs. */
    @Override
    public String toString() {
        return "SimulatorOptions[token=<redacted>, port=" + port + ", host=" + host + ", shapeA=" + shapeA
                + ", successStatus=" + successStatus + ", catalog=" + catalog
                + ", latencyMs=" + latencyMs + ", latencyJitterMs=" + latencyJitterMs
                + ", rateLimitPerSecond=" + rateLimitPerSecond + ", rateLimitRetryAfter=" + rateLimitRetryAfter
                + ", gatewayRate=" + gatewayRate + ", gatewayBurst=" + gatewayBurst
                + ", serverErrorRate=" + serverErrorRate + ", dropRate=" + dropRate
                + ", slowAfterRecordRate=" + slowAfterRecordRate + ", slowAfterRecordMs=" + slowAfterRecordMs
                + ", tokenExpiresAfterCalls=" + tokenExpiresAfterCalls + ", seed=" + seed + ", statuses=" + statuses + "]";
    }

    /** Any 2xx but 204 and 205, which carry no body, so a client could not read the created validation. */
    public static boolean isUsableSuccessStatus(int status) {
        return status >= 200 && status <= 299 && status != 204 && status != 205;
    }

    private static void requireNotNegative(String name, long value) {
        if (value < 0) {
            throw new IllegalArgumentException(name + " must not be negative, got " + value);
        }
    }

    private static void requireRate(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
        }
    }
}
