package org.verifikimporter.camel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.camel.Exchange;
import org.apache.camel.builder.AdviceWith;
import org.apache.camel.builder.NotifyBuilder;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.support.PluginHelper;
import org.apache.camel.support.ResourceHelper;
import org.apache.camel.test.junit5.CamelTestSupport;
import org.apache.camel.test.junit5.TestExecutionConfiguration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.config.ImporterSettings;
import org.verifikimporter.e2e.ImporterHarness;
import org.verifikimporter.job.Progress;
import org.verifikimporter.job.RunResults;
import org.verifikimporter.simulator.SimulatorOptions;
import org.verifikimporter.simulator.VerifikSimulator;

/**
 * The YAML routes in a plain Camel context (camel-test-junit5): the file route, the row fan-out bounded
 * by importer.concurrency, and retries that pass the rate limit again.
 */
class ImportRoutesTest extends CamelTestSupport {

    static final String TOKEN = "route-test-token";

    @TempDir
    Path tmp;
    VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0).build()).start();
    final RunResults results = new RunResults();
    RouteBeans beans;
    int concurrency = 3;
    int rate = 0;

    ImporterSettings settings() {
        return ImporterSettings.builder().env(Map.of("VERIFIK_TOKEN", TOKEN)).override(Map.of(
                "verifik.base-url", sim.baseUrl(),
                "importer.outbox", tmp.resolve("outbox").toString(),
                "importer.archive", tmp.resolve("archive").toString(),
                "importer.rejected", tmp.resolve("rejected").toString(),
                "importer.inbox", tmp.resolve("inbox").toString(),
                "importer.concurrency", Integer.toString(concurrency),
                "importer.rate", Integer.toString(rate),
                "importer.retry-initial-delay", "10",
                "importer.retry-max-delay", "20")).build();
    }

    @Override
    public void configureTest(TestExecutionConfiguration config) {
        config.withUseAdviceWith(true);
    }

    /**
     * The application's own wiring (the beans, the Camel properties, the route files application.properties
     * names), in a plain Camel context. Settings are read when routes are created, so each test sets its own
     * first, then loads the routes.
     */
    void loadRoutes() throws Exception {
        ImporterSettings s = settings();
        Properties camel = CamelProperties.of(s, ImporterEngine.Mode.WATCH);
        // the inbox consumer stays off: the tests hand files to the file route themselves
        camel.put("importer.internal.inbox-auto-startup", "false");
        context.getPropertiesComponent().setOverrideProperties(camel);
        beans = new RouteBeans(ImporterEngine.Mode.WATCH, s, results, Clock.systemUTC(), null,
                Progress.logLines(Clock.systemUTC(), s.progressInterval()), () -> { });
        beans.bindTo(context.getRegistry()::bind);
        beans.attach(context);
        for (String routes : routeFiles()) {
            PluginHelper.getRoutesLoader(context).loadRoutes(ResourceHelper.resolveMandatoryResource(context, routes));
        }
    }

    /** The route files Camel Main loads, as application.properties names them. */
    static List<String> routeFiles() throws Exception {
        Properties p = new Properties();
        try (var in = ImportRoutesTest.class.getResourceAsStream("/application.properties")) {
            p.load(in);
        }
        return Arrays.stream(p.getProperty("camel.main.routes-include-pattern").split(",")).map(String::trim).toList();
    }

    @AfterEach
    void cleanUp() {
        sim.stop();
        if (beans != null) {
            beans.shutdown();
        }
    }

    Path file(int rows) throws Exception {
        StringBuilder sb = new StringBuilder("identifier,project,projectFlow,type\n");
        for (int i = 0; i < rows; i++) {
            sb.append("r").append(i).append("@example.com,").append(ImporterHarness.P1).append(',')
                    .append(ImporterHarness.F_LOGIN).append(",login\n");
        }
        Files.createDirectories(tmp.resolve("in"));
        Path f = tmp.resolve("in/routes.csv");
        Files.writeString(f, sb.toString());
        return f;
    }

    void importFile(Path f) {
        template.send("direct:import-file", e -> e.getIn().setHeader(Exchange.FILE_PATH, f.toString()));
    }

    @Test
    void aFileFlowsThroughTheRowAndCallRoutes() throws Exception {
        loadRoutes();
        context.start();
        NotifyBuilder fileDone = new NotifyBuilder(context).fromRoute("import-file").whenCompleted(1).create();
        importFile(file(5));
        assertThat(fileDone.matches(10, TimeUnit.SECONDS)).isTrue();
        assertThat(sim.validations()).hasSize(5);
        assertThat(results.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.created()).isEqualTo(5);
            assertThat(o.failed()).isZero();
        });
        assertThat(ImporterHarness.csv(results.outcomes().get(0).reportDir().resolve("created.csv"))).hasSize(5);
    }

    @Test
    void noMoreCallsThanTheConcurrencyAreInFlight() throws Exception {
        loadRoutes();
        AtomicInteger inFlight = new AtomicInteger();
        AtomicInteger maxInFlight = new AtomicInteger();
        CountDownLatch release = new CountDownLatch(1);
        AdviceWith.adviceWith(context, "call", a -> a.weaveById("post-to-verifik").replace().process(e -> {
            maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
            try {
                release.await(10, TimeUnit.SECONDS);
                okAnswer(e);
            } finally {
                inFlight.decrementAndGet();
            }
        }));
        context.start();
        Thread importer = new Thread(() -> importFile(uncheck(() -> file(12))));
        importer.start();
        await().atMost(Duration.ofSeconds(10)).until(() -> inFlight.get() == concurrency);
        // with every call held open, no further row may start one
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(2)).until(() -> inFlight.get() == concurrency);
        release.countDown();
        importer.join(10_000);
        assertThat(maxInFlight.get()).isEqualTo(concurrency);
        assertThat(results.outcomes().get(0).created()).isEqualTo(12);
    }

    @Test
    void retriesPassTheRateLimitAgain() throws Exception {
        rate = 2;
        concurrency = 1;
        loadRoutes();
        List<Long> attemptsAt = new CopyOnWriteArrayList<>();
        AdviceWith.adviceWith(context, "call", a -> a.weaveById("post-to-verifik").replace().process(e -> {
            attemptsAt.add(System.nanoTime());
            if (attemptsAt.size() < 3) {
                throw new HttpOperationFailedException("http://x", 503, "Service Unavailable", null, Map.of(), "busy");
            }
            okAnswer(e);
        }));
        context.start();
        importFile(file(1));
        assertThat(attemptsAt).hasSize(3);
        // 2 calls per rolling second: the third attempt must wait for the first one's second to pass,
        // although the backoff asked for only ~20 ms
        long gapMs = TimeUnit.NANOSECONDS.toMillis(attemptsAt.get(2) - attemptsAt.get(0));
        assertThat(gapMs).isGreaterThanOrEqualTo(950);
        assertThat(ImporterHarness.csv(results.outcomes().get(0).reportDir().resolve("created.csv")))
                .singleElement().satisfies(c -> assertThat(c.get("attempts")).isEqualTo("3"));
    }

    static void okAnswer(Exchange e) {
        e.getMessage().setHeader(Exchange.HTTP_RESPONSE_CODE, 200);
        e.getMessage().setBody("{\"success\":true,\"data\":{\"_id\":\"id-" + e.getExchangeId() + "\",\"status\":\"new\"}}");
    }

    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }

    static <T> T uncheck(ThrowingSupplier<T> s) {
        try {
            return s.get();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
