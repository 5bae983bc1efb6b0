package org.verifikimporter.cli;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.verifikimporter.simulator.ProjectCatalog;
import org.verifikimporter.simulator.SimulatorOptions;
import org.verifikimporter.simulator.SimulatorOptionsBuilder;
import org.verifikimporter.simulator.VerifikSimulator;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code simulate}: runs the local Verifik simulator in the foreground until the process is stopped. It stays
 * one class near 250 lines because most of them are the option declarations, one per knob of the simulator.
 */
@Command(name = "simulate", mixinStandardHelpOptions = true,
        description = {
            "Starts a local stand-in for the Verifik API (POST and GET /v2/biometric-validations) in the foreground.",
            "It checks the bearer token and the documented field and project rules, and can inject faults.",
            "With --complete-share/--fail-share/--expire-share its validations change status over time, shown by",
            "GET /v2/biometric-validations/{id}, the list and GET /_simulator/validations, and sent to --webhook-url.",
            "Stop it with Ctrl-C or SIGTERM."
        })
public class SimulateCommand implements Callable<Integer> {

    static final String TOKEN_ENV = "SIMULATOR_TOKEN";
    static final String FALLBACK_TOKEN_ENV = "VERIFIK_TOKEN";

    @Spec
    CommandSpec spec;

    @Mixin
    SimulateStatusOptions statuses = new SimulateStatusOptions();

    @Option(names = "--port", defaultValue = "8089", paramLabel = "PORT",
            description = "Port to listen on; 0 picks a free one (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--host", defaultValue = SimulatorOptions.DEFAULT_HOST, paramLabel = "ADDRESS",
            description = "Address to bind (default: ${DEFAULT-VALUE}); keep it on loopback.")
    String host;

    // No defaultValue: picocli would print a token taken from the environment in --help.
    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Bearer token callers must send (default: $" + TOKEN_ENV + ", else $" + FALLBACK_TOKEN_ENV
                    + ", else " + SimulatorOptions.DEFAULT_TOKEN + ").")
    String token;

    @Option(names = "--shape-a",
            description = "Answer a create with {\"success\":true,\"data\":{...}} instead of the default "
                    + "{\"data\":{\"biometricValidation\":...,\"livenessSession\":...,\"token\":...}}.")
    boolean shapeA;

    @Option(names = "--success-status", defaultValue = "200", paramLabel = "STATUS",
            description = "HTTP status of a successful create, e.g. 200 or 201 (default: ${DEFAULT-VALUE}).")
    int successStatus;

    @Option(names = "--projects", paramLabel = "FILE",
            description = "JSON file of projects and flows: {\"projects\":[{\"id\":..,\"flows\":[{\"id\":..,"
                    + "\"type\":\"login\",\"status\":\"active\"}]}]} (default: the built-in demo set).")
    Path projects;

    @Option(names = "--latency-ms", defaultValue = "0", paramLabel = "MS",
            description = "Delay before every API answer (default: ${DEFAULT-VALUE}).")
    long latencyMs;

    @Option(names = "--latency-jitter-ms", defaultValue = "0", paramLabel = "MS",
            description = "Random extra delay, 0 to MS, on top of --latency-ms (default: ${DEFAULT-VALUE}).")
    long latencyJitterMs;

    @Option(names = "--rate-limit", defaultValue = "0", paramLabel = "N",
            description = "Answer 429 to POSTs beyond N in any one second; 0 = no limit (default: ${DEFAULT-VALUE}).")
    int rateLimit;

    @Option(names = "--retry-after", paramLabel = "SECONDS",
            description = "Retry-After seconds sent with a 429; leave out to send 429 without the header.")
    Integer retryAfter;

    @Option(names = "--gateway-rate", defaultValue = "0", paramLabel = "N",
            description = "Put a strict gateway in front of the API (every request but /_simulator/*): a leaky "
                    + "bucket that accepts one request per 1/N s and answers the rest 429 without Retry-After; "
                    + "0 = no gateway (default: ${DEFAULT-VALUE}).")
    int gatewayRate;

    @Option(names = "--gateway-burst", defaultValue = "0", paramLabel = "B",
            description = "Requests the gateway lets arrive ahead of that pace: from idle, B+1 pass back to back "
                    + "(default: ${DEFAULT-VALUE}).")
    int gatewayBurst;

    @Option(names = "--server-error-rate", defaultValue = "0", paramLabel = "RATE",
            description = "Share 0..1 of POSTs answered 500 or 503 before anything is created (default: ${DEFAULT-VALUE}).")
    double serverErrorRate;

    @Option(names = "--drop-rate", defaultValue = "0", paramLabel = "RATE",
            description = "Share 0..1 of POSTs whose connection is closed without an answer, before anything is "
                    + "created (default: ${DEFAULT-VALUE}).")
    double dropRate;

    @Option(names = "--slow-after-record-rate", defaultValue = "0", paramLabel = "RATE",
            description = "Share 0..1 of successful POSTs answered only after --slow-after-record-ms, although the "
                    + "validation is already created (default: ${DEFAULT-VALUE}).")
    double slowAfterRecordRate;

    @Option(names = "--slow-after-record-ms", defaultValue = "0", paramLabel = "MS",
            description = "Delay of those slow answers; set it above the client's timeout (default: ${DEFAULT-VALUE}).")
    long slowAfterRecordMs;

    @Option(names = "--token-expires-after", defaultValue = "0", paramLabel = "CALLS",
            description = "After this many POSTs with an accepted token, answer every call 401; 0 = never "
                    + "(default: ${DEFAULT-VALUE}).")
    int tokenExpiresAfter;

