package org.verifikimporter.camel.call;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.verifikimporter.job.JobFixture.begun;
import static org.verifikimporter.job.JobFixture.person;
import static org.verifikimporter.job.JobFixture.sha;

import java.nio.file.Path;
import java.time.Instant;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.camel.RouteKeys;
import org.verifikimporter.domain.CreatedSession;
import org.verifikimporter.job.ImportJob;
import org.verifikimporter.job.JobFixture;
import org.verifikimporter.job.RowExecution;
import org.verifikimporter.job.RunResults;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerRow;

/** The call route's steps around the HTTP request, on a real exchange and a real embedded ledger. */
class ApiCallTest {

    static final String TOKEN = "tok-3f9a";
    static final String STOP = "Verifik answered 401 Unauthorized: the token is invalid or expired";

    @TempDir
    Path tmp;
    CamelContext camel;
    Ledger ledger;
    ImportJob job;
    final RunResults results = new RunResults();
    final ApiCall call = new ApiCall(TOKEN, results);

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

    /** A row of the row route, planned to be sent, with its request as the body. */
    Exchange rowToSend(long rowNumber, String identifier) {
        RowExecution row = job.map(person(rowNumber, identifier));
        assertThat(row.plan(true, null)).isEqualTo(RowExecution.Step.SEND);
        Exchange exchange = new DefaultExchange(camel);
        RouteKeys.ROW.set(exchange, row);
        exchange.getIn().setBody("{\"identifier\":\"" + identifier + "\"}");
        return exchange;
    }

    static RowExecution row(Exchange exchange) {
        return RouteKeys.ROW.get(exchange);
    }

    long runId() {
        return JobFixture.runId(ledger, job.sha256());
    }

    @Test
    void claimCommitsOneSendingRecordBeforeTheRequestCanLeave() {
        Exchange exchange = rowToSend(2, "ana@example.com");
        Instant before = Instant.now();

        call.claim(exchange);

        // committed, not queued: visible at once, before any answer
        assertThat(ledger.row(runId(), 2)).get().extracting(LedgerRow::state).isEqualTo(LedgerRow.State.SENDING);
        assertThat(row(exchange).isSendingRecorded()).isTrue();
        assertThat(row(exchange).sentAt()).isNotNull().isAfterOrEqualTo(before);
        assertThat(row(exchange).attempts()).as("claimed, not yet sent").isZero();
    }

    @Test
    void aRetryClaimsNothingNew() {
        Exchange exchange = rowToSend(2, "ana@example.com");
        call.claim(exchange);
        Instant firstSentAt = row(exchange).sentAt();
        LedgerRow first = ledger.row(runId(), 2).orElseThrow();

        // the retry comes back through the call route: a second SENDING record would fail on the key, or move
        // the time the lookup searches from
        call.claim(exchange);

        assertThat(row(exchange).sentAt()).isEqualTo(firstSentAt);
        assertThat(ledger.row(runId(), 2)).contains(first);
        assertThat(ledger.rowStates(runId())).containsExactly(java.util.Map.entry("SENDING", 1L));
    }

    @Test
    void claimInAStoppedRunThrowsNotAttemptedAndRecordsNothing() {
        Exchange exchange = rowToSend(2, "ana@example.com");
        results.stop(STOP);

        assertThatThrownBy(() -> call.claim(exchange)).isInstanceOf(NotAttemptedException.class).hasMessage(STOP);

        assertThat(ledger.row(runId(), 2)).isEmpty();
        assertThat(row(exchange).isSendingRecorded()).isFalse();
        assertThat(row(exchange).sentAt()).isNull();
    }

    @Test
    void beforeSendInARunStoppedWhileTheRowWaitedSendsNothing() {
        Exchange exchange = rowToSend(2, "ana@example.com");
        call.claim(exchange);
        exchange.getIn().setHeader("X-Kept", "yes");
        results.stop(STOP);

        assertThatThrownBy(() -> call.beforeSend(exchange)).isInstanceOf(NotAttemptedException.class).hasMessage(STOP);

        assertThat(row(exchange).attempts()).as("no attempt counted").isZero();
        assertThat(exchange.getIn().getHeader("Authorization")).as("not made ready to send").isNull();
        assertThat(ledger.rowStates(runId())).containsExactly(java.util.Map.entry("SENDING", 1L));
    }

    @Test
    void beforeSendLeavesOnlyTheApisHeadersAndCountsTheAttempt() {
        Exchange exchange = rowToSend(2, "ana@example.com");
        exchange.getIn().setHeader(Exchange.FILE_NAME, "people.csv");
        exchange.getIn().setHeader("CamelHttpUri", "http://elsewhere.example/");
        exchange.getIn().setHeader("X-Row", 2);
        exchange.getIn().setHeader("Authorization", "Basic c29tZW9uZQ==");
        call.claim(exchange);

        call.beforeSend(exchange);

        assertThat(exchange.getIn().getHeaders()).containsOnly(
                java.util.Map.entry("Authorization", "Bearer " + TOKEN),
                java.util.Map.entry("Content-Type", "application/json"),
                java.util.Map.entry("Accept", "application/json"));
        assertThat(exchange.getIn().getBody(String.class)).as("the body goes as it is")
                .isEqualTo("{\"identifier\":\"ana@example.com\"}");
        assertThat(row(exchange).attempts()).isEqualTo(1);

        call.beforeSend(exchange);
        assertThat(row(exchange).attempts()).as("a retry is one more attempt").isEqualTo(2);
    }

    Exchange answered(int status, String body) {
        Exchange exchange = rowToSend(2, "ana@example.com");
        call.claim(exchange);
        call.beforeSend(exchange);
        exchange.getIn().setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        exchange.getIn().setHeader("Set-Cookie", "session=abc");
        exchange.getIn().setBody(body);
        return exchange;
    }

    @Test
    void afterAnswerReadsShapeA() {
        Exchange exchange = answered(200, "{\"success\":true,\"data\":{\"_id\":\"bv-a\",\"status\":\"new\"}}");

        call.afterAnswer(exchange);

        assertThat(row(exchange).session()).isEqualTo(new CreatedSession("bv-a", "new", null));
        assertThat(exchange.getIn().getHeaders()).as("the answer's headers go no further").isEmpty();
    }

    @Test
    void afterAnswerReadsShapeB() {
        Exchange exchange = answered(201, "{\"data\":{\"biometricValidation\":{\"_id\":\"bv-b\",\"status\":\"new\","
                + "\"url\":\"https://verifik.example/l/bv-b\"},\"livenessSession\":{\"_id\":\"ls-1\"},"
                + "\"token\":\"session-secret\"}}");

        call.afterAnswer(exchange);

        assertThat(row(exchange).session())
                .isEqualTo(new CreatedSession("bv-b", "new", "https://verifik.example/l/bv-b"));
    }

    @Test
    void aSuccessWithoutAValidationIdIsNotTakenForACreate() {
        Exchange exchange = answered(201, "{\"success\":true,\"data\":{\"status\":\"new\"}}");

        assertThatThrownBy(() -> call.afterAnswer(exchange))
                .isInstanceOf(ApiCall.AnswerWithoutIdException.class)
                .hasMessageContaining("201")
                .hasMessageContaining("no validation id");
        assertThat(row(exchange).session()).isNull();
    }
}
