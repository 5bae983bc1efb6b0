package org.verifikimporter.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import org.verifikimporter.domain.Printable;
import org.verifikimporter.report.TemplateFile;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(name = "template", mixinStandardHelpOptions = true,
        description = {"Write a CSV file to start from: a header with every column the importer reads, and one "
                + "example row for the simulator's demo project that validate accepts as it is. Replace the row "
                + "with your people (and the project and flow with yours). Exit 0 when written, 1 when not (the "
                + "line says why)."})
public final class TemplateCommand implements Callable<Integer> {

    @Parameters(index = "0", paramLabel = "FILE", description = "The file to write, e.g. people.csv.")
    Path file;

    @Option(names = "--force", description = "Replace the file if it exists.")
    boolean force;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String shown = Printable.of(file.toString());
        if (Files.isDirectory(file)) {
            err.println("template: " + shown + " is a folder; name a file in it, e.g. " + shown + "/people.csv");
            return 1;
        }
        try {
            TemplateFile.write(file, force, Instant.now());
        } catch (TemplateFile.Exists e) {
            err.println("template: " + shown + " exists already; pick another name, or add --force to replace it");
            return 1;
        } catch (NoSuchFileException e) {
            err.println("template: cannot write " + shown + ": the folder " + Printable.of(e.getFile())
                    + " does not exist");
            return 1;
        } catch (Exception e) {
            err.println("template: cannot write " + shown + ": " + EngineCommand.oneLine(e));
            return 1;
        }
        out.printf("%s: written with the %d columns (%s) and one example row%n", shown,
                TemplateFile.header().size(), String.join(", ", TemplateFile.header()));
        out.printf("Replace the example with your people, then check it: verifik-importer validate %s%n", shown);
        if (!file.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".csv")) {
            out.println("Note: the inbox reads only files whose name ends in .csv.");
        }
        out.flush();
        return 0;
    }
}
