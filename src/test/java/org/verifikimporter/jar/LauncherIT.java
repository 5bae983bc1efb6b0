package org.verifikimporter.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** `verifik-importer` as a command: the launcher script with the packaged jar, run by sh from any folder. */
class LauncherIT {

    static final Path SCRIPT = Path.of("verifik-importer").toAbsolutePath();

    @TempDir
    Path workDir;

    record Run(int exit, String out, String err) {
    }

    Run launcher(String... args) throws Exception {
        List<String> cmd = new ArrayList<>(List.of("sh", SCRIPT.toString()));
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().remove("VERIFIK_TOKEN");
        pb.environment().remove("VERIFIK_TOKEN_FILE");
        pb.environment().remove("VERIFIK_IMPORTER_JAR");
        pb.environment().put("JAVA_HOME", System.getProperty("java.home"));
        Path out = workDir.resolve("stdout.txt");
        Path err = workDir.resolve("stderr.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).as("the launcher finished").isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    @Test
    void versionAndHelpRunThroughTheLauncher() throws Exception {
        Run version = launcher("--version");
        assertThat(version.exit()).as(version.err()).isZero();
        assertThat(version.out()).startsWith("verifik-importer ");

        Run help = launcher("--help");
        assertThat(help.exit()).as(help.err()).isZero();
        assertThat(help.out()).contains("Usage: verifik-importer").contains("run").contains("validate").contains("retry")
                .contains("status").contains("simulate");
    }

    @Test
    void theImportersExitCodeIsTheLaunchers() throws Exception {
        Path bad = Files.writeString(workDir.resolve("bad file.csv"), "just,some,columns\n1,2,3\n");

        Run r = launcher("validate", bad.toString());

        assertThat(r.exit()).as(r.out() + r.err()).isEqualTo(3);
        assertThat(r.out()).contains("bad file.csv: cannot be imported: no column of the header names an API field");
    }

    @Test
    void theClassDataArchiveMvnPackageBuiltMatchesTheJarAndCarriesItsClasses() throws Exception {
        Path jar = Path.of(System.getProperty("importer.jar"));
        Path archive = jar.resolveSibling("verifik-importer.jsa");
        assertThat(archive).as("mvn package builds the archive beside the jar").exists();
        // -Xshare:on: a JVM that cannot map the archive (a stale one, another JVM's) refuses to start
        ProcessBuilder pb = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xshare:on", "-XX:SharedArchiveFile=" + archive, "-Xlog:class+load=info", "-jar", jar.toString(),
                "--version").directory(workDir.toFile()).redirectErrorStream(true);
        Path out = workDir.resolve("cds.txt");
        Process p = pb.redirectOutput(out.toFile()).start();
        assertThat(p.waitFor(120, TimeUnit.SECONDS)).isTrue();
        String log = Files.readString(out, StandardCharsets.UTF_8);
        assertThat(p.exitValue()).as(log.lines().limit(5).toList().toString()).isZero();
        // the importer's own classes come from the archive, not from the jar
        assertThat(log).containsPattern("org\\.verifikimporter\\.cli\\.ImporterCli source: shared objects file \\(top\\)");
        assertThat(log).contains("verifik-importer ");
    }
}
