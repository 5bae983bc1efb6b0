package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.P1;
import static org.verifikimporter.e2e.ImporterHarness.row;

import java.awt.image.BufferedImage;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.verifikimporter.domain.ErrorCode;
import org.verifikimporter.simulator.SimulatorOptions;
import org.verifikimporter.simulator.VerifikSimulator;

/**
 * report.html and index.html as a person sees them: rendered by headless Chromium from a file:// URL,
 * offline. The screenshot must show the chart (its bars in their colours, in proportion) and the DOM the
 * facts, the failure table and the links; a file name full of markup stays text.
 */
class ReportPageBrowserTest {

    static final String TOKEN = "html-token-3c1";
    static final String NAME = "o'brien <b>team & co.csv";
    static final int CREATED = 6;
    static final int CREATED_RGB = 0x2e7d32;
    static final int FAILED_RGB = 0xc62828;

    static Chromium chromium;

    @TempDir
    Path tmp;

    @BeforeAll
    static void needsChromium() {
        chromium = Chromium.required();
    }

    Path importOneFile() throws Exception {
        try (VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0).build()).start()) {
            ImporterHarness h = new ImporterHarness(tmp.resolve("data"), sim.baseUrl(), TOKEN);
            StringBuilder csv = new StringBuilder("identifier,project,projectFlow,type,notes\n");
            for (int i = 0; i < CREATED; i++) {
                csv.append(row("p" + i + "@example.com", P1, F_LOGIN, "login", "<script>alert(1)</script>"));
            }
            csv.append(row("x1@example.com", P1, F_LOGIN, "nope", "a"));   // row 8: INVALID_TYPE
            csv.append(row("x2@example.com", P1, F_LOGIN, "nope", "b"));   // row 9: INVALID_TYPE
            csv.append(row("x3@example.com", "", F_LOGIN, "login", "c"));  // row 10: MISSING_FIELD
            h.drop(NAME, csv.toString());
            ImporterHarness.Result r = h.run("run");
            assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
            return h.onlyReportDir();
        }
    }

    @Test
    void theReportPageShowsTheChartInProportion() throws Exception {
        Path dir = importOneFile();
        Path png = tmp.resolve("report.png");

        chromium.screenshot(dir.resolve("report.html"), png, tmp);

        BufferedImage img = ImageIO.read(png.toFile());
        // the bar of all rows: created and failed side by side, on one pixel row
        int bestRow = -1;
        int bestCreated = 0;
        int failedThere = 0;
        for (int y = 0; y < img.getHeight(); y++) {
            int created = 0;
            int failed = 0;
            for (int x = 0; x < img.getWidth(); x++) {
                int rgb = img.getRGB(x, y) & 0xffffff;
                if (close(rgb, CREATED_RGB)) {
                    created++;
                } else if (close(rgb, FAILED_RGB)) {
                    failed++;
                }
            }
            if (created > 0 && failed > 0 && created > bestCreated) {
                bestRow = y;
                bestCreated = created;
                failedThere = failed;
            }
        }
        assertThat(bestRow).as("no pixel row shows the created and failed colours together: the chart did not render")
                .isNotNegative();
        assertThat(bestCreated + failedThere).as("width of the bar of all rows").isGreaterThan(300);
        double share = bestCreated / (double) (bestCreated + failedThere);
        assertThat(share).as("created share of the bar of all rows").isBetween(CREATED / 9.0 - 0.03, CREATED / 9.0 + 0.03);
        // the created bar (6) is three times as long as the INVALID_TYPE bar (2): both on the same scale
        int createdBar = longestRun(img, CREATED_RGB, bestRow + 30);
        int failedBar = longestRun(img, FAILED_RGB, bestRow + 30);
        assertThat(createdBar).isGreaterThan(100);
        assertThat(createdBar / (double) failedBar).isBetween(2.8, 3.2);
    }

    @Test
    void theRenderedPageHoldsTheFactsTheFailureTableAndLinksWithEveryValueEscaped() throws Exception {
        Path dir = importOneFile();
        String html = Files.readString(dir.resolve("report.html"), StandardCharsets.UTF_8);
        // self-contained: nothing to fetch, nothing to run
        assertThat(html).doesNotContain("<script").doesNotContain("<link").doesNotContain("src=")
                .doesNotContain("https://").doesNotContain("@example.com");

        String dom = chromium.dumpDom(dir.resolve("report.html"), tmp);

        assertThat(dom).contains("<h1>o'brien &lt;b&gt;team &amp; co.csv</h1>").doesNotContain("<b>team");
        assertThat(dom).contains("<svg id=\"chart\"").contains("id=\"bar-all-created\"").contains("id=\"bar-code-INVALID_TYPE\"");
        assertThat(dom).containsPattern("<tr><td class=\"codes\"><code>INVALID_TYPE</code>.*?</td><td class=\"num\">2</td><td>no</td><td>"
                + java.util.regex.Pattern.quote(ErrorCode.INVALID_TYPE.advice())
                + "</td><td class=\"rows\"><span class=\"n\">8</span>, <span class=\"n\">9</span></td></tr>");
        assertThat(dom).containsPattern("<code>MISSING_FIELD</code>.*?<td class=\"rows\"><span class=\"n\">10</span></td>");
        assertThat(dom).contains("SHA-256").containsPattern("[0-9a-f]{64}").contains("Started").contains("Duration")
                .contains("Achieved rate");
        assertThat(dom).contains("href=\"created.csv\"").contains("href=\"failed.csv\"").contains("href=\"../index.html\"");
        assertThat(dir.resolve("created.csv")).exists();
        assertThat(dir.resolve("failed.csv")).exists();
    }

    @Test
    void theOutboxIndexListsEveryRunNewestFirstWithLinksThatResolve() throws Exception {
        Path first = importOneFile();
        Path second;
        try (VerifikSimulator sim = new VerifikSimulator(SimulatorOptions.builder().token(TOKEN).port(0).build()).start()) {
            ImporterHarness h = new ImporterHarness(tmp.resolve("data"), sim.baseUrl(), TOKEN);
            h.drop("later.csv", "identifier,project,projectFlow,type\nz@example.com," + P1 + "," + F_LOGIN + ",login\n");
            assertThat(h.run("run").exitCode()).isZero();
            second = h.reportDirs().stream().filter(d -> d.getFileName().toString().startsWith("later")).findFirst()
                    .orElseThrow();
        }
        Path index = first.getParent().resolve("index.html");

        String dom = chromium.dumpDom(index, tmp);

        int laterAt = dom.indexOf("later.csv");
        int firstAt = dom.indexOf("o'brien &lt;b&gt;team &amp; co.csv");
        assertThat(laterAt).isPositive();
        assertThat(firstAt).as("newest first").isGreaterThan(laterAt);
        assertThat(dom).contains("href=\"" + second.getFileName() + "/report.html\"");
        // the file name is the link; the folder name has spaces and quotes: the link is percent-encoded and still
        // finds the page
        String href = dom.replaceAll("(?s).*href=\"([^\"]*)\">" + java.util.regex.Pattern.quote(
                "o'brien &lt;b&gt;team &amp; co.csv") + "</a>.*", "$1");
        assertThat(first.getParent().toUri().resolve(href.replace("&amp;", "&"))).satisfies(u ->
                assertThat(Path.of(u)).isEqualTo(first.resolve("report.html")).exists());
        Path png = tmp.resolve("index.png");
        chromium.screenshot(index, png, tmp);
        BufferedImage img = ImageIO.read(png.toFile());
        assertThat(longestRunAnywhere(img, CREATED_RGB)).as("the little created/failed bars render").isGreaterThan(50);
    }

    static boolean close(int rgb, int want) {
        return Math.abs(((rgb >> 16) & 0xff) - ((want >> 16) & 0xff)) <= 6
                && Math.abs(((rgb >> 8) & 0xff) - ((want >> 8) & 0xff)) <= 6
                && Math.abs((rgb & 0xff) - (want & 0xff)) <= 6;
    }

    /** The longest horizontal run of a colour on any pixel row from {@code fromY} down. */
    static int longestRun(BufferedImage img, int rgb, int fromY) {
        int best = 0;
        for (int y = Math.max(0, fromY); y < img.getHeight(); y++) {
            int run = 0;
            for (int x = 0; x < img.getWidth(); x++) {
                run = close(img.getRGB(x, y) & 0xffffff, rgb) ? run + 1 : 0;
                best = Math.max(best, run);
            }
        }
        return best;
    }

    static int longestRunAnywhere(BufferedImage img, int rgb) {
        return longestRun(img, rgb, 0);
    }
}
