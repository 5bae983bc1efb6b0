package org.verifikimporter.report;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** The few helpers the HTML pages share: escaping of every value, links, dates and the page frame. */
final class Html {

    static final String CREATED_COLOUR = "#2e7d32";
    static final String FAILED_COLOUR = "#c62828";
    static final String RETRYABLE_COLOUR = "#ef6c00";
    private static final DateTimeFormatter WHEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    private Html() {
    }

    /** Text and attribute values alike: nothing a file name or a cell holds can become markup. */
    static String esc(Object value) {
        String s = value == null ? "" : value.toString();
        StringBuilder b = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> b.append("&amp;");
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t') {
                        b.append(' ');
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }

    /** A relative link to a file or folder name, percent-encoded, then escaped for the attribute. */
    static String href(String relativePath) {
        try {
            return esc(new URI(null, null, relativePath, null).toASCIIString());
        } catch (URISyntaxException e) {
            return "#";
        }
    }

    static String when(Instant t) {
        return t == null ? "" : WHEN.format(t);
    }

    static String duration(Duration d) {
        if (d == null || d.isNegative()) {
            return "";
        }
        long s = d.toSeconds();
        if (s < 60) {
            return String.format(Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    static String page(String title, String body) {
        return "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n"
                // nothing is fetched: no scripts, no fonts, no images from elsewhere
                + "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; "
                + "img-src data:\">\n"
                + "<title>" + esc(title) + "</title>\n<style>\n" + CSS + "</style>\n</head>\n<body>\n" + body
                + "</body>\n</html>\n";
    }

    private static final String CSS = """
            body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; margin: 24px;
                   color: #1f2328; background: #ffffff; max-width: 1400px; }
            h1 { font-size: 22px; margin: 0 0 4px 0; word-break: break-all; }
            h2 { font-size: 17px; margin: 28px 0 8px 0; }
            .lead { font-size: 16px; margin: 4px 0 16px 0; }
            .note { background: #fff8e1; border-left: 4px solid #ef6c00; padding: 8px 12px; margin: 12px 0; }
            table { border-collapse: collapse; }
            #runs, #rejected-files, #failures { width: 100%; font-size: 14px; }
            #runs td.name, #rejected-files td.name { min-width: 200px; }
            #runs td.codes { min-width: 140px; }
            #rejected-files td.mono { min-width: 220px; }
            th, td { text-align: left; padding: 6px 10px; border-bottom: 1px solid #d8dee4; vertical-align: top; }
            th { background: #f6f8fa; }
            td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
            table.facts th { background: none; font-weight: 600; width: 180px; }
            code, .mono { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 13px; }
            .mono { word-break: break-all; }
            .ok { color: #2e7d32; font-weight: 600; }
            .bad { color: #c62828; font-weight: 600; }
            .warn { color: #ef6c00; font-weight: 600; }
            a { color: #0b5cad; }
            .links a { margin-right: 6px; }
            .nowrap { white-space: nowrap; }
            /* names and codes may be one long word: they break anywhere rather than push a column off-screen */
            .name, .codes { overflow-wrap: anywhere; }
            .folder { color: #57606a; font-size: 12px; }
            .share { color: #57606a; font-size: 12px; font-weight: normal; }
            /* row numbers: a line breaks between two, never inside one (break-all made "208" into "20" over "8") */
            .rows { font-family: ui-monospace, "SFMono-Regular", Menlo, Consolas, monospace; font-size: 13px; }
            .rows .n { white-space: nowrap; }
            .legend { color: #57606a; }
            .legend > span { margin-right: 14px; }
            svg text { font-family: system-ui, -apple-system, "Segoe UI", Roboto, Arial, sans-serif; font-size: 13px; }
            """;
}
