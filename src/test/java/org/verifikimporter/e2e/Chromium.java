package org.verifikimporter.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * Headless Chromium for looking at the HTML reports as a person would: a screenshot and the DOM after
 * rendering. Debian's {@code chromium} package; {@code .ci/run} installs it, a developer machine may not
 * have it (the tests then skip, visibly).
 */
final class Chromium {

    private final Path binary;

    private Chromium(Path binary) {
        this.binary = binary;
    }

    /**
     * For a test that needs it: the test is skipped, visibly, when no Chromium is installed, and fails where
     * one must be (REQUIRE_CHROMIUM, set by .ci/run).
     */
    static Chromium required() {
        Chromium chromium = find();
        if (chromium == null && System.getenv("REQUIRE_CHROMIUM") != null) {
            throw new AssertionError("REQUIRE_CHROMIUM is set (.ci/run) but no chromium is installed");
        }
        Assumptions.assumeTrue(chromium != null,
                "SKIPPED: no chromium installed (apt-get install -y chromium; .ci/run installs it in CI)");
        return chromium;
    }

    /** null when no Chromium is installed. */
    static Chromium find() {
        List<String> candidates = new ArrayList<>();
        String env = System.getenv("CHROMIUM");
        if (env != null && !env.isBlank()) {
            candidates.add(env);
        }
        candidates.addAll(List.of("/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"));
        for (String c : candidates) {
            Path p = Path.of(c);
            if (Files.isExecutable(p)) {
                return new Chromium(p);
            }
        }
        return null;
    }

    void screenshot(Path html, Path png, Path work) throws IOException, InterruptedException {
        screenshot(html, png, work, 1200, 1600);
    }

    void screenshot(Path html, Path png, Path work, int width, int height) throws IOException, InterruptedException {
        run(work, "--screenshot=" + png.toAbsolutePath(), "--window-size=" + width + "," + height, html.toUri().toString());
        if (!Files.isRegularFile(png) || Files.size(png) == 0) {
            throw new AssertionError("chromium wrote no screenshot of " + html);
        }
    }

    /**
     * Lays the page out in a window of that size and runs {@code script} on it, which returns a string (e.g.
     * JSON of what it measured). The pages forbid scripts (their Content-Security-Policy), so a copy without
     * that policy is measured, beside the original so its relative links resolve the same.
     */
    String measure(Path html, Path work, int width, int height, String script) throws IOException, InterruptedException {
        String page = Files.readString(html, StandardCharsets.UTF_8)
                .replaceFirst("<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "");
        String probe = "<script>(function(){var out=(function(){" + script + "})();"
                + "var p=document.createElement('pre');p.id='measured';p.textContent=String(out);"
                + "document.body.appendChild(p);})();</script>";
        Path copy = html.resolveSibling(".measure-" + System.nanoTime() + ".html");
        Files.writeString(copy, page.replace("</body>", probe + "</body>"), StandardCharsets.UTF_8);
        try {
            String dom = run(work, "--window-size=" + width + "," + height, "--dump-dom", copy.toUri().toString());
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(?s)<pre id=\"measured\">(.*?)</pre>").matcher(dom);
            if (!m.find()) {
                throw new AssertionError("the measuring script left no result in " + html);
            }
            return m.group(1).replace("&lt;", "<").replace("&gt;", ">").replace("&nbsp;", "\u00a0").replace("&amp;", "&");
        } finally {
            Files.deleteIfExists(copy);
        }
    }

    String dumpDom(Path html, Path work) throws IOException, InterruptedException {
        return run(work, "--dump-dom", html.toUri().toString());
    }

    private String run(Path work, String... args) throws IOException, InterruptedException {
        Path profile = Files.createTempDirectory(work, "chromium-profile");
        Path out = work.resolve("chromium-" + System.nanoTime() + ".out");
        Path err = work.resolve("chromium-" + System.nanoTime() + ".err");
        List<String> cmd = new ArrayList<>(List.of(binary.toString(), "--headless", "--no-sandbox", "--disable-gpu",
                "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update",
                "--disable-sync", "--force-device-scale-factor=1", "--hide-scrollbars",
                "--user-data-dir=" + profile.toAbsolutePath()));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish within 120 s: " + cmd);
        }
        if (p.exitValue() != 0) {
            throw new AssertionError("chromium exited " + p.exitValue() + ": " + Files.readString(err));
        }
        return Files.readString(out, StandardCharsets.UTF_8);
    }
}
