package org.verifikimporter.report;

import static org.verifikimporter.report.Html.esc;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * report.html's chart, drawn here as inline SVG (nothing is fetched): one bar of all rows split into passed,
 * failed needing a fix and failed that can be sent again, then passed and each failure code to one scale; and
 * a legend of the colours the bars use, no others.
 */
final class RunChart {

    /** Width in px of the longest bar; the stacked bar of all rows is this wide. */
    static final int BAR_WIDTH = 520;
    private static final int LABEL_WIDTH = 230;

    private final FileReport.Summary s;
    private final String passed;
    /** The colours drawn so far, in the order the legend lists them. */
    private final Set<String> used = new LinkedHashSet<>();

    private RunChart(FileReport.Summary s) {
        this.s = s;
        this.passed = s.dryRun() ? "valid" : "created";
    }

    static String html(FileReport.Summary s) {
        return new RunChart(s).render();
    }

    private String render() {
        List<FileReport.CodeDetail> codes = new ArrayList<>(s.details().values());
        codes.sort(Comparator.comparingLong(FileReport.CodeDetail::count).reversed()
                .thenComparing(FileReport.CodeDetail::code));
        long max = Math.max(1, Math.max(s.created(), codes.stream().mapToLong(FileReport.CodeDetail::count).max().orElse(0)));
        int rowH = 26;
        int top = 58;
        int height = top + rowH * (codes.size() + 1) + 8;
        int width = LABEL_WIDTH + BAR_WIDTH + 90;
        StringBuilder g = new StringBuilder();
        g.append("<svg id=\"chart\" xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(width).append("\" height=\"")
                .append(height).append("\" viewBox=\"0 0 ").append(width).append(' ').append(height)
                .append("\" role=\"img\" aria-label=\"").append(esc(s.created() + " " + passed + ", " + s.failed() + " failed"))
                .append("\">\n");
        g.append(label(0, 20, "All " + s.total() + " rows"));
        long total = s.total();
        // widths rounded once, from the left, so the three parts always add up to the whole bar
        int createdW = widthOf(s.created(), total);
        int fixW = widthOf(s.created() + s.failed() - s.retryable(), total) - createdW;
        int retryW = total == 0 ? 0 : BAR_WIDTH - createdW - fixW;
        if (total == 0) {
            g.append(rect("bar-empty", LABEL_WIDTH, 6, BAR_WIDTH, 22, "#d8dee4"));
        }
        g.append(part("bar-all-created", LABEL_WIDTH, createdW, Html.CREATED_COLOUR));
        g.append(part("bar-all-failed", LABEL_WIDTH + createdW, fixW, Html.FAILED_COLOUR));
        g.append(part("bar-all-retryable", LABEL_WIDTH + createdW + fixW, retryW, Html.RETRYABLE_COLOUR));
        g.append(text(LABEL_WIDTH, 46, percent(s.created(), total) + " " + passed + ", " + percent(s.failed(), total)
                + " failed", "#57606a"));
        int y = top;
        g.append(bar("bar-created", y, passed, s.created(), max, Html.CREATED_COLOUR));
        for (FileReport.CodeDetail c : codes) {
            y += rowH;
            String colour = c.retryable() == c.count() ? Html.RETRYABLE_COLOUR : Html.FAILED_COLOUR;
            g.append(bar("bar-code-" + c.code(), y, c.code(), c.count(), max, colour));
        }
        g.append("</svg>\n");
        return g + legend();
    }

    private static int widthOf(long part, long total) {
        return total == 0 ? 0 : (int) Math.round(BAR_WIDTH * (double) part / total);
    }

    /** One entry per colour a bar was drawn in: an entry for nothing on the chart only misleads. */
    private String legend() {
        List<String> entries = new ArrayList<>();
        if (used.contains(Html.CREATED_COLOUR)) {
            entries.add(entry("legend-created", Html.CREATED_COLOUR, passed));
        }
        if (used.contains(Html.FAILED_COLOUR)) {
            entries.add(entry("legend-failed", Html.FAILED_COLOUR, "failed, needs a fix"));
        }
        if (used.contains(Html.RETRYABLE_COLOUR)) {
            entries.add(entry("legend-retryable", Html.RETRYABLE_COLOUR, "failed, can be sent again as is"));
        }
        return entries.isEmpty() ? "" : "<p class=\"legend\" id=\"legend\">" + String.join(" ", entries) + "</p>\n";
    }

    private static String entry(String id, String colour, String label) {
        return "<span class=\"nowrap\" id=\"" + id + "\"><span style=\"color:" + colour + "\">&#9632;</span> "
                + esc(label) + "</span>";
    }

    private String part(String id, int x, int w, String colour) {
        return w > 0 ? rect(id, x, 6, w, 22, colour) : "";
    }

    private String bar(String id, int y, String name, long count, long max, String colour) {
        int w = count == 0 ? 0 : Math.max(2, (int) Math.round(BAR_WIDTH * (double) count / max));
        String shown = name.length() > 30 ? name.substring(0, 29) + "\u2026" : name;
        return label(0, y + 15, shown) + (w > 0 ? rect(id, LABEL_WIDTH, y, w, 20, colour) : "")
                + text(LABEL_WIDTH + w + 6, y + 15, Long.toString(count), "#1f2328");
    }

    private String rect(String id, int x, int y, int w, int h, String fill) {
        used.add(fill);
        return "<rect id=\"" + esc(id) + "\" x=\"" + x + "\" y=\"" + y + "\" width=\"" + w + "\" height=\"" + h
                + "\" fill=\"" + fill + "\"/>\n";
    }

    private static String label(int x, int y, String s) {
        return text(x, y, s, "#1f2328");
    }

    private static String text(int x, int y, String s, String fill) {
        return "<text x=\"" + x + "\" y=\"" + y + "\" fill=\"" + fill + "\">" + esc(s) + "</text>\n";
    }

    private static String percent(long part, long total) {
        if (total == 0) {
            return "0%";
        }
        return String.format(Locale.ROOT, "%d (%.0f%%)", part, 100.0 * part / total);
    }
}
