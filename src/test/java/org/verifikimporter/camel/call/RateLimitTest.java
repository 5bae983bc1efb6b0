package org.verifikimporter.camel.call;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.hc.client5.http.classic.methods.HttpPost;
import org.apache.hc.client5.http.impl.ChainElement;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClientBuilder;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rate limit counts a request when it goes on the wire, which the HTTP client tells it. A real HTTP
 * client and server; the slow connection is a step of the client's own chain held on a latch.
 */
class RateLimitTest {

    WireMockServer server;
    ExecutorService callers = Executors.newFixedThreadPool(3);

    @BeforeEach
    void start() {
        server = new WireMockServer(options().dynamicPort().bindAddress("127.0.0.1"));
        server.start();
        server.stubFor(post(urlEqualTo("/v2/biometric-validations")).willReturn(aResponse().withStatus(200)));
    }

    @AfterEach
    void stop() {
        callers.shutdownNow();
        server.stop();
    }

    @Test
    void aRequestWhoseConnectionIsSlowToOpenHoldsTheWindowFromWhenItWentOut() throws Exception {
        RateLimit limit = new RateLimit(2, 2);
        CountDownLatch slowOpening = new CountDownLatch(1);
        CountDownLatch slowMayOpen = new CountDownLatch(1);
        HttpClientBuilder builder = HttpClients.custom();
        // stands for a connection that takes long to open (a TLS handshake with a far server): it comes
        // before the rate limit hears of the start
        builder.addExecInterceptorBefore(ChainElement.MAIN_TRANSPORT.name(), "slow-open", (request, scope, chain) -> {
            if (request.containsHeader("X-Slow")) {
                slowOpening.countDown();
                try {
                    slowMayOpen.await(10, TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new java.io.InterruptedIOException("interrupted");
                }
            }
            return chain.proceed(request, scope);
        });
        limit.configureHttpClient(builder);
        try (CloseableHttpClient client = builder.build()) {
            Future<?> a = callers.submit(() -> call(limit, client, "a", true));
            assertThat(slowOpening.await(10, TimeUnit.SECONDS)).isTrue();
            Future<?> b = callers.submit(() -> call(limit, client, "b", false));
            await().atMost(Duration.ofSeconds(10)).until(() -> arrivals().containsKey("b"));
            Future<?> c = callers.submit(() -> call(limit, client, "c", false));
            // at 2 per second, c is the third: it waits while a has not gone out
            await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(2)).until(() -> !arrivals().containsKey("c"));
            slowMayOpen.countDown();
            a.get(10, TimeUnit.SECONDS);
            b.get(10, TimeUnit.SECONDS);
            c.get(10, TimeUnit.SECONDS);
        }
        Map<String, Long> at = arrivals();
        // counted from a's permit, c would have gone 1 s after it, only ~0.5 s after a reached the server
        assertThat(at.get("c") - at.get("a")).as("ms between a and c at the server").isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aRequestThatNeverWentOutDoesNotHoldTheWindowForever() throws Exception {
        RateLimit limit = new RateLimit(1, 1);
        int closedPort;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closedPort = s.getLocalPort();
        }
        HttpClientBuilder builder = HttpClients.custom();
        limit.configureHttpClient(builder);
        try (CloseableHttpClient client = builder.build()) {
            limit.acquire();
            try {
                client.execute(new HttpPost("http://127.0.0.1:" + closedPort + "/v2/biometric-validations"), r -> null);
            } catch (java.io.IOException refused) {
                // the connection failed: nothing reached a server
            } finally {
                limit.settle();
            }
            Future<?> next = callers.submit(() -> call(limit, client, "next", false));
            next.get(10, TimeUnit.SECONDS);
        }
        assertThat(arrivals()).containsKey("next");
    }

    private Object call(RateLimit limit, CloseableHttpClient client, String name, boolean slow) throws Exception {
        limit.acquire();
        try {
            HttpPost post = new HttpPost(server.baseUrl() + "/v2/biometric-validations");
            post.setHeader("X-Row", name);
            if (slow) {
                post.setHeader("X-Slow", "yes");
            }
            return client.execute(post, r -> r.getCode());
        } finally {
            limit.settle();
        }
    }

    private Map<String, Long> arrivals() {
        List<LoggedRequest> requests = server.findAll(com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor(
                com.github.tomakehurst.wiremock.client.WireMock.anyUrl()));
        return requests.stream().collect(Collectors.toMap(r -> r.getHeader("X-Row"), r -> r.getLoggedDate().getTime()));
    }
}
