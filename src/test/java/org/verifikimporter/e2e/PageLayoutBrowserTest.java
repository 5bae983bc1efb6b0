package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.F_P2_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.P1;
import static org.verifikimporter.e2e.ImporterHarness.row;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.simulator.SimulatorOptions;
import org.verifikimporter.simulator.VerifikSimulator;

/**
 * index.html and report.html on a 1280x900 screen, in headless Chromium, with the long names, long codes and
 * three-digit row numbers of a real import: nothing is off-screen, the file name links to its report, a row
 * number never breaks, and the chart's legend names only the colours it uses.
 */
class PageLayoutBrowserTest {

    static final int WIDTH = 1280;
    static final int HEIGHT = 900;
    static final String TOKEN = "layout-token-9d2";
    static final String LONG_NAME = "Quarterly_onboarding_export_from_the_HR_system_2026-11-26_final_version_2.csv";
    static final String DRY_NAME = "people to check before the big send on monday (sales team, second list).csv";
    static final String UNKNOWN_PROJECT = "6650f1a2b3c4d5e6f7a8ffff";
    static final int RETRYABLE_RGB = 0xef6c00;
    static final ObjectMapper JSON = new ObjectMapper();

    /** Every box outside the viewport, the file-name links, and the "First rows" numbers split over two lines. */
    static final String PROBE = """
            var vw = document.documentElement.clientWidth;
            var out = {vw: vw, scrollWidth: document.documentElement.scrollWidth, outside: [], links: [], broken: [],
                       rowNumbers: []};
            document.querySelectorAll('th, td, svg, a, h1, h2, p').forEach(function (e) {
              var r = e.getBoundingClientRect();
              if (r.width > 0 && (r.left < 0 || r.right > vw)) {
                out.outside.push(e.tagName + ' "' + e.textContent.trim().slice(0, 40) + '" ' + Math.round(r.left)
                    + '..' + Math.round(r.right));
              }
            });
            document.querySelectorAll('a.report').forEach(function (a) {
              var r = a.getBoundingClientRect();
              out.links.push({text: a.textContent, href: a.getAttribute('href'), left: r.left, right: r.right});
            });
            // each number in the last column of the failure table: on one line, whatever the markup around it
            document.querySelectorAll('#failures tbody tr').forEach(function (tr) {
              var walker = document.createTreeWalker(tr.lastElementChild, NodeFilter.SHOW_TEXT);
              for (var node = walker.nextNode(); node; node = walker.nextNode()) {
                var re = /\\d+/g;
                for (var m = re.exec(node.data); m; m = re.exec(node.data)) {
                  var range = document.createRange();
                  range.setStart(node, m.index);
                  range.setEnd(node, m.index + m[0].length);
                  var lines = {};
                  Array.prototype.forEach.call(range.getClientRects(), function (r) {
                    if (r.width > 0) { lines[Math.round(r.top)] = true; }
                  });
                  out.rowNumbers.push(m[0]);
                  if (Object.keys(lines).length !== 1) { out.broken.push(m[0]); }
                }
              }
            });
            return JSON.stringify(out);
            """;

    static Chromium chromium;

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsChromium() {
        chromium = Chromium.required();
    }

