package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.P1;
import static org.verifikimporter.e2e.ImporterHarness.row;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.domain.StatusCategory;
import org.verifikimporter.report.StatusFile;
import org.verifikimporter.simulator.SimulatorOptions;
import org.verifikimporter.simulator.StatusOptions;
import org.verifikimporter.simulator.VerifikSimulator;

/**
 * The funnel after one {@code track} pass, on a 1280x900 screen in headless Chromium: report.html shows created,
 * still open, completed, failed and expired with the counts the simulator's fates give, nothing of it off-screen;
 * index.html the completed share; {@code status} the same numbers; status.csv one line per created row.
 */
class FunnelBrowserTest {

    static final int WIDTH = 1280;
    static final int HEIGHT = 900;
    static final String TOKEN = "funnel-token-5e1";
    static final int ROWS = 40;
    static final ObjectMapper JSON = new ObjectMapper();

    static final String PROBE = """
            var vw = document.documentElement.clientWidth;
            var out = {vw: vw, scrollWidth: document.documentElement.scrollWidth, rows: {}, outside: [],
                       checked: ''};
            var table = document.getElementById('funnel');
            if (!table) { return JSON.stringify(out); }
            var t = table.getBoundingClientRect();
            out.table = {left: t.left, right: t.right, width: t.width, height: t.height};
            table.querySelectorAll('tr').forEach(function (tr) {
              var r = tr.getBoundingClientRect();
              var style = getComputedStyle(tr);
              out.rows[tr.id] = {name: tr.cells[0].textContent.trim(), count: tr.cells[1].textContent.trim(),
                                 visible: r.width > 0 && r.height > 0 && style.visibility !== 'hidden'
                                          && style.display !== 'none'};
            });
            document.querySelectorAll('#funnel-section th, #funnel-section td, #funnel-section svg, #funnel-section p')
                .forEach(function (e) {
              var r = e.getBoundingClientRect();
              if (r.width > 0 && (r.left < 0 || r.right > vw)) { out.outside.push(e.tagName + ' ' + e.textContent); }
            });
            out.checked = document.getElementById('funnel-checked').textContent;
            return JSON.stringify(out);
            """;

    static Chromium chromium;

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsChromium() {
        chromium = Chromium.required();
    }

    @Test
    void afterOneTrackingPassTheFunnelIsOnScreenWithTheSimulatorsNumbers() throws Exception {
        StatusOptions fates = new StatusOptions(0.5, 0.2, 0.1, Duration.ZERO, null, null);
        Map<StatusCategory, Long> expected = new EnumMap<>(StatusCategory.class);
        for (StatusCategory c : StatusCategory.values()) {
            expected.put(c, 0L);
        }
        ImporterHarness h;
        try (VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0)
                .completeShare(0.5).failShare(0.2).expireShare(0.1).settleAfter(Duration.ZERO).build()).start()) {
            h = new ImporterHarness(tmp.resolve("data"), sim.baseUrl(), TOKEN);
            StringBuilder csv = new StringBuilder("identifier,project,projectFlow,type,department\n");
            for (int i = 0; i < ROWS; i++) {
                String id = "person" + i + "@example.com";
                csv.append(row(id, P1, F_LOGIN, "login", "Ops"));
                expected.merge(StatusCategory.of(fates.fateOf(id)), 1L, Long::sum);
            }
            h.drop("funnel.csv", csv.toString());
            ImporterHarness.Result run = h.run("run");
            assertThat(run.exitCode()).as(run.out() + run.err()).isZero();
            ImporterHarness.Result track = h.run("track");
            assertThat(track.exitCode()).as(track.out() + track.err()).isZero();
        }
        // the fates are spread: every box of the funnel has something to count
        assertThat(expected.values()).allMatch(n -> n > 0);
        Path dir = h.onlyReportDir();

        JsonNode m = JSON.readTree(chromium.measure(dir.resolve("report.html"), tmp, WIDTH, HEIGHT, PROBE));
        assertThat(m.path("scrollWidth").asInt()).as(m.toString()).isLessThanOrEqualTo(m.path("vw").asInt());
        assertThat(m.path("outside")).as(m.toString()).isEmpty();
        assertThat(m.path("table").path("height").asDouble()).as(m.toString()).isGreaterThan(0);
        Map<String, Long> shown = Map.of("funnel-created", (long) ROWS,
                "funnel-open", expected.get(StatusCategory.OPEN),
                "funnel-completed", expected.get(StatusCategory.COMPLETED),
                "funnel-failed", expected.get(StatusCategory.FAILED),
                "funnel-expired", expected.get(StatusCategory.EXPIRED));
        for (Map.Entry<String, Long> e : shown.entrySet()) {
            JsonNode r = m.path("rows").path(e.getKey());
            assertThat(r.path("visible").asBoolean()).as(e.getKey() + " " + m).isTrue();
            assertThat(r.path("count").asText()).as(e.getKey()).isEqualTo(Long.toString(e.getValue()));
        }
        assertThat(m.path("rows").path("funnel-open").path("name").asText()).isEqualTo("Still open");
        assertThat(m.path("checked").asText()).contains("last checked 20").doesNotContain("not checked yet");

        Path indexPage = dir.getParent().resolve("index.html");
        JsonNode fit = JSON.readTree(chromium.measure(indexPage, tmp, WIDTH, HEIGHT, "return JSON.stringify({vw: "
                + "document.documentElement.clientWidth, scrollWidth: document.documentElement.scrollWidth});"));
        assertThat(fit.path("scrollWidth").asInt()).as("index.html at 1280 px " + fit)
                .isLessThanOrEqualTo(fit.path("vw").asInt());
        String index = chromium.dumpDom(indexPage, tmp);
        long completed = expected.get(StatusCategory.COMPLETED);
        assertThat(index).contains(">" + Math.round(100.0 * completed / ROWS) + "% completed<")
                .contains(Math.round(100.0 * completed / ROWS) + "% (" + completed + " of " + ROWS + "), last checked");

        ImporterHarness.Result status = h.run("status");
        assertThat(status.out()).contains("after the link: " + ROWS + " created, " + expected.get(StatusCategory.OPEN)
                + " still open, " + completed + " completed, " + expected.get(StatusCategory.FAILED) + " failed, "
                + expected.get(StatusCategory.EXPIRED) + " expired; last checked 20");

        List<String> lines = Files.readAllLines(dir.resolve(StatusFile.FILE_NAME));
        assertThat(lines).hasSize(ROWS + 1);
        assertThat(lines.get(0)).isEqualTo("\uFEFFrow,identifier,validationId,status,changedAt,identifier,project,"
                + "projectFlow,type,department");
        assertThat(lines.stream().skip(1).filter(l -> l.contains(",completed,"))).hasSize((int) completed);
    }
}
