package org.verifikimporter.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.verifikimporter.e2e.ImporterHarness.F_LOGIN;
import static org.verifikimporter.e2e.ImporterHarness.F_ONBOARDING;
import static org.verifikimporter.e2e.ImporterHarness.P1;
import static org.verifikimporter.e2e.ImporterHarness.csv;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.verifikimporter.simulator.CreatedValidation;

/** Which column is which field, through the real CLI: aliases, importer.columns.*, and the reason of a header it cannot use. */
class HeaderColumnsTest extends AgainstSimulator {

    static final String TOKEN = "columns-token";
    static final ObjectMapper JSON = new ObjectMapper();

    @Override
    String token() {
        return TOKEN;
    }

    List<JsonNode> bodiesAtTheServer() {
        return sim.validations().stream().sorted(Comparator.comparing(CreatedValidation::identifier))
                .map(CreatedValidation::body).toList();
    }

    @Test
    void aSpanishHeaderImportsWithTheRightBodiesAtTheServer() throws Exception {
        h.drop("personas.csv", "Correo electronico;Identificación;Proyecto;Flujo;Tipo;Idioma;Enviar por correo;Área\n"
                + "ana@example.com;ana-01;" + P1 + ";" + F_ONBOARDING + ";onboarding;es;sí;Ventas\n"
                + "ben@example.com;ben-02;" + P1 + ";" + F_LOGIN + ";login;en;no;Soporte\n");
        ImporterHarness.Result r = h.run("run");
        assertThat(r.exitCode()).as(r.out() + r.err()).isEqualTo(2);
        // "sí" is not a boolean: the row fails on its own, by its Spanish column's field
        assertThat(csv(h.onlyReportDir().resolve("failed.csv"))).singleElement().satisfies(row -> assertThat(row)
                .containsEntry("Identificación", "ana-01").containsEntry("errorCode", "INVALID_BOOLEAN"));
        assertThat(bodiesAtTheServer()).singleElement().isEqualTo(JSON.readTree("{\"project\":\"" + P1
                + "\",\"projectFlow\":\"" + F_LOGIN + "\",\"identifier\":\"ben-02\",\"type\":\"login\","
                + "\"sendViaEmail\":false,\"email\":\"ben@example.com\",\"language\":\"en\"}"));
    }

    @Test
    void importerColumnsMapsAColumnTheAliasesWouldNot() throws Exception {
        String file = "name,mail,id,proyecto,flujo,tipo\n"
                + "Ana,ana@example.com,crm-1," + P1 + "," + F_LOGIN + ",login\n";
        h.drop("crm.csv", file);
        h.set("importer.columns.identifier", "mail");
        ImporterHarness.Result r = h.run("run");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        // the identifier is the mail column; "id" is an ordinary column and "mail" is no longer the email
        assertThat(bodiesAtTheServer()).singleElement().isEqualTo(JSON.readTree("{\"project\":\"" + P1
                + "\",\"projectFlow\":\"" + F_LOGIN + "\",\"identifier\":\"ana@example.com\",\"type\":\"login\"}"));
    }

    @Test
    void theEnvironmentNamesAColumnToo() throws Exception {
        h.drop("crm.csv", "mail,proyecto,flow_ref,tipo\nana@example.com," + P1 + "," + F_LOGIN + ",login\n");
        h.env("IMPORTER_COLUMNS_PROJECT_FLOW", "flow ref").env("IMPORTER_COLUMNS_IDENTIFIER", "mail");
        ImporterHarness.Result r = h.run("run");
        assertThat(r.exitCode()).as(r.out() + r.err()).isZero();
        assertThat(bodiesAtTheServer()).singleElement()
                .satisfies(b -> assertThat(b.get("projectFlow").asText()).isEqualTo(F_LOGIN));
    }

    @Test
    void aRejectedHeadersReasonListsTheColumnsAndTheKeyToSet() throws Exception {
        h.drop("crm.csv", "name,mail,id,proj,flow_name,tpye\nAna,ana@example.com,crm-1," + P1 + "," + F_LOGIN
                + ",login\n");
        ImporterHarness.Result r = h.run("run");
        assertThat(r.exitCode()).isEqualTo(3);
        String reason = "required column(s) project, projectFlow, type missing from the header and no default "
                + "configured (importer.defaults.*); columns found: \"name\", \"mail\" (email), \"id\" (identifier), "
                + "\"proj\", \"flow_name\", \"tpye\"; project: column \"proj\" looks closest: set "
                + "importer.columns.project=proj; projectFlow: column \"flow_name\" looks closest: set "
                + "importer.columns.project-flow=flow_name; type: column \"tpye\" looks closest: set "
                + "importer.columns.type=tpye";
        assertThat(r.out()).contains("crm.csv: rejected: " + reason + "\n");
        assertThat(Files.readString(h.rejected.resolve("crm.csv.reason.txt"))).contains("What is wrong: " + reason + ".");
        assertThat(sim.requests()).isEmpty();
        // the logs name the file, never a person's address from it
        assertThat(r.logs()).contains("crm.csv: rejected").doesNotContain("ana@example.com");

        // doing what it says imports the file
        Path back = Files.move(h.rejected.resolve("crm.csv"), h.inbox.resolve("crm.csv"));
        h.set("importer.columns.project", "proj").set("importer.columns.project-flow", "flow_name")
                .set("importer.columns.type", "tpye");
        ImporterHarness.Result again = h.run("run");
        assertThat(again.exitCode()).as(again.out()).isZero();
        assertThat(back).doesNotExist();
        assertThat(bodiesAtTheServer()).singleElement().satisfies(b -> assertThat(b.get("identifier").asText())
                .isEqualTo("crm-1"));
    }

    @Test
    void aFirstLineOfDataIsNotEchoedInTheReason() throws Exception {
        h.drop("nohead.csv", "ana@example.com," + P1 + "," + F_LOGIN + ",login\n");
        ImporterHarness.Result r = h.run("validate", h.inbox.resolve("nohead.csv").toString());
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(r.out()).contains("nohead.csv: cannot be imported: no column of the header names an API field")
                .contains("columns found: (column 1 looks like data, not a name), \"" + P1 + "\"")
                .doesNotContain("ana@example.com");
    }
}
