package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.csv;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.verifikimporter.cli.ImporterCli;
import org.junit.jupiter.api.Test;
import org.verifikimporter.domain.ApiField;
import org.verifikimporter.simulator.CreatedValidation;

/** template FILE: every column and one example row, which validate and a run against the simulator accept. */
class TemplateCommandTest extends AgainstSimulator {

    @Override
    String token() {
        return "template-token";
    }

    /** As a person types it: template takes no settings, so none of the harness's --set options. */
    static ImporterHarness.Result template(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 1];
        all[0] = "template";
        System.arraycopy(args, 0, all, 1, args.length);
        int code = ImporterCli.execute(all, Map.of(), new PrintWriter(out, true), new PrintWriter(err, true));
        return new ImporterHarness.Result(code, out.toString(), err.toString(), "");
    }

    @Test
    void writesEveryColumnAndAnExampleRowThatValidatesAndImports() throws Exception {
        Path file = tmp.resolve("people.csv");
        ImporterHarness.Result r = template(file.toString());
        assertThat(r.exitCode()).as(r.err()).isZero();
        assertThat(r.out()).contains("people.csv: written with the 12 columns (project, projectFlow, identifier, type, "
                + "expiresAt, redirectUrl, webhookUrl, requires2FA, ipAddress, sendViaEmail, email, language) and one "
                + "example row").contains("verifik-importer validate " + file);
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).startsWith("\uFEFFproject,projectFlow,identifier,");
        List<String> columns = Arrays.stream(ApiField.values()).map(ApiField::jsonName).toList();
        assertThat(csv(file)).singleElement().satisfies(row -> {
            assertThat(row.keySet()).containsExactlyElementsOf(columns);
            assertThat(row.values()).allSatisfy(v -> assertThat(v).isNotBlank());
        });

        ImporterHarness.Result validated = h.run("validate", file.toString());
        assertThat(validated.exitCode()).as(validated.out()).isZero();
        assertThat(validated.out()).contains("people.csv: 1 rows, 1 valid, 0 failed");

        Files.createDirectories(h.inbox);
        Files.copy(file, h.inbox.resolve("people.csv"));
        ImporterHarness.Result imported = h.run("run");
        assertThat(imported.exitCode()).as(imported.out()).isZero();
        assertThat(sim.validations()).singleElement().satisfies(v -> {
            assertThat(v.body().size()).isEqualTo(12);
            assertThat(v.body().get("sendViaEmail").isBoolean()).isTrue();
            assertThat(v.body().get("sendViaEmail").asBoolean()).isFalse();
        });
    }

    @Test
    void anExistingFileIsKeptUnlessForced() throws Exception {
        Path file = Files.writeString(tmp.resolve("mine.csv"), "my own work\n");
        ImporterHarness.Result r = template(file.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("template: " + file + " exists already; pick another name, or add --force to "
                + "replace it" + System.lineSeparator());
        assertThat(Files.readString(file)).isEqualTo("my own work\n");

        ImporterHarness.Result forced = template(file.toString(), "--force");
        assertThat(forced.exitCode()).as(forced.err()).isZero();
        assertThat(Files.readString(file, StandardCharsets.UTF_8)).startsWith("\uFEFFproject,");
        try (var left = Files.list(tmp)) {
            assertThat(left.map(p -> p.getFileName().toString())).noneMatch(n -> n.endsWith(".part"));
        }
    }

    @Test
    void aMissingFolderIsOneLine() {
        Path file = tmp.resolve("no/such/folder/people.csv");
        ImporterHarness.Result r = template(file.toString());
        assertThat(r.exitCode()).isEqualTo(1);
        assertThat(r.err()).isEqualTo("template: cannot write " + file + ": the folder " + file.getParent()
                + " does not exist" + System.lineSeparator()).doesNotContain("Exception");
    }
}
