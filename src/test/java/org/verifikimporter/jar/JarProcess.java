package org.verifikimporter.jar;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.verifikimporter.simulator.VerifikSimulator;

/**
 * One process of the packaged jar, started as a user starts it ({@code java -jar target/verifik-importer.jar ...}),
 * in a working folder of the test's, with the environment the test gives it (no token of the developer's) and its
 * stdout and stderr in two files beside it: {@code {name}.stdout.txt} and {@code {name}.stderr.txt}.
 */
final class JarProcess implements AutoCloseable {

    static final Path JAR = Path.of(System.getProperty("importer.jar", "target/verifik-importer.jar")).toAbsolutePath();

    private final String name;
    private final Process process;
    private final Path stdout;
    private final Path stderr;

    private JarProcess(String name, Process process, Path stdout, Path stderr) {
        this.name = name;
        this.process = process;
        this.stdout = stdout;
        this.stderr = stderr;
    }

    /**
     * Starts {@code java [jvmOptions] -jar JAR args...} in {@code workDir}. Each start under the same name starts
     * its output files afresh.
     */
    static JarProcess start(Path workDir, String name, List<String> jvmOptions, Map<String, String> env,
            String... args) throws IOException {
        List<String> cmd = new ArrayList<>();
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        cmd.addAll(jvmOptions);
        cmd.add("-jar");
        cmd.add(JAR.toString());
        cmd.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(cmd).directory(workDir.toFile());
        pb.environment().remove("VERIFIK_TOKEN");
        pb.environment().remove("VERIFIK_TOKEN_FILE");
        pb.environment().putAll(env);
        Path out = workDir.resolve(name + ".stdout.txt");
        Path err = workDir.resolve(name + ".stderr.txt");
        pb.redirectOutput(out.toFile()).redirectError(err.toFile());
        return new JarProcess(name, pb.start(), out, err);
    }

    static JarProcess start(Path workDir, String name, Map<String, String> env, String... args) throws IOException {
        return start(workDir, name, List.of(), env, args);
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    int exitValue() {
        return process.exitValue();
    }

    /** Waits for the process to end; false when it is still running after the timeout. */
    boolean waitFor(long seconds) throws InterruptedException {
        return process.waitFor(seconds, TimeUnit.SECONDS);
    }

    /** SIGKILL: no shutdown hook, no flush. Returns once the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            throw new AssertionError(name + " (pid " + pid() + ") outlived SIGKILL by 30 s");
        }
    }

    /** SIGTERM: the importer's shutdown lets the rows in flight finish. Does not wait. */
    void terminate() {
        process.destroy();
    }

    String stdout() {
        return read(stdout);
    }

    String stderr() {
        return read(stderr);
    }

    /** Both outputs, for an assertion's message. */
    String output() {
        return "--- " + name + " stdout:\n" + stdout() + "--- " + name + " stderr:\n" + stderr();
    }

    /** Ends the process if it still runs (a test that failed half-way leaves nothing behind). */
    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            process.destroyForcibly();
            process.waitFor(30, TimeUnit.SECONDS);
        }
    }

    private static String read(Path file) {
        try {
            return Files.exists(file) ? Files.readString(file) : "";
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Create calls the simulator has received, whatever it answered. */
    static int posts(VerifikSimulator sim) {
        return (int) sim.requests().stream().filter(r -> r.method().equals("POST")).count();
    }
}
