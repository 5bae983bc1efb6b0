package org.verifikimporter.camel.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.job.JobFixture.begun;
import static org.verifikimporter.job.JobFixture.person;
import static org.verifikimporter.job.JobFixture.sha;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.http.base.HttpOperationFailedException;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.camel.RouteKeys;
import org.verifikimporter.job.ImportJob;
import org.verifikimporter.job.JobFixture;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerException;
import org.verifikimporter.metrics.ImporterMetrics;

/** What a call slot's exchange says about the call, on real exchanges: the status, none, or no call at all. */
class CallsByStatusTest {

    @TempDir
    Path tmp;
    CamelContext camel;
    Ledger ledger;
    ImportJob job;
    final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    final CallsByStatus calls = new CallsByStatus(ImporterMetrics.in(registry));

    @BeforeEach
    void start() throws Exception {
        camel = new DefaultCamelContext();
        camel.start();
        ledger = JobFixture.ledger(tmp.resolve("state"));
        job = begun(tmp.resolve("outbox"), ledger, "people.csv", sha('a'), false);
    }

    @AfterEach
    void stop() throws Exception {
        ledger.close();
        camel.close();
    }

    Exchange create(long rowNumber) {
        Exchange exchange = new DefaultExchange(camel);
        RouteKeys.ROW.set(exchange, job.map(person(rowNumber, "p" + rowNumber + "@example.com")));
        return exchange;
    }

    @Test
    void eachAnswerCountsByItsStatusAndEachCallWithoutOneAsNone() {
        Exchange created = create(2);
        created.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, 201);
        calls.accept(created);
        Exchange limited = create(3);
        limited.setException(new HttpOperationFailedException("http://x/v2", 429, "Too Many Requests", null,
                Map.of(), "{}"));
        calls.accept(limited);
        Exchange refused = create(4);
        refused.setException(new ConnectException("Connection refused"));
        calls.accept(refused);
        Exchange page = new DefaultExchange(camel); // a lookup's page carries no row
        page.setException(new SocketTimeoutException("Read timed out"));
        calls.accept(page);

        assertThat(registry.scrape())
                .contains("verifik_importer_calls_total{call=\"create\",status=\"201\"} 1.0")
                .contains("verifik_importer_calls_total{call=\"create\",status=\"429\"} 1.0")
                .contains("verifik_importer_calls_total{call=\"create\",status=\"none\"} 1.0")
                .contains("verifik_importer_calls_total{call=\"lookup\",status=\"none\"} 1.0");
    }

    @Test
    void aRowStoppedBeforeItsRequestMadeNoCall() {
        Exchange stopped = create(2);
        stopped.setException(new NotAttemptedException("the run was stopped"));
        calls.accept(stopped);
        Exchange noLedger = create(3);
        noLedger.setException(new LedgerException("cannot write the ledger: disk full", null));
        calls.accept(noLedger);
        assertThat(registry.scrape()).doesNotContain("verifik_importer_calls_total");
    }
}
