package org.verifikimporter.simulator;

import java.net.URI;
import java.time.Duration;
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

    public static Builder builder() {
        return new Builder();
    }

    public Builder toBuilder() {
        return new Builder()
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

    public static final class Builder {
        private String token;
        private int port;
        private String host = DEFAULT_HOST;
        private boolean shapeA;
        private int successStatus = 200;
        private ProjectCatalog catalog = ProjectCatalog.demo();
        private long latencyMs;
        private long latencyJitterMs;
        private int rateLimitPerSecond;
        private Integer rateLimitRetryAfter;
        private int gatewayRate;
        private int gatewayBurst;
        private double serverErrorRate;
        private double dropRate;
        private double slowAfterRecordRate;
        private long slowAfterRecordMs;
        private int tokenExpiresAfterCalls;
        private long seed = DEFAULT_SEED;
        private double completeShare;
        private double failShare;
        private double expireShare;
        private Duration settleAfter = Duration.ZERO;
        private Duration expireAfter;
        private URI webhookUrl;

        private Builder() {
        }

        /** The bearer token callers must send as {@code Authorization: Bearer <token>}. Required. */
        public Builder token(String token) {
            this.token = token;
            return this;
        }

        /** 0 picks a free port; read it back with {@link VerifikSimulator#port()}. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** Answer a create with {@code {"success":true,"data":{..}}} instead of the livenessSession shape. */
        public Builder shapeA(boolean shapeA) {
            this.shapeA = shapeA;
            return this;
        }

        public Builder successStatus(int successStatus) {
            this.successStatus = successStatus;
            return this;
        }

        public Builder catalog(ProjectCatalog catalog) {
            this.catalog = catalog;
            return this;
        }

        /** Every API call waits this long before it is handled. */
        public Builder latencyMs(long latencyMs) {
            this.latencyMs = latencyMs;
            return this;
        }

        /** Adds a uniform random 0..jitter ms on top of {@link #latencyMs(long)}. */
        public Builder latencyJitterMs(long latencyJitterMs) {
            this.latencyJitterMs = latencyJitterMs;
            return this;
        }

        /** More than this many POSTs in any sliding second get 429; 0 switches the limit off. */
        public Builder rateLimitPerSecond(int rateLimitPerSecond) {
            this.rateLimitPerSecond = rateLimitPerSecond;
            return this;
        }

        /** Seconds sent in {@code Retry-After} with a 429; null sends the 429 without the header. */
        public Builder rateLimitRetryAfter(Integer rateLimitRetryAfter) {
            this.rateLimitRetryAfter = rateLimitRetryAfter;
            return this;
        }

        /**
         * Puts a strict gateway in front of the whole API (every request but {@code /_simulator/*}): a leaky bucket
         * draining this many requests per second, whose rejections are 429 without {@code Retry-After}. Unlike
         * {@link #rateLimitPerSecond(int)} it refuses a request that comes sooner than 1/rate after the previous
         * one's slot, unless {@link #gatewayBurst(int)} allows it. 0 switches the gateway off.
         */
        public Builder gatewayRate(int gatewayRate) {
            this.gatewayRate = gatewayRate;
            return this;
        }

        /** How many requests may arrive ahead of the gateway's schedule: from idle, burst + 1 pass back to back. */
        public Builder gatewayBurst(int gatewayBurst) {
            this.gatewayBurst = gatewayBurst;
            return this;
        }

        /** Share (0..1) of POSTs answered 500 or 503, half each, before anything is recorded. */
        public Builder serverErrorRate(double serverErrorRate) {
            this.serverErrorRate = serverErrorRate;
            return this;
        }

        /** Share (0..1) of POSTs whose connection is closed without an answer, before anything is recorded. */
        public Builder dropRate(double dropRate) {
            this.dropRate = dropRate;
            return this;
        }

        /** Share (0..1) of successful POSTs that are recorded and then answered only after {@code slowAfterRecordMs}. */
        public Builder slowAfterRecordRate(double slowAfterRecordRate) {
            this.slowAfterRecordRate = slowAfterRecordRate;
            return this;
        }

        public Builder slowAfterRecordMs(long slowAfterRecordMs) {
            this.slowAfterRecordMs = slowAfterRecordMs;
            return this;
        }

        /** After this many POSTs with an accepted token, every further call gets 401; 0 = the token never expires. */
        public Builder tokenExpiresAfterCalls(int tokenExpiresAfterCalls) {
            this.tokenExpiresAfterCalls = tokenExpiresAfterCalls;
            return this;
        }

        /** Seed of the random source behind latency jitter and the fault rates. */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /** How validations change status over time, and the webhook told of each change; see {@link StatusOptions}. */
        public Builder statuses(StatusOptions statuses) {
            return completeShare(statuses.completeShare()).failShare(statuses.failShare())
                    .expireShare(statuses.expireShare()).settleAfter(statuses.settleAfter())
                    .expireAfter(statuses.expireAfter()).webhookUrl(statuses.webhookUrl());
        }

        /** Share (0..1) of validations, chosen by identifier, that end {@code completed}. */
        public Builder completeShare(double share) {
            this.completeShare = share;
            return this;
        }

        public Builder failShare(double share) {
            this.failShare = share;
            return this;
        }

        public Builder expireShare(double share) {
            this.expireShare = share;
            return this;
        }

        /** How long after creation a validation reaches its fate; zero (the default) means at once. */
        public Builder settleAfter(Duration settleAfter) {
            this.settleAfter = settleAfter;
            return this;
        }

        /** Open validations without an {@code expiresAt} expire this long after creation; null: never. */
        public Builder expireAfter(Duration expireAfter) {
            this.expireAfter = expireAfter;
            return this;
        }

        /** Where each status change is POSTed; null: nowhere. */
        public Builder webhookUrl(URI webhookUrl) {
            this.webhookUrl = webhookUrl;
            return this;
        }

        public Builder webhookUrl(String webhookUrl) {
            return webhookUrl(webhookUrl == null ? null : URI.create(webhookUrl));
        }

        public SimulatorOptions build() {
            return new SimulatorOptions(token, port, host, shapeA, successStatus, catalog, latencyMs, latencyJitterMs,
                    rateLimitPerSecond, rateLimitRetryAfter, gatewayRate, gatewayBurst, serverErrorRate, dropRate, slowAfterRecordRate,
                    slowAfterRecordMs, tokenExpiresAfterCalls, seed,
                    new StatusOptions(completeShare, failShare, expireShare, settleAfter, expireAfter, webhookUrl));
        }
    }
}
