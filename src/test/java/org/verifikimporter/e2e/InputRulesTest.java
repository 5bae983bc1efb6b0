package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.P1;
import static org.verifikimporter.e2e.ImporterHarness.csv;
import static org.verifikimporter.e2e.ImporterHarness.summary;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.verifikimporter.simulator.CreatedValidation;

/** The input rules of the README, one at a time, through the real CLI. */
class InputRulesTest extends AgainstSimulator {

    static final String TOKEN = "rules-token";
    static final String ROW = "," + P1 + "," + F_LOGIN + ",login";
    @Override
    String token() {
        return TOKEN;
    }

    @Test
    void aConfiguredDelimiterWinsOverTheOneFoundInTheHeader() throws Exception {
        // as many commas as semicolons in the header: found, the comma wins and no column makes sense
        String content = "identifier;project;projectFlow;type;a,b,c,d,e\nsemi@example.com;" + P1 + ";" + F_LOGIN
                + ";login;x,y,z,w,v\n";
        h.drop("ambiguous.csv", content);
        ImporterHarness.Result auto = h.run("run");
        assertThat(auto.exitCode()).isEqualTo(3);
        assertThat(Files.readString(h.rejected.resolve("ambiguous.csv.reason.txt"))).contains("no column of the header");

        h.set("importer.csv.delimiter", ";");
        h.drop("ambiguous2.csv", content);
        ImporterHarness.Result configured = h.run("run");
        assertThat(configured.exitCode()).as(configured.out()).isZero();
        assertThat(sim.validations()).extracting(CreatedValidation::identifier).containsExactly("semi@example.com");
    }

    @Test
    void aGuardedHeaderAndGuardedCellsSurviveTheRoundTripThroughFailedCsv() throws Exception {
        h.drop("people.csv", "identifier,project,projectFlow,type,=notes\n"
                + "+573009998877" + ROW.replace("login", "nope") + ",@mention\n");
        assertThat(h.run("run").exitCode()).isEqualTo(2);
        Path failed = h.onlyReportDir().resolve("failed.csv");
        String text = Files.readString(failed, StandardCharsets.UTF_8);
        assertThat(text).contains("'=notes").contains("'+573009998877").contains("'@mention");
        h.drop("people-fixed.csv", text.replace(",nope,", ",login,"));
        ImporterHarness.Result again = h.run("run");
        assertThat(again.exitCode()).as(again.out()).isZero();
        assertThat(sim.validations()).extracting(CreatedValidation::identifier).containsExactly("+573009998877");
    }

    @Test
    void rejectedFilesAndFailedRowsInOneRunExitThree() throws Exception {
        h.drop("a.csv", "identifier,project,projectFlow,type\nok@example.com" + ROW + "\nbad@example.com" + ROW
                .replace("login", "nope") + "\n");
        Files.write(h.inbox.resolve("b.csv"), new byte[] {'P', 'K', 3, 4, 1, 2, 3});
        ImporterHarness.Result r = h.run("run");
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains("a.csv: 2 rows, 1 created, 1 failed").contains("b.csv: rejected: the file is a ZIP")
                .contains("exit 3");
    }

    @Test
    void theRowsAfterABrokenQuoteAreSentAndEveryLineIsInOneReport() throws Exception {
        h.drop("broken.csv", "identifier,project,projectFlow,type,notes\n"
                + "q1@example.com" + ROW + ",fine\n"
                + "q2@example.com" + ROW + ",\"opened and never closed\n"
                + "q3@example.com" + ROW + ",after\n"
                + "q4@example.com" + ROW + ",\"multi\nline\"\n"
                + "q5@example.com" + ROW + ",\"ok\" trailing\n"
                + "q6@example.com" + ROW + ",last\n");
        ImporterHarness.Result r = h.run("run");
        assertThat(r.exitCode()).isEqualTo(2);
        assertThat(sim.validations()).extracting(CreatedValidation::identifier)
                .containsExactlyInAnyOrder("q1@example.com", "q3@example.com", "q4@example.com", "q6@example.com");
        Path dir = h.onlyReportDir();
        assertThat(csv(dir.resolve("created.csv"))).extracting(c -> c.get("row"))
                .containsExactlyInAnyOrder("2", "4", "5", "7");
        List<Map<String, String>> failed = csv(dir.resolve("failed.csv"));
        assertThat(failed).extracting(f -> f.get("row") + ":" + f.get("errorCode"))
                .containsExactlyInAnyOrder("3:MALFORMED_ROW", "6:MALFORMED_ROW");
        assertThat(failed).filteredOn(f -> f.get("row").equals("3")).singleElement()
                .satisfies(f -> assertThat(f).containsEntry("identifier", "q2@example.com")
                        .containsEntry("notes", "\"opened and never closed"));
        assertThat(summary(dir).at("/rows/total").asInt()).isEqualTo(6);
    }

    @Test
    void validateRejectsAZipWithoutMovingIt() throws Exception {
        Files.createDirectories(h.inbox);
        Path zip = h.inbox.resolve("export.csv");
        Files.write(zip, new byte[] {'P', 'K', 3, 4, 9, 9});
        ImporterHarness.Result r = h.run("validate", zip.toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains("export.csv: cannot be imported: the file is a ZIP archive");
        assertThat(zip).exists();
        assertThat(h.rejected).doesNotExist();
    }
}
