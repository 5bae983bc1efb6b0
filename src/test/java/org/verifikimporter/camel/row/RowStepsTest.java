package org.verifikimporter.camel.row;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.job.JobFixture.begun;
import static org.verifikimporter.job.JobFixture.person;
import static org.verifikimporter.job.JobFixture.sha;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
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
import org.verifikimporter.domain.CsvRow;
import org.verifikimporter.domain.ErrorCode;
import org.verifikimporter.domain.RowFailure;
import org.verifikimporter.e2e.ImporterHarness;
import org.verifikimporter.job.ImportJob;
import org.verifikimporter.job.JobFixture;
import org.verifikimporter.job.RowExecution;
import org.verifikimporter.job.RunResults;
import org.verifikimporter.ledger.Ledger;
import org.verifikimporter.ledger.LedgerRow;

/** The row route's steps on a real exchange, a real import and a real embedded ledger. */
class RowStepsTest {

    @TempDir
    Path tmp;
    CamelContext camel;
    Ledger ledger;
    final RunResults results = new RunResults();
    final RowSteps rows = new RowSteps(results, true);

    @BeforeEach
    void start() {
        camel = new DefaultCamelContext();
        camel.start();
        ledger = JobFixture.ledger(tmp.resolve("state"));
    }

    @AfterEach
    void stop() throws Exception {
        ledger.close();
        camel.close();
    }

