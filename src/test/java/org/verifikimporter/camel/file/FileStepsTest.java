package org.verifikimporter.camel.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.P1;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.apache.camel.CamelContext;
import org.apache.camel.Exchange;
import org.apache.camel.dataformat.csv.CsvDataFormat;
import org.apache.camel.impl.DefaultCamelContext;
import org.apache.camel.support.DefaultExchange;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.camel.RouteKeys;
import org.verifikimporter.config.ImporterSettings;
import org.verifikimporter.domain.CsvRecordReader;
import org.verifikimporter.domain.CsvRow;
import org.verifikimporter.domain.FileOutcome;
import org.verifikimporter.domain.FileProblem;
import org.verifikimporter.e2e.ImporterHarness;
import org.verifikimporter.job.FileExecution;
import org.verifikimporter.job.JobFixture;
import org.verifikimporter.job.Progress;
import org.verifikimporter.job.RowExecution;
import org.verifikimporter.job.RunResults;
import org.verifikimporter.ledger.Ledger;

/**
 * The file route's steps on a real exchange, with the application's settings, a real embedded ledger and
 * real folders: what happens to a file (read, archived, rejected with a reason) and the rows it yields.
 */
class FileStepsTest {

    @TempDir
    Path tmp;
    Path inbox;
    CamelContext camel;
    Ledger ledger;
    final RunResults results = new RunResults();
    FileSteps files;

    @BeforeEach
    void start() throws Exception {
        inbox = Files.createDirectories(tmp.resolve("inbox"));
        camel = new DefaultCamelContext();
        camel.start();
        ledger = JobFixture.ledger(tmp.resolve("state"));
        ImporterSettings settings = ImporterSettings.builder().env(Map.of("VERIFIK_TOKEN", "t")).override(Map.of(
                "importer.inbox", inbox.toString(),
                "importer.outbox", tmp.resolve("outbox").toString(),
                "importer.archive", tmp.resolve("archive").toString(),
                "importer.rejected", tmp.resolve("rejected").toString(),
                "importer.state", tmp.resolve("state").toString())).build();
        files = new FileSteps(settings, results, JobFixture.CLOCK, ledger, (name, total) -> Progress.none(name), false, null);
    }

    @AfterEach
    void stop() throws Exception {
        ledger.close();
        camel.close();
    }

    /** As the inbox consumer hands a file to the file route. */
    Exchange consumed(Path file) {
        Exchange exchange = new DefaultExchange(camel);
        exchange.getIn().setHeader(Exchange.FILE_PATH, file.toString());
        return exchange;
    }

    static FileExecution file(Exchange exchange) {
        return RouteKeys.FILE.get(exchange);
    }

    /** The route's own reading of begin's body: camel-csv, lazily, for a clean file; else the recovering reader. */
    @SuppressWarnings("unchecked")
    static Iterator<CsvRow> records(Exchange exchange) throws Exception {
        Object body = exchange.getIn().getBody();
        if (body instanceof CsvRecordReader reader) {
            return reader;
        }
        CsvDataFormat csv = new CsvDataFormat();
        csv.setLazyLoad(true);
        csv.setIgnoreEmptyLines(false);
        csv.setDelimiter(java.net.URLDecoder.decode(file(exchange).csvDelimiter(), StandardCharsets.UTF_8).charAt(0));
        csv.setRecordConverter(new CsvRowConverter());
        csv.start();
        return (Iterator<CsvRow>) csv.unmarshal(exchange, body);
    }

    /** preflight, begin and rows, as the file route runs them; the rows as the splitter gets them. */
    List<RowExecution> read(Exchange exchange) throws Exception {
        files.preflight(exchange);
        files.begin(exchange);
        List<RowExecution> rows = new ArrayList<>();
        try {
            files.rows(records(exchange), exchange).forEachRemaining(rows::add);
        } finally {
            ((Closeable) exchange.getIn().getBody()).close();
        }
        return rows;
    }

    @Test
    void aBinaryFileFailsPreflightAndIsRejectedWithItsReason() throws Exception {
        Path binary = inbox.resolve("export.csv");
        Files.copy(Path.of("src/test/resources/corpus/random-binary-with-nul-bytes.csv"), binary);
        Exchange exchange = consumed(binary);

        Throwable thrown = catchThrowable(() -> files.preflight(exchange));
        assertThat(thrown).isInstanceOf(FileProblem.class).hasMessageContaining("binary data");
        assertThat(file(exchange)).as("set for the error handler").isNotNull();
        assertThat(file(exchange).job()).as("nothing begun").isNull();

        // the file-errors handler: reject, with the reason
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, thrown);
        files.reject(exchange);

