package org.verifikimporter.simulator;

import java.net.URI;
import java.time.Duration;

/**
 * Collects the settings of a {@link SimulatorOptions} one at a time, each defaulting to a healthy API; get one
 * from {@link SimulatorOptions#builder()}.
 */
public final class SimulatorOptionsBuilder {
    private String token;
    private int port;
    private String host = SimulatorOptions.DEFAULT_HOST;
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
    private long seed = SimulatorOptions.DEFAULT_SEED;
    private double completeShare;
    private double failShare;
    private double expireShare;
    private Duration settleAfter = Duration.ZERO;
    private Duration expireAfter;
    private URI webhookUrl;

    SimulatorOptionsBuilder() {
    }

    /** The bearer token callers must send as {@code Authorization: Bearer <token>}. Required. */
    public SimulatorOptionsBuilder token(String token) {
        this.token = token;
        return this;
    }

    /** 0 picks a free port; read it back with {@link VerifikSimulator#port()}. */
    public SimulatorOptionsBuilder port(int port) {
        this.port = port;
        return this;
    }

    public SimulatorOptionsBuilder host(String host) {
        this.host = host;
        return this;
    }

    /** Answer a create with {@code {"success":true,"data":{..}}} instead of the livenessSession shape. */
    public SimulatorOptionsBuilder shapeA(boolean shapeA) {
        this.shapeA = shapeA;
        return this;
    }

    public SimulatorOptionsBuilder successStatus(int successStatus) {
        this.successStatus = successStatus;
        return this;
    }

    public SimulatorOptionsBuilder catalog(ProjectCatalog catalog) {
        this.catalog = catalog;
        return this;
    }

    /** Every API call waits this long before it is handled. */
    public SimulatorOptionsBuilder latencyMs(long latencyMs) {
        this.latencyMs = latencyMs;
        return this;
    }

    /** Adds a uniform random 0..jitter ms on top of {@link #latencyMs(long)}. */
    public SimulatorOptionsBuilder latencyJitterMs(long latencyJitterMs) {
        this.latencyJitterMs = latencyJitterMs;
        return this;
    }

    /** More than this many POSTs in any sliding second get 429; 0 switches the limit off. */
    public SimulatorOptionsBuilder rateLimitPerSecond(int rateLimitPerSecond) {
        this.rateLimitPerSecond = rateLimitPerSecond;
        return this;
    }

    /** Seconds sent in {@code Retry-After} with a 429; null sends the 429 without the header. */
    public SimulatorOptionsBuilder rateLimitRetryAfter(Integer rateLimitRetryAfter) {
        this.rateLimitRetryAfter = rateLimitRetryAfter;
        return this;
    }

    /**
     * Puts a strict gateway in front of the whole API (every request but {@code /_simulator/*}): a leaky bucket
     * draining this many requests per second, whose rejections are 429 without {@code Retry-After}. Unlike
     * {@link #rateLimitPerSecond(int)} it refuses a request that comes sooner than 1/rate after the previous
     * one's slot, unless {@link #gatewayBurst(int)} allows it. 0 switches the gateway off.
     */
    public SimulatorOptionsBuilder gatewayRate(int gatewayRate) {
        this.gatewayRate = gatewayRate;
        return this;
    }

    /** How many requests may arrive ahead of the gateway's schedule: from idle, burst + 1 pass back to back. */
    public SimulatorOptionsBuilder gatewayBurst(int gatewayBurst) {
        this.gatewayBurst = gatewayBurst;
        return this;
    }

    /** Share (0..1) of POSTs answered 500 or 503, half each, before anything is recorded. */
    public SimulatorOptionsBuilder serverErrorRate(double serverErrorRate) {
        this.serverErrorRate = serverErrorRate;
        return this;
    }

    /** Share (0..1) of POSTs whose connection is closed without an answer, before anything is recorded. */
    public SimulatorOptionsBuilder dropRate(double dropRate) {
        this.dropRate = dropRate;
        return this;
    }

    /** Share (0..1) of successful POSTs that are recorded and then answered only after {@code slowAfterRecordMs}. */
    public SimulatorOptionsBuilder slowAfterRecordRate(double slowAfterRecordRate) {
        this.slowAfterRecordRate = slowAfterRecordRate;
        return this;
    }

    public SimulatorOptionsBuilder slowAfterRecordMs(long slowAfterRecordMs) {
        this.slowAfterRecordMs = slowAfterRecordMs;
        return this;
    }

    /** After this many POSTs with an accepted token, every further call gets 401; 0 = the token never expires. */
    public SimulatorOptionsBuilder tokenExpiresAfterCalls(int tokenExpiresAfterCalls) {
        this.tokenExpiresAfterCalls = tokenExpiresAfterCalls;
        return this;
    }

    /** Seed of the random source behind latency jitter and the fault rates. */
    public SimulatorOptionsBuilder seed(long seed) {
        this.seed = seed;
        return this;
    }

    /** How validations change status over time, and the webhook told of each change; see {@link StatusOptions}. */
    public SimulatorOptionsBuilder statuses(StatusOptions statuses) {
        return completeShare(statuses.completeShare()).failShare(statuses.failShare())
                .expireShare(statuses.expireShare()).settleAfter(statuses.settleAfter())
                .expireAfter(statuses.expireAfter()).webhookUrl(statuses.webhookUrl());
    }

    /** Share (0..1) of validations, chosen by identifier, that end {@code completed}. */
    public SimulatorOptionsBuilder completeShare(double share) {
        this.completeShare = share;
        return this;
    }

    public SimulatorOptionsBuilder failShare(double share) {
        this.failShare = share;
        return this;
    }

    public SimulatorOptionsBuilder expireShare(double share) {
        this.expireShare = share;
        return this;
    }

    /** How long after creation a validation reaches its fate; zero (the default) means at once. */
    public SimulatorOptionsBuilder settleAfter(Duration settleAfter) {
        this.settleAfter = settleAfter;
        return this;
    }

    /** Open validations without an {@code expiresAt} expire this long after creation; null: never. */
    public SimulatorOptionsBuilder expireAfter(Duration expireAfter) {
        this.expireAfter = expireAfter;
        return this;
    }

    /** Where each status change is POSTed; null: nowhere. */
    public SimulatorOptionsBuilder webhookUrl(URI webhookUrl) {
        this.webhookUrl = webhookUrl;
        return this;
    }

    public SimulatorOptionsBuilder webhookUrl(String webhookUrl) {
        return webhookUrl(webhookUrl == null ? null : URI.create(webhookUrl));
    }

    public SimulatorOptions build() {
        return new SimulatorOptions(token, port, host, shapeA, successStatus, catalog, latencyMs, latencyJitterMs,
                rateLimitPerSecond, rateLimitRetryAfter, gatewayRate, gatewayBurst, serverErrorRate, dropRate, slowAfterRecordRate,
                slowAfterRecordMs, tokenExpiresAfterCalls, seed,
                new StatusOptions(completeShare, failShare, expireShare, settleAfter, expireAfter, webhookUrl));
    }
}