    /**
     * A long-named file of 215 rows whose failures start at row 208 (nothing retryable), a dry run, and the same
     * content dropped again under another name (rejected, with a long reason).
     */
    ImporterHarness imports() throws Exception {
        try (VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0).build()).start()) {
            ImporterHarness h = new ImporterHarness(tmp.resolve("data"), sim.baseUrl(), TOKEN);
            StringBuilder csv = new StringBuilder("identifier,project,projectFlow,type,department\n");
            for (int i = 2; i <= 207; i++) {
                csv.append(row("p" + i + "@example.com", P1, F_LOGIN, "login", "Ops"));
            }
            for (int i = 208; i <= 212; i++) {
                csv.append(row("t" + i + "@example.com", P1, F_LOGIN, "nope", "Ops"));             // INVALID_TYPE
            }
            csv.append(row("u213@example.com", UNKNOWN_PROJECT, F_LOGIN, "login", "Ops"));     // Project_not_found_...
            csv.append(row("u214@example.com", UNKNOWN_PROJECT, F_LOGIN, "login", "Ops"));
            csv.append(row("f215@example.com", P1, F_P2_LOGIN, "login", "Ops"));                // INVALID_PROJECT_FLOW
            csv.append(row("m216@example.com", "", F_LOGIN, "login", "Ops"));                   // MISSING_FIELD
            h.drop(LONG_NAME, csv.toString());
            ImporterHarness.Result first = h.run("run");
            assertThat(first.exitCode()).as(first.out() + first.err()).isEqualTo(2);

            Path dry = h.drop(DRY_NAME, "identifier,project,projectFlow,type\n" + row("a@example.com", P1, F_LOGIN, "login")
                    + row("b@example.com", P1, F_LOGIN, "bogus"));
            assertThat(h.run("validate", dry.toString()).exitCode()).isEqualTo(2);
            Files.delete(dry);

            h.drop("Quarterly export again, renamed by someone in a hurry.csv", csv.toString());
            ImporterHarness.Result again = h.run("run");
            assertThat(again.exitCode()).as(again.out() + again.err()).isEqualTo(3);
            return h;
        }
    }

    @Test
    void theIndexFitsAt1280AndEachFileNameLinksToItsReport() throws Exception {
        ImporterHarness h = imports();
        Path index = h.outbox.resolve("index.html");

        JsonNode m = JSON.readTree(chromium.measure(index, tmp, WIDTH, HEIGHT, PROBE));

        assertThat(m.get("vw").asInt()).isEqualTo(WIDTH);
        assertThat(m.get("outside")).as("boxes off-screen at 1280 px").isEmpty();
        assertThat(m.get("scrollWidth").asInt()).as("no sideways scrolling").isLessThanOrEqualTo(WIDTH);
        List<String> names = new ArrayList<>();
        for (JsonNode link : m.get("links")) {
            names.add(link.get("text").asText());
            assertThat(link.get("right").asDouble()).as(link.get("text").asText()).isLessThanOrEqualTo(WIDTH);
            Path target = Path.of(index.getParent().toUri().resolve(link.get("href").asText()));
            assertThat(target).as("the link of " + link.get("text").asText()).exists().hasFileName("report.html");
        }
        assertThat(names).containsExactlyInAnyOrder(LONG_NAME, DRY_NAME);
        Path png = tmp.resolve("index-1280.png");
        chromium.screenshot(index, png, tmp, WIDTH, HEIGHT);
        assertThat(ImageIO.read(png.toFile()).getWidth()).isEqualTo(WIDTH);
    }

    @Test
    void theReportFitsAt1280ItsRowNumbersNeverBreakAndTheLegendHasNoOrangeWhenNothingIsRetryable() throws Exception {
        ImporterHarness h = imports();
        Path report = h.reportDirs().stream().filter(d -> d.getFileName().toString().startsWith("Quarterly_"))
                .findFirst().orElseThrow().resolve("report.html");

        JsonNode m = JSON.readTree(chromium.measure(report, tmp, WIDTH, HEIGHT, PROBE));

        assertThat(m.get("outside")).as("boxes off-screen at 1280 px").isEmpty();
        assertThat(m.get("scrollWidth").asInt()).as("no sideways scrolling").isLessThanOrEqualTo(WIDTH);
        assertThat(m.get("rowNumbers").toString()).contains("\"208\"", "\"212\"", "\"213\"");
        assertThat(m.get("broken")).as("row numbers split over two lines").isEmpty();

        String dom = chromium.dumpDom(report, tmp);
        assertThat(dom).contains("id=\"legend-created\"").contains("id=\"legend-failed\"")
                .doesNotContain("id=\"legend-retryable\"").doesNotContain("can be sent again as is</span>");
        Path png = tmp.resolve("report-1280.png");
        chromium.screenshot(report, png, tmp, WIDTH, HEIGHT);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(orangePixels(img)).as("orange (retryable) pixels on a page with nothing retryable").isZero();
    }

    static int orangePixels(BufferedImage img) {
        int n = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                if (ReportPageBrowserTest.close(img.getRGB(x, y) & 0xffffff, RETRYABLE_RGB)) {
                    n++;
                }
            }
        }
        return n;
    }
}
