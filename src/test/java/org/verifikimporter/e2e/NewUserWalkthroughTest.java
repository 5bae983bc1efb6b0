package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.cli.ImporterCli;
import org.verifikimporter.domain.FormulaGuard;
import org.verifikimporter.simulator.SimulatorOptions;
import org.verifikimporter.simulator.VerifikSimulator;

/**
 * The "done when", tried as a new user would: after {@code demo}, the outbox's index.html shows
 * the run, its chart and its failure table; {@code retry} of a run followed by {@code run} re-sends only
 * the retryable rows (the sample file through an outage, then through a healthy Verifik).
 */
class NewUserWalkthroughTest {

    static final String TOKEN = "walk-token-77";

    @TempDir
    Path tmp;

    @Test
    void afterTheDemoTheIndexShowsTheRunItsChartAndItsFailureTable() throws Exception {
        Chromium chromium = Chromium.required();
        StringWriter out = new StringWriter();
        int code = ImporterCli.execute(new String[] {"demo", "--dir", tmp.resolve("demo").toString(), "--samples",
                "data/samples"}, Map.of(), new PrintWriter(out, true), new PrintWriter(new StringWriter(), true));
        assertThat(code).as(out.toString()).isEqualTo(2);
        Path index = tmp.resolve("demo/outbox/index.html");
        assertThat(out.toString()).contains("Open " + index + " in a browser");
        // the demo tracks once: of the sample's 16 validations the simulator completes 7, fails 4, expires 2
        assertThat(out.toString()).containsPattern("users\\.csv +16 +3 +7 +4 +2  20");

        String indexDom = chromium.dumpDom(index, tmp);
        assertThat(indexDom).contains("users.csv").contains(">25<").contains(">16<").contains(">9<");
        String link = indexDom.replaceAll("(?s).*href=\"([^\"]*/report\\.html)\".*", "$1");
        Path report = index.getParent().resolve(link);
        assertThat(report).exists();

        String reportDom = chromium.dumpDom(report, tmp);
        assertThat(reportDom).contains("<svg id=\"chart\"").contains("<table id=\"failures\">")
                .contains("<code>INVALID_EMAIL</code>").contains("<code>DUPLICATE_ROW</code>")
                .contains("Correct the email address.");
        assertThat(reportDom).contains("<tr id=\"funnel-completed\"><th>Completed</th><td class=\"num\">7</td>")
                .contains("<tr id=\"funnel-expired\"><th>Expired</th><td class=\"num\">2</td>")
                .contains("Statuses last checked 20");
        assertThat(indexDom).contains(">44% completed<");
        Path png = tmp.resolve("demo-report.png");
        chromium.screenshot(report, png, tmp);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(ReportPageBrowserTest.longestRunAnywhere(img, ReportPageBrowserTest.CREATED_RGB))
                .as("the created bar is drawn").isGreaterThan(200);
    }

    @Test
    void retryOfARunThenRunSendsOnlyTheRetryableRowsOfTheSampleFile() throws Exception {
        Path runDir;
        try (VerifikSimulator down = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0)
                .serverErrorRate(1.0).build()).start()) {
            ImporterHarness h = new ImporterHarness(tmp, down.baseUrl(), TOKEN).set("importer.max-attempts", "2");
            Files.createDirectories(h.inbox);
            Files.copy(Path.of("data/samples/users.csv"), h.inbox.resolve("users.csv"));
            ImporterHarness.Result first = h.run("run");
            assertThat(first.exitCode()).isEqualTo(2);
            runDir = h.onlyReportDir();
        }
        List<Map<String, String>> failed = ImporterHarness.csv(runDir.resolve("failed.csv"));
        Set<String> retryable = failed.stream().filter(f -> f.get("retryable").equals("true"))
                .map(f -> FormulaGuard.unguard(f.get("identifier"))).collect(Collectors.toSet());
        Set<String> needAFix = failed.stream().filter(f -> f.get("retryable").equals("false"))
                .map(f -> f.get("row")).collect(Collectors.toSet());
        assertThat(retryable).hasSizeGreaterThan(10);
        assertThat(needAFix).hasSizeGreaterThan(3);

        try (VerifikSimulator up = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0).build()).start()) {
            ImporterHarness h = new ImporterHarness(tmp, up.baseUrl(), TOKEN);
            ImporterHarness.Result retry = h.run("retry", runDir.toString());
            assertThat(retry.exitCode()).as(retry.err()).isZero();
            assertThat(retry.out()).contains(retryable.size() + " retryable row(s) put back");

            ImporterHarness.Result run = h.run("run");

            ObjectMapper json = new ObjectMapper();
            assertThat(up.requests().stream().filter(r -> r.method().equals("POST")).toList())
                    .extracting(r -> json.readTree(r.body()).get("identifier").asText())
                    .containsExactlyInAnyOrderElementsOf(retryable);
            assertThat(run.out()).contains("users-retry-");
        }
    }
}