    @Option(names = "--seed", defaultValue = "" + SimulatorOptions.DEFAULT_SEED, paramLabel = "SEED",
            description = "Seed of the random faults and jitter, for repeatable runs (default: ${DEFAULT-VALUE}).")
    long seed;

    private final Map<String, String> environment;

    public SimulateCommand() {
        this(System.getenv());
    }

    /** For tests: the environment the token falls back to. */
    public SimulateCommand(Map<String, String> environment) {
        this.environment = Map.copyOf(environment);
    }

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        Token resolved = resolveToken();
        VerifikSimulator simulator;
        try {
            checkValues();
            simulator = new VerifikSimulator(options(resolved.value()).statuses(statuses.toStatusOptions()).build())
                    .start();
        } catch (IllegalArgumentException | UncheckedIOException e) {
            err.println("simulate: " + message(e));
            err.flush();
            return 1;
        }
        PrintWriter out = spec.commandLine().getOut();
        SimulatorBanner.print(new SimulatorBanner.Facts(simulator.baseUrl(), resolved.source(), resolved.forShell(),
                simulator.options().catalog(), projects == null), out);
        String statusLine = SimulateStatusOptions.describe(simulator.options().statuses());
        if (statusLine != null) {
            out.println(statusLine);
        }
        out.flush();
        return runUntilStopped(simulator);
    }

    /** Blocks until the JVM shuts down (the hook stops the server) or this thread is interrupted. */
    private static int runUntilStopped(VerifikSimulator simulator) {
        CountDownLatch stopped = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            simulator.stop();
            stopped.countDown();
        }, "verifik-simulator-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            simulator.stop();
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException shuttingDown) {
                // the hook runs anyway
            }
        }
        return 0;
    }

    /** Checked here as well as in SimulatorOptions so the message names the option the user typed. */
    private void checkValues() {
        OptionChecks.requireRange("--port", port, 0, 65535);
        if (!SimulatorOptions.isUsableSuccessStatus(successStatus)) {
            throw new IllegalArgumentException(
                    "--success-status must be a 2xx status with a body (e.g. 200 or 201), got " + successStatus);
        }
        OptionChecks.requireRate("--server-error-rate", serverErrorRate);
        OptionChecks.requireRate("--drop-rate", dropRate);
        OptionChecks.requireRate("--slow-after-record-rate", slowAfterRecordRate);
        OptionChecks.requireNotNegative("--latency-ms", latencyMs);
        OptionChecks.requireNotNegative("--latency-jitter-ms", latencyJitterMs);
        OptionChecks.requireNotNegative("--rate-limit", rateLimit);
        if (retryAfter != null) {
            OptionChecks.requireNotNegative("--retry-after", retryAfter);
        }
        OptionChecks.requireNotNegative("--gateway-rate", gatewayRate);
        OptionChecks.requireNotNegative("--gateway-burst", gatewayBurst);
        OptionChecks.requireNotNegative("--slow-after-record-ms", slowAfterRecordMs);
        OptionChecks.requireNotNegative("--token-expires-after", tokenExpiresAfter);
        if (token != null && token.isBlank()) {
            throw new IllegalArgumentException("--token must not be blank");
        }
    }

    private SimulatorOptionsBuilder options(String resolvedToken) {
        return SimulatorOptions.builder()
                .token(resolvedToken)
                .port(port)
                .host(host)
                .shapeA(shapeA)
                .successStatus(successStatus)
                .catalog(projects == null ? ProjectCatalog.demo() : ProjectCatalog.fromJson(projects))
                .latencyMs(latencyMs)
                .latencyJitterMs(latencyJitterMs)
                .rateLimitPerSecond(rateLimit)
                .rateLimitRetryAfter(retryAfter)
                .gatewayRate(gatewayRate)
                .gatewayBurst(gatewayBurst)
                .serverErrorRate(serverErrorRate)
                .dropRate(dropRate)
                .slowAfterRecordRate(slowAfterRecordRate)
                .slowAfterRecordMs(slowAfterRecordMs)
                .tokenExpiresAfterCalls(tokenExpiresAfter)
                .seed(seed);
    }

    /**
     * @param source   where the value came from, for the start line: never the value itself
     * @param forShell how a pasted command sets VERIFIK_TOKEN to it without printing it; null: it is VERIFIK_TOKEN
     */
    private record Token(String value, String source, String forShell) {
        @Override
        public String toString() {
            return source;
        }
    }

    private Token resolveToken() {
        if (token != null) {
            return new Token(token, "token from --token", "'<the --token value>'");
        }
        for (String variable : List.of(TOKEN_ENV, FALLBACK_TOKEN_ENV)) {
            String value = environment.get(variable);
            if (value != null && !value.isBlank()) {
                return new Token(value, "token from " + variable,
                        variable.equals(FALLBACK_TOKEN_ENV) ? null : "\"$" + variable + "\"");
            }
        }
        // the built-in token is in --help and the README already: no secret
        return new Token(SimulatorOptions.DEFAULT_TOKEN,
                "built-in default token; set --token / " + TOKEN_ENV + " to choose one", SimulatorOptions.DEFAULT_TOKEN);
    }

    private static String message(RuntimeException e) {
        if (e instanceof UncheckedIOException io && io.getCause() != null) {
            return e.getMessage() + ": " + io.getCause().getMessage();
        }
        return e.getMessage();
    }
}
