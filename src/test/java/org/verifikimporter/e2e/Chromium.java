package org.verifikimporter.e2e;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

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
        run(work, "--screenshot=" + png.toAbsolutePath(), "--window-size=1200,1600", html.toUri().toString());
        if (!Files.isRegularFile(png) || Files.size(png) == 0) {
            throw new AssertionError("chromium wrote no screenshot of " + html);
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
