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
import java.util.Map;
import java.util.stream.Collectors;

/**
 * index.html in the outbox: every import, newest first, with its counts and a link to its report.html, and
 * the files the importer rejected. Rewritten from the summary.json files and the rejected folder whenever an
 * import finishes or a file is rejected.
 */
public final class OutboxIndex {

    public static final String FILE_NAME = "index.html";
    private static final int MINI_BAR = 120;
    /** The page lists this many imports at most, the newest. */
    static final int MAX_RUNS = 1000;

    private OutboxIndex() {
    }

    private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger("verifik.importer.file");

    /**
     * As {@link #write}, for the importer on its way: the page is for reading, the CSV files and summary.json are
     * the record, so a page that cannot be written costs a warning, not the import.
     */
    public static void refresh(Path outbox, Path rejected) {
        try {
            write(outbox, rejected);
        } catch (IOException | RuntimeException e) {
            LOG.warn("the outbox's index.html could not be written: {}", e.toString());
        }
    }

    /** @param rejected the rejected folder, whose files the page lists too; null: none */
    public static synchronized void write(Path outbox, Path rejected) throws IOException {
        List<RunSummaryFile> runs = RunSummaryFile.newest(outbox, MAX_RUNS);
        List<Path> unfinished = new ArrayList<>();
        List<Path> all = RunSummaryFile.folders(outbox);
        for (Path d : all) {
            if (!Files.exists(d.resolve("summary.json"))) {
                unfinished.add(d);
            }
        }
        int older = Math.max(0, all.size() - unfinished.size() - runs.size());
        unfinished.sort(Comparator.comparing((Path p) -> p.getFileName().toString()).reversed());
        // the pid keeps two processes sharing an outbox (run and validate) off each other's temp file
        Path tmp = outbox.resolve(FILE_NAME + "." + ProcessHandle.current().pid() + ".tmp");
        Files.createDirectories(outbox);
        Files.writeString(tmp, render(runs, unfinished, older, RejectedFiles.newest(rejected, MAX_RUNS)),
                StandardCharsets.UTF_8);
        Files.move(tmp, outbox.resolve(FILE_NAME), StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    static String render(List<RunSummaryFile> runs, List<Path> unfinished, int older, RejectedFiles.Listing rejected) {
        StringBuilder b = new StringBuilder();
        b.append("<h1>verifik-importer: all runs</h1>\n");
        b.append("<p class=\"lead\">").append(runs.size()).append(runs.size() == 1 ? " import" : " imports")
                .append(", newest first. Open one to see its chart, its failures and what to do about them.</p>\n");
        if (!unfinished.isEmpty()) {
            b.append("<p class=\"note\">Not finished (running now, or cut short and resumed by the next run): ")
                    .append(unfinished.stream().map(p -> "<span class=\"mono\">" + esc(p.getFileName()) + "</span>")
                            .collect(Collectors.joining(", ")))
                    .append("</p>\n");
        }
        if (!rejected.isEmpty()) {
            b.append("<p class=\"note\"><a href=\"#rejected\">").append(rejected.total())
                    .append(rejected.total() == 1 ? " file was" : " files were")
                    .append(" rejected</a> and not imported: each waits in the rejected folder for a fix.</p>\n");
        }
        b.append("<table id=\"runs\">\n<thead><tr><th>Started</th><th>File</th><th class=\"num\">Rows</th>"
                + "<th class=\"num\">Created</th><th class=\"num\">Failed</th><th></th><th>Result</th><th>Top failures</th>"
                + "<th>Duration</th></tr></thead>\n<tbody>\n");
        for (RunSummaryFile r : runs) {
            String folder = r.dir().getFileName().toString();
            boolean page = Files.exists(r.dir().resolve(RunPage.FILE_NAME));
            String link = page ? folder + "/" + RunPage.FILE_NAME : folder + "/";
            String css = r.interrupted() || r.stopped() ? "warn" : r.failed() == 0 ? "ok" : "bad";
            // the file name is the link, in the second column: at 1280 px a link in the last column was off-screen
            b.append("<tr><td class=\"nowrap\">").append(esc(Html.when(r.startedAt()))).append("</td><td class=\"name\">")
                    .append("<a class=\"report\" href=\"").append(Html.href(link)).append("\">").append(esc(r.file()))
                    .append("</a><div class=\"folder mono\">").append(esc(folder)).append("</div>")
                    .append("</td><td class=\"num\">").append(r.total()).append("</td><td class=\"num\">")
                    .append(r.created()).append(r.dryRun() ? " valid" : "").append("</td><td class=\"num\">")
                    .append(r.failed()).append("</td><td>")
                    .append(miniBar(r)).append("</td><td class=\"nowrap ").append(css).append("\">").append(esc(r.result()))
                    .append(completed(r)).append("</td><td class=\"codes\">").append(esc(top(r.failures()))).append("</td><td class=\"nowrap\">")
                    .append(esc(r.startedAt() == null || r.finishedAt() == null ? ""
                            : Html.duration(Duration.between(r.startedAt(), r.finishedAt()))))
                    .append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n");
        if (runs.isEmpty()) {
            b.append("<p>No import has finished yet.</p>\n");
        }
        if (older > 0) {
            b.append("<p>").append(older).append(" older report folders are not listed here; they are still in the "
                    + "outbox.</p>\n");
        }
        rejected(b, rejected);
        return Html.page("verifik-importer: all runs", b.toString());
    }

    /** A rejected file has no report folder: its reason file is where a person learns what to fix. */
    private static void rejected(StringBuilder b, RejectedFiles.Listing rejected) {
        if (rejected.isEmpty()) {
            return;
        }
        b.append("<h2 id=\"rejected\">Rejected files</h2>\n<p>In <span class=\"mono\">")
                .append(esc(rejected.folder().toAbsolutePath())).append("</span>, newest first. Nothing of them was sent; "
                        + "fix each file and drop it into the inbox again.</p>\n");
        b.append("<table id=\"rejected-files\">\n<thead><tr><th>Rejected</th><th>File</th><th>What is wrong</th>"
                + "<th>Reason file</th></tr></thead>\n<tbody>\n");
        for (RejectedFiles.Rejected r : rejected.newest()) {
            b.append("<tr><td class=\"nowrap\">").append(esc(Html.when(r.at()))).append("</td><td class=\"name\">")
                    .append(esc(r.name())).append("</td><td class=\"codes\">")
                    .append(esc(r.reason() == null ? "no reason file beside it" : r.reason())).append("</td><td class=\"mono\">");
            if (r.reasonFile() != null) {
                Path reason = r.reasonFile().toAbsolutePath();
                b.append("<a href=\"").append(esc(reason.toUri().toASCIIString())).append("\">").append(esc(reason))
                        .append("</a>");
            }
            b.append("</td></tr>\n");
        }
        b.append("</tbody>\n</table>\n");
        if (rejected.total() > rejected.newest().size()) {
            b.append("<p>").append(rejected.total() - rejected.newest().size())
                    .append(" older rejected files are not listed here.</p>\n");
        }
    }

    /**
     * The share of the run's validations completed, as its last tracking pass found it: beneath the result, as
     * a column of its own pushed the table past a 1280 px screen.
     */
    private static String completed(RunSummaryFile r) {
        if (r.dryRun() || r.created() == 0) {
            return "";
        }
        var funnel = RunFunnel.read(r.dir()).orElse(RunFunnel.unchecked(r.created()));
        if (funnel.lastCheckedAt() == null) {
            return "<div class=\"share\">not checked yet</div>";
        }
        return "<div class=\"share\" title=\"" + esc(RunFunnel.completedShare(funnel) + ", "
                + RunFunnel.lastChecked(funnel)) + "\">" + esc(RunFunnel.completedPercent(funnel)) + " completed</div>";
    }

    private static String miniBar(RunSummaryFile r) {
        if (r.total() == 0) {
            return "";
        }
        int created = (int) Math.round(MINI_BAR * (double) r.created() / r.total());
        return "<svg width=\"" + MINI_BAR + "\" height=\"12\" viewBox=\"0 0 " + MINI_BAR + " 12\" role=\"img\" "
                + "aria-label=\"" + r.created() + " " + r.passedWord() + ", " + r.failed() + " failed\">"
                + (created > 0 ? "<rect x=\"0\" y=\"0\" width=\"" + created + "\" height=\"12\" fill=\""
                        + Html.CREATED_COLOUR + "\"/>" : "")
                + (created < MINI_BAR ? "<rect x=\"" + created + "\" y=\"0\" width=\"" + (MINI_BAR - created)
                        + "\" height=\"12\" fill=\"" + Html.FAILED_COLOUR + "\"/>" : "")
                + "</svg>";
    }

    static String top(Map<String, Long> failures) {
        List<Map.Entry<String, Long>> sorted = new ArrayList<>(failures.entrySet());
        sorted.sort(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        String shown = sorted.stream().limit(3).map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "));
        return sorted.size() > 3 ? shown + ", +" + (sorted.size() - 3) + " more" : shown;
    }
}