    /** What the splitter hands the row route: one mapped row as the body. */
    Exchange fromSplitter(ImportJob job, CsvRow record) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setBody(job.map(record));
        return exchange;
    }

    /** What the call route does before a row's first attempt: its SENDING record, committed. */
    static void claimed(ImportJob job, RowExecution row) {
        job.sending(row);
        row.sendingRecorded(Instant.now());
    }

    static RowExecution row(Exchange exchange) {
        return RouteKeys.ROW.get(exchange);
    }

    long runId(ImportJob job) {
        return JobFixture.runId(ledger, job.sha256());
    }

    @Test
    void prepareSetsTheRowAndLeavesTheRequestOfARowToSendAsTheBody() throws Exception {
        ImportJob job = begun(tmp.resolve("outbox"), ledger, "people.csv", sha('a'), false);
        Exchange exchange = fromSplitter(job, person(2, "ana@example.com"));

        rows.prepare(exchange);

        assertThat(row(exchange)).isNotNull();
        assertThat(row(exchange).next()).isEqualTo(RowExecution.Step.SEND);
        assertThat(exchange.getIn().getBody()).isInstanceOf(Map.class);
        assertThat(exchange.getIn().getBody(Map.class)).containsExactly(
                Map.entry("project", ImporterHarness.P1), Map.entry("projectFlow", ImporterHarness.F_LOGIN),
                Map.entry("identifier", "ana@example.com"), Map.entry("type", "login"));
    }

    @Test
    void prepareLeavesARowThatFailsWithNoRequestBody() throws Exception {
        ImportJob job = begun(tmp.resolve("outbox"), ledger, "people.csv", sha('a'), false);
        Exchange exchange = fromSplitter(job, JobFixture.badType(2, "ana@example.com"));

        rows.prepare(exchange);

        assertThat(row(exchange).next()).isEqualTo(RowExecution.Step.FAIL);
        assertThat(exchange.getIn().getBody()).isNotInstanceOf(Map.class);
    }

    @Test
    void prepareInAStoppedRunFailsTheRowAsNotAttempted() throws Exception {
        ImportJob job = begun(tmp.resolve("outbox"), ledger, "people.csv", sha('a'), false);
        results.stop("Verifik answered 402 INSUFFICIENT_CREDITS: the account is out of credits");
        Exchange exchange = fromSplitter(job, person(2, "ana@example.com"));

        rows.prepare(exchange);

        assertThat(row(exchange).next()).isEqualTo(RowExecution.Step.FAIL);
        assertThat(row(exchange).failure().code()).isEqualTo("NOT_ATTEMPTED");
        assertThat(row(exchange).failure().message()).contains("out of credits");
    }

    @Test
    void createdWritesTheReportLineAndTheLedgerRow() throws Exception {
        ImportJob job = begun(tmp.resolve("outbox"), ledger, "people.csv", sha('a'), false);
        Exchange exchange = fromSplitter(job, person(2, "ana@example.com"));
        rows.prepare(exchange);
        // what the call route did: the SENDING record, one attempt, the answer
        RowExecution row = row(exchange);
        claimed(job, row);
        row.attemptStarted(Instant.now());
        row.created(new CreatedSession("bv-ana", "new", "https://verifik.example/bv-ana"));

        rows.created(exchange);
        job.finish(false, null);

        List<Map<String, String>> created = ImporterHarness.csv(job.reportDir().resolve("created.csv"));
        assertThat(created).singleElement().satisfies(c -> {
            assertThat(c.get("row")).isEqualTo("2");
            assertThat(c.get("identifier")).isEqualTo("ana@example.com");
            assertThat(c.get("validationId")).isEqualTo("bv-ana");
            assertThat(c.get("url")).isEqualTo("https://verifik.example/bv-ana");
            assertThat(c.get("attempts")).isEqualTo("1");
        });
        assertThat(ledger.row(runId(job), 2)).get().satisfies(r -> {
            assertThat(r.state()).isEqualTo(LedgerRow.State.CREATED);
            assertThat(r.validationId()).isEqualTo("bv-ana");
            assertThat(r.attempts()).isEqualTo(1);
        });
    }

    @Test
    void failedWritesTheFailedLineWithTheCodeAndTheInputsOwnColumns() throws Exception {
        ImportJob job = begun(tmp.resolve("outbox"), ledger, "people.csv", sha('a'), false);
        Exchange bad = fromSplitter(job, JobFixture.badType(2, "ana@example.com"));
        rows.prepare(bad);
        rows.failed(bad);
        // a row sent and refused by Verifik
        Exchange refused = fromSplitter(job, person(3, "bob@example.com"));
        rows.prepare(refused);
        RowExecution row = row(refused);
        claimed(job, row);
        row.attemptStarted(Instant.now());
        row.fail(new RowFailure("MissingParameter", "projectFlow is required", 409, false));
        rows.failed(refused);
        job.finish(false, null);

        List<Map<String, String>> failed = ImporterHarness.csv(job.reportDir().resolve("failed.csv"));
        assertThat(failed).extracting(f -> f.get("row") + ":" + f.get("errorCode") + ":" + f.get("httpStatus"))
                .containsExactlyInAnyOrder("2:INVALID_TYPE:", "3:MissingParameter:409");
        assertThat(failed).extracting(f -> f.get("notes")).containsExactlyInAnyOrder("note 2", "note 3");
        assertThat(ImporterHarness.header(job.reportDir().resolve("failed.csv"))).containsExactly(
                "identifier", "project", "projectFlow", "type", "notes",
                "errorCode", "errorMessage", "httpStatus", "attempts", "row", "retryable");
        assertThat(ledger.row(runId(job), 2)).as("never sent, not in the ledger").isEmpty();
        assertThat(ledger.row(runId(job), 3)).get().satisfies(r -> {
            assertThat(r.state()).isEqualTo(LedgerRow.State.FAILED);
            assertThat(r.errorCode()).isEqualTo("MissingParameter");
            assertThat(r.httpStatus()).isEqualTo(409);
        });
    }

    @Test
    void aRowClaimedButNotSentBeforeTheRunStoppedIsReleasedForTheNextRun() throws Exception {
        ImportJob job = begun(tmp.resolve("outbox"), ledger, "people.csv", sha('a'), false);
        Exchange exchange = fromSplitter(job, person(2, "ana@example.com"));
        rows.prepare(exchange);
        RowExecution row = row(exchange);
        claimed(job, row);
        row.fail(RowExecution.notAttempted("Verifik answered 401"));

        rows.failed(exchange);
        job.finish(true, "Verifik answered 401");

        assertThat(ledger.row(runId(job), 2)).as("the next run sends it").isEmpty();
        assertThat(ImporterHarness.csv(job.reportDir().resolve("failed.csv"))).singleElement()
                .satisfies(f -> {
                    assertThat(f.get("errorCode")).isEqualTo(ErrorCode.NOT_ATTEMPTED.name());
                    assertThat(f.get("retryable")).isEqualTo("true");
                });
    }

    @Test
    void validInADryRunReportsTheRowAsValidWithNoValidation() throws Exception {
        ImportJob job = begun(tmp.resolve("outbox"), null, "people.csv", sha('a'), true);
        RowSteps dryRows = new RowSteps(results, false);
        Exchange exchange = fromSplitter(job, person(2, "ana@example.com"));
        dryRows.prepare(exchange);
        assertThat(row(exchange).next()).isEqualTo(RowExecution.Step.CHECK);

        dryRows.valid(exchange);
        job.finish(false, null);

        assertThat(ImporterHarness.csv(job.reportDir().resolve("created.csv"))).singleElement().satisfies(c -> {
            assertThat(c.get("row")).isEqualTo("2");
            assertThat(c.get("status")).isEqualTo("valid (dry run)");
            assertThat(c.get("validationId")).isEmpty();
            assertThat(c.get("attempts")).isEqualTo("0");
        });
        assertThat(ImporterHarness.summary(job.reportDir()).path("dryRun").asBoolean()).isTrue();
    }
}
