package org.verifikimporter.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Which column is which field: the field's own name, the built-in aliases, the operator's importer.columns.*. */
class ColumnNamesTest {

    static ColumnNames configured(ApiField field, String... names) {
        return ColumnNames.configured(Map.of(field, List.of(names)));
    }

    static Map<ApiField, String> read(ColumnMapping m) {
        Map<ApiField, String> byField = new HashMap<>();
        m.fields().forEach((f, i) -> byField.put(f, m.header().get(i)));
        return byField;
    }

    @Test
    void aSpanishHeaderIsReadByItsAliases() {
        // accents or none, as a spreadsheet export leaves them
        ColumnMapping m = ColumnMapping.of(List.of("Correo electronico", "Identificador", "Proyecto", "Flujo", "Tipo",
                "Idioma", "Enviar por correo", "Vencimiento", "Dirección IP", "Notas"));
        assertThat(read(m)).containsOnly(
                Map.entry(ApiField.EMAIL, "Correo electronico"), Map.entry(ApiField.IDENTIFIER, "Identificador"),
                Map.entry(ApiField.PROJECT, "Proyecto"), Map.entry(ApiField.PROJECT_FLOW, "Flujo"),
                Map.entry(ApiField.TYPE, "Tipo"), Map.entry(ApiField.LANGUAGE, "Idioma"),
                Map.entry(ApiField.SEND_VIA_EMAIL, "Enviar por correo"), Map.entry(ApiField.EXPIRES_AT, "Vencimiento"),
                Map.entry(ApiField.IP_ADDRESS, "Dirección IP"));
    }

    @Test
    void anEnglishHeaderWithoutAccentsOrCaseToo() {
        ColumnMapping m = ColumnMapping.of(List.of("EMAIL ADDRESS", "user_id", "Project ID", "flow-id",
                "Validation Type", "lang", "2FA", "IP", "webhook", "redirect"));
        assertThat(read(m)).containsOnly(
                Map.entry(ApiField.EMAIL, "EMAIL ADDRESS"), Map.entry(ApiField.IDENTIFIER, "user_id"),
                Map.entry(ApiField.PROJECT, "Project ID"), Map.entry(ApiField.PROJECT_FLOW, "flow-id"),
                Map.entry(ApiField.TYPE, "Validation Type"), Map.entry(ApiField.LANGUAGE, "lang"),
                Map.entry(ApiField.REQUIRES_2FA, "2FA"), Map.entry(ApiField.IP_ADDRESS, "IP"),
                Map.entry(ApiField.WEBHOOK_URL, "webhook"), Map.entry(ApiField.REDIRECT_URL, "redirect"));
        assertThat(ColumnNames.key("Identificación del Usuario")).isEqualTo("identificaciondelusuario");
        assertThat(read(ColumnMapping.of(List.of("IDENTIFICACIÓN", "tipo de validacion"))))
                .containsOnly(Map.entry(ApiField.IDENTIFIER, "IDENTIFICACIÓN"), Map.entry(ApiField.TYPE, "tipo de validacion"));
    }

    /** A CRM export with "id" (its own row id) next to "identifier" keeps reading identifier. */
    @Test
    void theFieldsOwnNameWinsOverAnAlias() {
        ColumnMapping m = ColumnMapping.of(List.of("id", "identifier", "correo", "email"));
        assertThat(read(m)).containsOnly(Map.entry(ApiField.IDENTIFIER, "identifier"), Map.entry(ApiField.EMAIL, "email"));
        assertThat(m.inputColumns()).containsExactly(0, 1, 2, 3);
    }

    @Test
    void twoAliasesOfOneFieldAreAGuessAndRejectTheFileNamingTheKey() {
        assertThatThrownBy(() -> ColumnMapping.of(List.of("identifier", "correo", "notes", "Email Address")))
                .isInstanceOf(FileProblem.class)
                .hasMessage("columns 2 (\"correo\") and 4 (\"Email Address\") both mean the field email; keep one of "
                        + "them, or name the one to read with importer.columns.email=<column>");
    }

