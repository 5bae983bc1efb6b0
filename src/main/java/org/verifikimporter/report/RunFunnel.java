package org.verifikimporter.report;

import static org.verifikimporter.report.Html.esc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;
import org.verifikimporter.ledger.Funnel;

/**
 * Where a run's created validations stand after the link, as the pages show it: report.html's funnel, the
 * completed share in index.html and the numbers of {@code status}. The pages read it from the run folder's
 * funnel.json, which each tracking pass (or webhook) that looked at the run rewrites; a folder without one was
 * never checked: all its validations are as created.
 */
public final class RunFunnel {

    public static final String FILE_NAME = "funnel.json";
    /** report.html's funnel lies between these, so a tracking pass replaces it without the rest of the page. */
    static final String START = "<!-- funnel -->";
    static final String END = "<!-- /funnel -->";
    private static final ObjectMapper JSON = new ObjectMapper();

    private RunFunnel() {
    }

    /** The funnel of a run nobody checked yet: every created validation still open. */
    public static Funnel unchecked(long created) {
        return new Funnel(created, created, 0, 0, 0, null);
    }

    public static Optional<Funnel> read(Path dir) {
        Path f = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(f)) {
            return Optional.empty();
        }
        try {
            JsonNode n = JSON.readTree(f.toFile());
            JsonNode at = n.path("lastCheckedAt");
            return Optional.of(new Funnel(n.path("created").asLong(), n.path("open").asLong(),
                    n.path("completed").asLong(), n.path("failed").asLong(), n.path("expired").asLong(),
                    at.isTextual() ? Instant.parse(at.asText()) : null));
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** funnel.json, through a temp file so a page being written never reads half. */
    static void write(Path dir, Funnel f) throws IOException {
        ObjectNode n = JSON.createObjectNode();
        n.put("created", f.created());
        n.put("open", f.open());
        n.put("completed", f.completed());
        n.put("failed", f.failed());
        n.put("expired", f.expired());
        n.put("lastCheckedAt", f.lastCheckedAt() == null ? null : f.lastCheckedAt().toString());
        Path tmp = dir.resolve(FILE_NAME + "." + ProcessHandle.current().pid() + ".tmp");
        JSON.writerWithDefaultPrettyPrinter().writeValue(tmp.toFile(), n);
        Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /** "60% (1200 of 2000)". */
    public static String completedShare(Funnel f) {
        if (f.created() == 0) {
            return "";
        }
        return String.format(Locale.ROOT, "%.0f%% (%d of %d)", 100.0 * f.completed() / f.created(), f.completed(),
                f.created());
    }

    /** "44%": the completed share, rounded. */
    public static String completedPercent(Funnel f) {
        return f.created() == 0 ? "" : String.format(Locale.ROOT, "%.0f%%", 100.0 * f.completed() / f.created());
    }

    public static String lastChecked(Funnel f) {
        return f.lastCheckedAt() == null ? "not checked yet" : "last checked " + Html.when(f.lastCheckedAt());
    }

    /** report.html's section, between its markers. */
    static String html(Funnel f) {
        StringBuilder b = new StringBuilder(START).append("\n<section id=\"funnel-section\">\n")
                .append("<h2>After the link</h2>\n<table id=\"funnel\">\n<tbody>\n");
        row(b, "created", "Created", f.created(), f.created(), null);
        row(b, "open", "Still open", f.open(), f.created(), null);
        row(b, "completed", "Completed", f.completed(), f.created(), Html.CREATED_COLOUR);
        row(b, "failed", "Failed", f.failed(), f.created(), Html.FAILED_COLOUR);
        row(b, "expired", "Expired", f.expired(), f.created(), Html.RETRYABLE_COLOUR);
        b.append("</tbody>\n</table>\n<p id=\"funnel-checked\">Statuses ").append(esc(lastChecked(f)))
                .append(f.lastCheckedAt() == null ? ": <code>track</code> reads them from Verifik." : ".")
                .append(" Each validation's status is in <a id=\"status-link\" href=\"status.csv\">status.csv</a>.</p>\n")
                .append("</section>\n").append(END);
        return b.toString();
    }

    private static void row(StringBuilder b, String id, String name, long count, long created, String colour) {
        String share = created == 0 || "created".equals(id) ? ""
                : String.format(Locale.ROOT, "%.0f%%", 100.0 * count / created);
        b.append("<tr id=\"funnel-").append(id).append("\"><th>").append(esc(name)).append("</th><td class=\"num\">")
                .append(count).append("</td><td class=\"num\">").append(share).append("</td><td>");
        if (colour != null && created > 0) {
            int width = (int) Math.round(200.0 * count / created);
            b.append("<svg width=\"200\" height=\"12\" viewBox=\"0 0 200 12\" aria-hidden=\"true\">")
                    .append("<rect x=\"0\" y=\"0\" width=\"200\" height=\"12\" fill=\"#eaeef2\"/>")
                    .append(width > 0 ? "<rect x=\"0\" y=\"0\" width=\"" + width + "\" height=\"12\" fill=\"" + colour
                            + "\"/>" : "")
                    .append("</svg>");
        }
        b.append("</td></tr>\n");
    }
}
