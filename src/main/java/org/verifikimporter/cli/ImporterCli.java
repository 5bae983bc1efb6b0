package org.verifikimporter.cli;

import java.io.PrintWriter;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

@Command(name = "verifik-importer", mixinStandardHelpOptions = true, versionProvider = ImporterCli.Version.class,
        description = "Imports CSV files of people into Verifik biometric validations and reports what happened.",
        subcommands = {RunCommand.class, WatchCommand.class, ValidateCommand.class, RetryCommand.class, TrackCommand.class,
                StatusCommand.class, TemplateCommand.class, SimulateCommand.class, DemoCommand.class},
        footer = {"", "Exit codes of run, watch and validate: 0 all rows created (or valid), 2 some rows failed, "
                + "3 a file was rejected, 4 stopped by Verifik (401/402/403), 5 stopped before the end (SIGTERM): "
                + "the next run resumes, 1 bad configuration. track: 0 done, 4 stopped by Verifik, 1 bad configuration."})
public final class ImporterCli implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "name a command: run, watch, validate, retry, track, status, template, simulate or demo");
    }

    private static volatile boolean ownProcess;

    /**
     * The jar's entry point: the command owns this process, so it may decide how the process ends on SIGTERM
     * (see StopNotice). Tests run the CLI through {@link #execute} inside their own JVM.
     */
    public static int executeAsProcess(String[] args, Map<String, String> env) {
        ownProcess = true;
        return execute(args, env);
    }

    static boolean ownsProcess() {
        return ownProcess;
    }

    /** Runs the CLI with the given environment (tests pass their own instead of the real one). */
    public static int execute(String[] args, Map<String, String> env) {
        return execute(args, env, new PrintWriter(System.out, true), new PrintWriter(System.err, true));
    }

    public static int execute(String[] args, Map<String, String> env, PrintWriter out, PrintWriter err) {
        CommandLine cli = new CommandLine(new ImporterCli(), new CommandLine.IFactory() {
            @Override
            public <K> K create(Class<K> cls) throws Exception {
                K obj = CommandLine.defaultFactory().create(cls);
                if (obj instanceof EnvAware aware) {
                    aware.env(env);
                }
                return obj;
            }
        });
        cli.setOut(out);
        cli.setErr(err);
        // usage mistakes are exit 1 like any other configuration error
        cli.setParameterExceptionHandler((ex, args1) -> {
            err.println("error: " + ex.getMessage());
            ex.getCommandLine().usage(err);
            return 1;
        });
        cli.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            err.println("error: " + ex.getClass().getSimpleName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage()));
            return 1;
        });
        return cli.execute(args);
    }

    /** Commands that read environment variables get them through here, so tests can supply their own. */
    public interface EnvAware {
        void env(Map<String, String> env);
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String v = ImporterCli.class.getPackage().getImplementationVersion();
            return new String[] {"verifik-importer " + (v == null ? "(development build)" : v)};
        }
    }
}