    @Test
    void aConfiguredNameMapsAColumnAndTheFieldsOtherNamesNoLongerCount() {
        ColumnMapping m = ColumnMapping.of(List.of("name", "mail", "id"), configured(ApiField.IDENTIFIER, "mail"));
        // "id" would be the identifier by its alias, "mail" the email: the operator said otherwise
        assertThat(read(m)).containsOnly(Map.entry(ApiField.IDENTIFIER, "mail"));
    }

    @Test
    void aConfiguredNameIsComparedLikeAHeaderAndTheFirstFoundOfSeveralIsRead() {
        ColumnNames names = configured(ApiField.PROJECT_FLOW, "flujo_id", "Id del Flujo");
        assertThat(read(ColumnMapping.of(List.of("identifier", "ID DEL FLUJO"), names)))
                .containsEntry(ApiField.PROJECT_FLOW, "ID DEL FLUJO");
        assertThatThrownBy(() -> ColumnMapping.of(List.of("flujo-id", "id del flujo"), names))
                .hasMessage("columns 1 (\"flujo-id\") and 2 (\"id del flujo\") are both named by "
                        + "importer.columns.project-flow; keep one of them");
    }

    /** Configured names that the file does not have leave the built-in ones to do their work. */
    @Test
    void aConfiguredNameTheHeaderLacksFallsBackToTheBuiltInNames() {
        ColumnMapping m = ColumnMapping.of(List.of("identifier", "tipo"), configured(ApiField.IDENTIFIER, "mail"));
        assertThat(read(m)).containsOnly(Map.entry(ApiField.IDENTIFIER, "identifier"), Map.entry(ApiField.TYPE, "tipo"));
    }

    @Test
    void oneColumnIsTwoFieldsOnlyWhenBothNameIt() {
        ColumnMapping one = ColumnMapping.of(List.of("email"), configured(ApiField.IDENTIFIER, "email"));
        assertThat(read(one)).containsOnly(Map.entry(ApiField.IDENTIFIER, "email"));
        ColumnMapping both = ColumnMapping.of(List.of("email"), ColumnNames.configured(Map.of(
                ApiField.IDENTIFIER, List.of("email"), ApiField.EMAIL, List.of("email"))));
        assertThat(read(both)).containsOnly(Map.entry(ApiField.IDENTIFIER, "email"), Map.entry(ApiField.EMAIL, "email"));
    }

    @Test
    void theReportColumnsOfARedropAreNeverAField() {
        ColumnMapping m = ColumnMapping.of(List.of("correo", "identificador", "errorCode", "row"));
        assertThat(read(m)).containsOnlyKeys(ApiField.EMAIL, ApiField.IDENTIFIER);
        assertThat(m.inputColumns()).containsExactly(0, 1);
    }

    /** Else one header cell could silently be read as two fields, or an alias would hide a field's own name. */
    @Test
    void noAliasIsAFieldNameOrAnotherFieldsAliasAndNoneIsEmpty() {
        Map<String, ApiField> seen = new HashMap<>();
        for (ApiField f : ApiField.values()) {
            assertThat(seen.put(ColumnNames.key(f.jsonName()), f)).as(f.jsonName()).isNull();
        }
        ColumnNames.aliasTable().forEach((field, aliases) -> {
            assertThat(aliases).as(field.jsonName()).isNotEmpty();
            for (String alias : aliases) {
                assertThat(ColumnNames.key(alias)).as(alias).isNotEmpty();
                assertThat(seen.put(ColumnNames.key(alias), field)).as(alias + " of " + field.jsonName()).isNull();
            }
        });
        assertThat(ColumnNames.aliasTable()).containsOnlyKeys(ApiField.values());
    }

    @Test
    void theAliasesTheIssueNamesAreThere() {
        assertThat(ColumnNames.aliasTable().get(ApiField.EMAIL)).contains("correo", "email address");
        assertThat(ColumnNames.aliasTable().get(ApiField.IDENTIFIER)).contains("identificador");
        assertThat(ColumnNames.aliasTable().get(ApiField.TYPE)).contains("tipo");
        assertThat(ColumnNames.aliasTable().get(ApiField.LANGUAGE)).contains("idioma");
        assertThat(ColumnNames.aliasTable().get(ApiField.PROJECT)).contains("proyecto");
        assertThat(ColumnNames.aliasTable().get(ApiField.PROJECT_FLOW)).contains("flujo");
    }
}
