package org.verifikimporter.jar;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher script `verifik-importer` (the repository's top level), run by sh with a stand-in `java` that
 * prints what it was given and exits 7: which jar it finds, that JAVA_OPTS and every argument arrive as meant,
 * and that the importer's exit code is the script's. LauncherIT runs it with the real jar.
 */
class LauncherScriptTest {

    static final Path SCRIPT = Path.of("verifik-importer").toAbsolutePath();

    @TempDir
    Path tmp;
    Path fakeBin;

    record Run(int exit, String out, String err) {
    }

    @BeforeEach
    void fakeJava() throws Exception {
        fakeBin = Files.createDirectories(tmp.resolve("fake-bin"));
        Path java = fakeBin.resolve("java");
        // the environment it was given goes to stderr, as NAME=value lines
        Files.writeString(java, "#!/bin/sh\nfor a in \"$@\"; do printf '<%s>\\n' \"$a\"; done\nenv >&2\nexit 7\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));
    }

    Run sh(Path script, Map<String, String> env, String... args) throws Exception {
        List<String> cmd = new java.util.ArrayList<>(List.of("sh", script.toString()));
        cmd.addAll(List.of(args));
        return run(cmd, env);
    }

    Run run(List<String> cmd, Map<String, String> env) throws Exception {
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(tmp.toFile());
        pb.environment().remove("JAVA_HOME");
        pb.environment().remove("JAVA_OPTS");
        pb.environment().remove("VERIFIK_IMPORTER_JAR");
        pb.environment().put("PATH", fakeBin + ":" + pb.environment().get("PATH"));
        pb.environment().putAll(env);
        Path out = tmp.resolve("out.txt");
        Path err = tmp.resolve("err.txt");
        Process p = pb.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new Run(p.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }

    /** A copy of the script as an install holds it: the jar beside it, or in target/ as in the repository. */
    Path installed(String jarAt) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("opt/verifik importer"));
        Path script = dir.resolve("verifik-importer");
        Files.copy(SCRIPT, script);
        Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwxr-xr-x"));
        if (jarAt != null) {
            Path jar = dir.resolve(jarAt);
            Files.createDirectories(jar.getParent());
            Files.writeString(jar, "not really a jar");
        }
        return script;
    }

    @Test
    void theScriptIsCommittedExecutable() {
        assertThat(Files.isExecutable(SCRIPT)).as(SCRIPT + " is executable").isTrue();
    }

    @Test
    void itRunsTheJarBesideItWithJavaOptsAndEveryArgumentAsGivenAndExitsWithItsCode() throws Exception {
        Path script = installed("verifik-importer.jar");

        Run r = sh(script, Map.of("JAVA_OPTS", "-Xmx64m -Dstar=*"), "retry", "data/outbox/o'brien & co-20261126T012000Z",
                "");

        assertThat(r.exit()).as(r.err()).isEqualTo(7);
        assertThat(r.out().lines()).containsExactly("<-XX:+UseParallelGC>", "<-Xmx64m>", "<-Dstar=*>", "<-jar>",
                "<" + script.getParent().resolve("verifik-importer.jar") + ">", "<retry>",
                "<data/outbox/o'brien & co-20261126T012000Z>", "<>");
    }

    @Test
    void inTheRepositoryItRunsTargetVerifikImporterJar() throws Exception {
        Path script = installed("target/verifik-importer.jar");

        Run r = sh(script, Map.of(), "--version");

        assertThat(r.out().lines()).containsExactly("<-XX:+UseParallelGC>", "<-jar>",
                "<" + script.getParent().resolve("target/verifik-importer.jar") + ">", "<--version>");
    }

    @Test
    void aCollectorNamedInJavaOptsReplacesTheParallelOne() throws Exception {
        Path script = installed("verifik-importer.jar");

        Run r = sh(script, Map.of("JAVA_OPTS", "-Xmx64m -XX:+UseG1GC"), "run");

        assertThat(r.out().lines()).as("two collector flags would stop the JVM from starting")
                .containsExactly("<-Xmx64m>", "<-XX:+UseG1GC>", "<-jar>",
                        "<" + script.getParent().resolve("verifik-importer.jar") + ">", "<run>");
    }

    @Test
    void theClassDataArchiveBesideTheJarIsUsedWhenThereIsOne() throws Exception {
        Path script = installed("target/verifik-importer.jar");
        Path archive = script.getParent().resolve("target/verifik-importer.jsa");
        Files.writeString(archive, "not really an archive");

        Run r = sh(script, Map.of("JAVA_OPTS", "-Xmx64m"), "run");

        assertThat(r.out().lines()).containsExactly("<-XX:SharedArchiveFile=" + archive + ">", "<-Xlog:cds*=off>",
                "<-XX:+UseParallelGC>", "<-Xmx64m>", "<-jar>",
                "<" + script.getParent().resolve("target/verifik-importer.jar") + ">", "<run>");
    }

    @Test
    void aLinkOnThePathFindsTheJarBesideTheRealScriptAndJavaHomeIsUsed() throws Exception {
        Path script = installed("verifik-importer.jar");
        Path onPath = Files.createDirectories(tmp.resolve("bin"));
        Files.createSymbolicLink(onPath.resolve("verifik-importer"), script);
        Path javaHome = Files.createDirectories(tmp.resolve("jdk/bin")).getParent();
        Files.copy(fakeBin.resolve("java"), javaHome.resolve("bin/java"));
        Files.delete(fakeBin.resolve("java"));

        // as a person types it: the shell finds the command on PATH
        Run r = run(List.of("sh", "-c", "verifik-importer status"), Map.of("PATH", onPath + ":" + fakeBin
                + ":/usr/bin:/bin", "JAVA_HOME", javaHome.toString()));

        assertThat(r.exit()).as(r.err()).isEqualTo(7);
        assertThat(r.out()).contains("<" + script.getParent().resolve("verifik-importer.jar") + ">").contains("<status>");
    }

    @Test
    void aJarNamedByVerifikImporterJarRunsWithoutThatVariable() throws Exception {
        Path script = installed(null);
        Path jar = Files.writeString(tmp.resolve("elsewhere.jar"), "not really a jar");

        Run r = sh(script, Map.of("VERIFIK_IMPORTER_JAR", jar.toString(), "VERIFIK_TOKEN", "t"), "run");

        assertThat(r.exit()).as(r.err()).isEqualTo(7);
        assertThat(r.out().lines()).containsExactly("<-XX:+UseParallelGC>", "<-jar>", "<" + jar + ">", "<run>");
        assertThat(r.err().lines()).as("the importer refuses a VERIFIK_ variable it does not know")
                .contains("VERIFIK_TOKEN=t").noneMatch(l -> l.startsWith("VERIFIK_IMPORTER_JAR="));
    }

    @Test
    void withoutAJarItSaysHowToBuildOneAndExitsOne() throws Exception {
        Path script = installed(null);

        Run r = sh(script, Map.of(), "run");

        assertThat(r.exit()).isEqualTo(1);
        assertThat(r.out()).isEmpty();
        assertThat(r.err().strip()).startsWith("verifik-importer: no jar in " + script.getParent())
                .contains("mvn -B package -DskipTests").contains("VERIFIK_IMPORTER_JAR");
        assertThat(r.err().strip().lines()).hasSize(1);

        Run named = sh(script, Map.of("VERIFIK_IMPORTER_JAR", tmp.resolve("nope.jar").toString()), "run");
        assertThat(named.exit()).isEqualTo(1);
        assertThat(named.err()).contains("VERIFIK_IMPORTER_JAR is " + tmp.resolve("nope.jar") + ", which is not a file");
    }
}
