package org.verifikimporter.report;

import static org.verifikimporter.report.Html.esc;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * report.html: one self-contained page per import for the people who review it. Facts, a chart (nothing is
 * fetched, it works offline from a file:// URL), the failure codes with what to do and the first rows
 * affected, and links to the CSV files. Rows are named by number only.
 */
public final class RunPage {

    public static final String FILE_NAME = "report.html";

    private RunPage() {
    }

    public static void write(Path dir, FileReport.Summary s) throws IOException {
        Path tmp = dir.resolve(FILE_NAME + ".tmp");
        // a resumed import's folder may have been checked already
        org.verifikimporter.ledger.Funnel funnel = RunFunnel.read(dir).orElse(RunFunnel.unchecked(s.created()));
        Files.writeString(tmp, render(dir.getFileName().toString(), dir.toString(), s, funnel), StandardCharsets.UTF_8);
        Files.move(tmp, dir.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    /**
     * Replaces report.html's funnel with {@code funnel} and keeps it in funnel.json for index.html and
     * {@code status}: for a tracking pass (or a webhook) to call for each run it looked at, so the page shows
     * when the statuses were last checked even when none changed. {@link StatusFile#rewrite} calls it too.
     */
    public static synchronized void refreshFunnel(Path dir, org.verifikimporter.ledger.Funnel funnel) throws IOException {
        RunFunnel.write(dir, funnel);
        Path page = dir.resolve(FILE_NAME);
        if (!Files.isRegularFile(page)) {
            return;
        }
        String html = Files.readString(page, StandardCharsets.UTF_8);
        int start = html.indexOf(RunFunnel.START);
        int end = html.indexOf(RunFunnel.END);
        if (start < 0 || end < start) {
            // a page from before the funnel, or a dry run's: it has no place for one
            return;
        }
        String updated = html.substring(0, start) + RunFunnel.html(funnel) + html.substring(end + RunFunnel.END.length());
        Path tmp = dir.resolve(FILE_NAME + "." + ProcessHandle.current().pid() + ".tmp");
        Files.writeString(tmp, updated, StandardCharsets.UTF_8);
        Files.move(tmp, page, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String render(String folderName, String folderPath, FileReport.Summary s) {
        return render(folderName, folderPath, s, RunFunnel.unchecked(s.created()));
    }

    static String render(String folderName, String folderPath, FileReport.Summary s,
                         org.verifikimporter.ledger.Funnel funnel) {
        StringBuilder b = new StringBuilder();
        b.append("<p class=\"links\"><a href=\"../index.html\">&larr; All runs</a></p>\n");
        b.append("<h1>").append(esc(s.file())).append("</h1>\n");
        b.append("<p class=\"lead\">").append(lead(s)).append("</p>\n");
        notes(b, s);
        b.append("<h2>Rows</h2>\n").append(RunChart.html(s));
        if (!s.dryRun()) {
            b.append(RunFunnel.html(funnel)).append("\n");
        }
        failures(b, folderPath, s);
        facts(b, folderName, s);
        b.append("<h2>Files</h2>\n<ul class=\"links\">\n")
                .append("<li><a id=\"created-link\" href=\"created.csv\">created.csv</a>: ").append(s.created())
                .append(s.dryRun() ? " valid rows" : " rows created").append("</li>\n")
                .append("<li><a id=\"failed-link\" href=\"failed.csv\">failed.csv</a>: ").append(s.failed())
                .append(" rows failed</li>\n")
                .append(s.dryRun() ? "" : "<li><a href=\"status.csv\">status.csv</a>: each created validation's "
                        + "status, as last read from Verifik</li>\n")
                .append("<li><a href=\"summary.json\">summary.json</a>: the counts, for scripts</li>\n</ul>\n");
        b.append("<p>failed.csv holds each failed row with its own columns, the error code and message: fix the cells "
                + "and drop the file back into the inbox (the added columns are ignored on the way in).</p>\n");
        return Html.page("Import report: " + s.file(), b.toString());
    }

    private static String lead(FileReport.Summary s) {
        String created = s.dryRun() ? " valid" : " created";
        String result;
        Object inFile = s.extra().get("rowsInFile");
        if (Boolean.TRUE.equals(s.extra().get("interrupted")) && inFile != null) {
            // rows.total is the rows done; "of 115 rows" would read as the size of a 200-row file
            result = "<span class=\"warn\">" + s.total() + " of the file's " + inFile + " rows done before the importer "
                    + "was shut down</span> (<span class=\"ok\">" + s.created() + created + "</span>, " + s.failed()
                    + " failed); " + s.extra().get("rowsLeft") + " left for the next start.";
        } else if (s.total() == 0) {
            result = "<span class=\"warn\">The file held no data rows.</span>";
        } else if (s.failed() == 0) {
            result = "<span class=\"ok\">All " + s.total() + " rows" + created + ".</span>";
        } else {
            result = "<span class=\"ok\">" + s.created() + created + "</span>, <span class=\"bad\">" + s.failed()
                    + " failed</span> of " + s.total() + " rows.";
        }
        return result;
    }

    private static void notes(StringBuilder b, FileReport.Summary s) {
        if (s.dryRun()) {
            b.append("<p class=\"note\">Dry run (validate): nothing was sent to Verifik.</p>\n");
        }
        if (Boolean.TRUE.equals(s.extra().get("stopped"))) {
            b.append("<p class=\"note\">Verifik stopped the run: ").append(esc(s.extra().get("stopReason")))
                    .append(". The file stays in the inbox; the next run resumes it.</p>\n");
        }
        if (Boolean.TRUE.equals(s.extra().get("interrupted"))) {
            b.append("<p class=\"note\">The importer was shut down during this import. The file stays in the inbox "
                    + "and the next start resumes it; this page is rewritten then.</p>\n");
        }
    }

    private static void failures(StringBuilder b, String folderPath, FileReport.Summary s) {
        b.append("<h2>Failures</h2>\n");
        if (s.details().isEmpty()) {
            b.append("<p>No row failed.</p>\n");
            return;
        }
        List<FileReport.CodeDetail> codes = new ArrayList<>(s.details().values());
        codes.sort(Comparator.comparingLong(FileReport.CodeDetail::count).reversed()
                .thenComparing(FileReport.CodeDetail::code));
        b.append("<table id=\"failures\">\n<thead><tr><th>Code</th><th class=\"num\">Rows</th><th>Can be sent again "
                + "as is</th><th>What to do</th><th>First rows</th></tr></thead>\n<tbody>\n");
        for (FileReport.CodeDetail c : codes) {
            String retry = c.retryable() == c.count() ? "yes" : c.retryable() == 0 ? "no" : c.retryable() + " of " + c.count();
            // a line may break between two row numbers, never inside one
            String rows = c.firstRows().stream().map(n -> "<span class=\"n\">" + n + "</span>")
                    .collect(Collectors.joining(", ")) + (c.count() > c.firstRows().size() ? ", \u2026" : "");
            b.append("<tr><td class=\"codes\"><code>").append(esc(c.code())).append("</code>")
                    .append(c.httpStatus() == null ? "" : " <span style=\"color:#57606a\">HTTP " + c.httpStatus() + "</span>")
                    .append("</td><td class=\"num\">").append(c.count()).append("</td><td>").append(esc(retry))
                    .append("</td><td>").append(esc(c.advice())).append("</td><td class=\"rows\">").append(rows)
                    .append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n");
        b.append("<p>Row numbers are as a spreadsheet shows them (the header is row 1); the <code>row</code> column of "
                + "failed.csv gives the same number.</p>\n");
        boolean stopped = Boolean.TRUE.equals(s.extra().get("stopped")) || Boolean.TRUE.equals(s.extra().get("interrupted"));
        if (s.retryable() > 0 && !s.dryRun() && !stopped) {
            b.append("<p>").append(s.retryable()).append(s.retryable() == 1 ? " row" : " rows")
                    .append(" can be sent again as they are: <code>").append(esc(ShellWords.command("retry", folderPath)))
                    .append("</code> puts them back into the inbox for the next run.</p>\n");
        }
    }

    private static void facts(StringBuilder b, String folderName, FileReport.Summary s) {
        Duration d = s.finishedAt() == null ? null : Duration.between(s.startedAt(), s.finishedAt());
        b.append("<h2>Facts</h2>\n<table class=\"facts\" id=\"facts\">\n");
        fact(b, "File", esc(s.file()));
        fact(b, "SHA-256", "<span class=\"mono\">" + esc(s.sha256()) + "</span>");
        fact(b, "Report folder", "<span class=\"mono\">" + esc(folderName) + "</span>");
        fact(b, "Started", esc(Html.when(s.startedAt())));
        fact(b, "Finished", esc(Html.when(s.finishedAt())));
        fact(b, "Duration", esc(Html.duration(d)));
        fact(b, "Rows", s.total() + " (" + s.created() + (s.dryRun() ? " valid" : " created") + ", " + s.failed()
                + " failed)");
        double seconds = d == null ? 0 : d.toMillis() / 1000.0;
        fact(b, "Rows per second", seconds > 0 ? String.format(Locale.ROOT, "%.1f", s.total() / seconds) : "");
        if (!s.dryRun()) {
            fact(b, "Calls to Verifik", s.calls() + " (retries included)");
            fact(b, "Achieved rate", seconds > 0 ? String.format(Locale.ROOT, "%.1f calls per second", s.calls() / seconds) : "");
        }
        fact(b, "Mode", s.dryRun() ? "dry run (validate)" : "import");
        b.append("</table>\n");
    }

    private static void fact(StringBuilder b, String name, String htmlValue) {
        b.append("<tr><th>").append(esc(name)).append("</th><td>").append(htmlValue).append("</td></tr>\n");
    }
}
