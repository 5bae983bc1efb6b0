package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.P1;
import static org.verifikimporter.e2e.ImporterHarness.row;

import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** The management server opens a port only when asked, and a port it cannot open stops the start. */
class ManagementServerOffTest extends AgainstSimulator {

    static final String TOKEN = "mgmt-off-token-91c2";

    @Override
    String token() {
        return TOKEN;
    }

    @Test
    void runWithoutTheSettingOpensNoPort() throws Exception {
        // the call is held at the server long enough to look at the port while the run is importing
        useSimulator(options().latencyMs(2000));
        int port = Watching.freePort();
        h.set("camel.management.host", "127.0.0.1").set("camel.management.port", Integer.toString(port));
        h.drop("one.csv", "identifier,project,projectFlow,type\n" + row("ana@example.com", P1, F_LOGIN, "login"));
        CompletableFuture<ImporterHarness.Result> run = CompletableFuture.supplyAsync(() -> h.run("run"));
        // the simulator logs a request once it has answered it: the report folder exists before the call leaves,
        // which then waits 2 s at the server
        await().atMost(Duration.ofSeconds(90)).until(() -> !h.reportDirs().isEmpty());

        assertThat(run).isNotDone();
        assertThatThrownBy(() -> {
            try (Socket s = new Socket()) {
                s.connect(new InetSocketAddress("127.0.0.1", port), 1000);
            }
        }).isInstanceOf(ConnectException.class);
        ImporterHarness.Result r = run.join();
        assertThat(r.exitCode()).as(r.err() + r.logs()).isZero();
        assertThat(r.logs()).doesNotContain("HttpServer");
    }

    @Test
    void watchRefusesToStartWhenItsManagementPortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getByName("127.0.0.1"))) {
            h.set("camel.management.enabled", "true").set("camel.management.host", "127.0.0.1")
                    .set("camel.management.port", Integer.toString(taken.getLocalPort()));
            ImporterHarness.Result r = h.run("watch");
            assertThat(r.exitCode()).isEqualTo(1);
            assertThat(r.err()).startsWith("startup failed: the management server cannot listen on 127.0.0.1:"
                    + taken.getLocalPort()).contains("set camel.management.port (CAMEL_MANAGEMENT_PORT) to a free port");
        }
    }
}