        Path rejected = tmp.resolve("rejected");
        assertThat(file(exchange).destination()).isEqualTo(rejected.resolve("export.csv").toAbsolutePath().toString());
        String reason = Files.readString(rejected.resolve("export.csv.reason.txt"));
        assertThat(reason).contains("did not import \"export.csv\"").contains("binary data")
                .contains("No row of this file was sent");
        assertThat(results.outcomes()).singleElement().satisfies(o -> {
            assertThat(o.rejected()).isTrue();
            assertThat(o.reason()).contains("binary data");
        });
        assertThat(binary).as("the file consumer moves it, to the destination").exists();
    }

    @Test
    void theRowsComeInFileOrderNumberedAsASpreadsheetShowsThem() throws Exception {
        Path csv = inbox.resolve("people.csv");
        Files.writeString(csv, "identifier,project,projectFlow,type,notes\r\n"
                + "ana@example.com," + P1 + "," + F_LOGIN + ",login,\"two\r\nlines\"\r\n"   // row 2
                + "\r\n"                                                                    // row 3: blank
                + "bob@example.com," + P1 + "," + F_LOGIN + ",nope,x\r\n"                   // row 4
                + ",,,,\r\n"                                                                // row 5: only delimiters
                + "cid@example.com," + P1 + "," + F_LOGIN + ",login,y\r\n");                // row 6
        Exchange exchange = consumed(csv);

        List<RowExecution> rows = read(exchange);

        assertThat(file(exchange).csvDelimiter()).as("a clean file: camel-csv reads it").isEqualTo("%2C");
        assertThat(rows).extracting(RowExecution::rowNumber).containsExactly(2L, 4L, 6L);
        assertThat(rows).extracting(r -> r.row().cells().get(0))
                .containsExactly("ana@example.com", "bob@example.com", "cid@example.com");
        assertThat(rows.get(0).row().cells().get(4)).isEqualTo("two\r\nlines");
        assertThat(rows.get(1).failure().code()).isEqualTo("INVALID_TYPE");
        assertThat(rows.get(2).failure()).isNull();
    }

    @Test
    void aFileWithABrokenRecordIsReadOnByTheRecoveringReader() throws Exception {
        Path csv = inbox.resolve("broken.csv");
        Files.writeString(csv, "identifier,project,projectFlow,type\n"
                + "ana@example.com," + P1 + "," + F_LOGIN + ",login\n"            // row 2
                + "\"Smith\" Jr," + P1 + "," + F_LOGIN + ",login\n"                // row 3: text after a closing quote
                + "cid@example.com," + P1 + "," + F_LOGIN + ",login\n");          // row 4
        Exchange exchange = consumed(csv);

        List<RowExecution> rows = read(exchange);

        assertThat(file(exchange).csvDelimiter()).isNull();
        assertThat(rows).extracting(r -> r.rowNumber() + ":" + (r.failure() == null ? "ok" : r.failure().code()))
                .containsExactly("2:ok", "3:MALFORMED_ROW", "4:ok");
    }

    @Test
    void finishArchivesTheFileUnderTodaysDate() throws Exception {
        Path csv = inbox.resolve("header only.csv");
        Files.writeString(csv, "identifier,project,projectFlow,type\n");
        Exchange exchange = consumed(csv);
        assertThat(read(exchange)).isEmpty();

        files.finish(exchange);

        Path expected = tmp.resolve("archive").resolve("2026-11-25").resolve("header only.csv");
        assertThat(Path.of(file(exchange).destination())).isAbsolute().isEqualTo(expected.toAbsolutePath());
        assertThat(expected.getParent()).isDirectory();
        FileOutcome outcome = results.outcomes().get(0);
        assertThat(outcome.total()).isZero();
        assertThat(outcome.rejected()).isFalse();
        assertThat(ImporterHarness.summary(outcome.reportDir()).at("/rows/total").asInt()).isZero();
    }

    @Test
    void aStoppedRunLeavesTheFileInTheInbox() throws Exception {
        Path csv = inbox.resolve("people.csv");
        Files.writeString(csv, "identifier,project,projectFlow,type\n"
                + "ana@example.com," + P1 + "," + F_LOGIN + ",login\n");
        Exchange exchange = consumed(csv);
        List<RowExecution> rows = read(exchange);
        results.stop("Verifik answered 401 Unauthorized");
        rows.get(0).plan(true, results.stopReason());
        rows.get(0).job().failed(rows.get(0));

        assertThatThrownBy(() -> files.finish(exchange)).isInstanceOf(RunStoppedException.class);

        assertThat(file(exchange).destination()).as("not moved").isNull();
        assertThat(results.outcomes()).singleElement().satisfies(o -> assertThat(o.stopped()).isTrue());
        // and the next file is not even begun
        Exchange next = consumed(csv);
        assertThatThrownBy(() -> files.preflight(next)).isInstanceOf(RunStoppedException.class);
    }

    @Test
    void contentImportedBeforeIsRejectedAtBegin() throws Exception {
        String content = "identifier,project,projectFlow,type\n";
        Path first = inbox.resolve("monday.csv");
        Files.writeString(first, content);
        Exchange once = consumed(first);
        read(once);
        files.finish(once);

        Path copy = inbox.resolve("monday (copy).csv");
        Files.writeString(copy, content);
        Exchange again = consumed(copy);
        files.preflight(again);
        assertThatThrownBy(() -> files.begin(again)).isInstanceOf(FileProblem.class)
                .hasMessageContaining("already imported").hasMessageContaining("\"monday.csv\"");
    }

    @Test
    void rejectWritesTheReasonBesideTheFileAndNamesTheReportOfRowsAlreadyDone() throws Exception {
        Path csv = inbox.resolve("people.csv");
        Files.writeString(csv, "identifier,project,projectFlow,type\n"
                + "ana@example.com," + P1 + "," + F_LOGIN + ",login\n");
        Exchange exchange = consumed(csv);
        read(exchange);
        exchange.setProperty(Exchange.EXCEPTION_CAUGHT, new IllegalStateException("disk on fire"));

        files.reject(exchange);

        Path target = tmp.resolve("rejected").resolve("people.csv");
        assertThat(file(exchange).destination()).isEqualTo(target.toAbsolutePath().toString());
        assertThat(Files.readString(target.resolveSibling("people.csv.reason.txt")))
                .contains("the import failed: IllegalStateException: disk on fire")
                .contains(file(exchange).job().reportDir().toString());
    }
}
