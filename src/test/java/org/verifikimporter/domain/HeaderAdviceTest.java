package org.verifikimporter.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A rejected header's reason: the columns found, and for each missing required field the closest column and key. */
class HeaderAdviceTest {

    final RowRules rules = new RowRules(RowRulesTest.NOW);

    String reason(List<String> header, Map<ApiField, String> defaults) {
        try {
            new RowMapper(ColumnMapping.of(header), defaults, rules);
        } catch (FileProblem e) {
            return e.getMessage();
        }
        throw new AssertionError("the header was accepted: " + header);
    }

    @Test
    void theIssuesHeaderListsItsColumnsAndTheKeysToSet() {
        assertThat(reason(List.of("name", "mail", "id"), Map.of())).isEqualTo("required column(s) project, "
                + "projectFlow, type missing from the header and no default configured (importer.defaults.*); "
                + "columns found: \"name\", \"mail\" (email), \"id\" (identifier); "
                + "project: no column is close (set importer.columns.project=<column> or importer.defaults.project=<value>); "
                + "projectFlow: no column is close (set importer.columns.project-flow=<column> or "
                + "importer.defaults.project-flow=<value>); "
                + "type: no column is close (set importer.columns.type=<column> or importer.defaults.type=<value>)");
    }

    @Test
    void aTypoASwapOrANameThatHoldsTheFieldIsSuggestedWithItsKey() {
        String r = reason(List.of("identifier", "proj", "flow_name", "tpye", "notes"), Map.of());
        assertThat(r).contains("columns found: \"identifier\" (identifier), \"proj\", \"flow_name\", \"tpye\", \"notes\"")
                .contains("project: column \"proj\" looks closest: set importer.columns.project=proj")
                .contains("projectFlow: column \"flow_name\" looks closest: set importer.columns.project-flow=flow_name")
                .contains("type: column \"tpye\" looks closest: set importer.columns.type=tpye");
    }

    @Test
    void aFieldWithADefaultIsNotAdvisedOn() {
        String r = reason(List.of("correo", "identificador", "tipo_validacion"), Map.of(ApiField.PROJECT, "p"));
        assertThat(r).startsWith("required column(s) projectFlow, type missing")
                .contains("type: column \"tipo_validacion\" looks closest: set importer.columns.type=tipo_validacion")
                .doesNotContain("project:");
    }

    @Test
    void aHeaderNamingNoFieldKeepsItsFirstWordsAndListsItsColumns() {
        assertThat(reason(List.of("nombre", "telefono", "departamento"), Map.of()))
                .startsWith("no column of the header names an API field (expected columns such as project, "
                        + "projectFlow, identifier, type); is the first line the header? columns found: \"nombre\", "
                        + "\"telefono\", \"departamento\"; project: no column is close");
    }

    /** The first line is a data row: its cells are a person's, and the reason goes to stdout and the log. */
    @Test
    void cellsThatLookLikeAPersonsDataAreNotEchoed() {
        String r = reason(List.of("ana@example.com", "573001234567", "login", ""), Map.of());
        assertThat(r).contains("columns found: (column 1 looks like data, not a name), (column 2 looks like data, "
                + "not a name), \"login\", (column 4 has no name)")
                .doesNotContain("ana@").doesNotContain("3001234567");
    }

    @Test
    void aLongHeaderIsCountedNotListed() {
        List<String> header = new ArrayList<>();
        for (int i = 1; i <= 40; i++) {
            header.add("c" + i);
        }
        assertThat(reason(header, Map.of())).contains("\"c30\" and 10 more;").doesNotContain("\"c31\"");
    }

    @Test
    void aConfiguredNameTheHeaderLacksIsTheNearestHint() {
        ColumnNames names = ColumnNames.configured(Map.of(ApiField.IDENTIFIER, List.of("user_mail")));
        assertThatThrownBy(() -> new RowMapper(ColumnMapping.of(List.of("usermial", "proyecto", "flujo", "tipo"), names),
                Map.of(), rules)).hasMessageContaining(
                "identifier: column \"usermial\" looks closest: set importer.columns.identifier=usermial");
    }

    @Test
    void closenessAllowsMoreEditsForLongerNamesAndNoneForShortOnes() {
        assertThat(HeaderAdvice.score("ip", "id")).isEqualTo(Integer.MAX_VALUE);
        assertThat(HeaderAdvice.score("typ", "type")).isEqualTo(1);
        assertThat(HeaderAdvice.score("tyep", "type")).isEqualTo(1);
        assertThat(HeaderAdvice.score("identifeir", "identifier")).isEqualTo(1);
        assertThat(HeaderAdvice.score("idnetifeir", "identifier")).isEqualTo(2);
        assertThat(HeaderAdvice.score("name", "type")).isEqualTo(Integer.MAX_VALUE);
        assertThat(HeaderAdvice.score("projectname", "project")).isGreaterThan(2).isLessThan(Integer.MAX_VALUE);
    }
}
