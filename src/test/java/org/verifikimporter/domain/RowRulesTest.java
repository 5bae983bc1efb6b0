package org.verifikimporter.domain;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RowRulesTest {

    static final Clock NOW = Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC);
    final RowRules rules = new RowRules(NOW);

    static Map<ApiField, String> base() {
        Map<ApiField, String> v = new EnumMap<>(ApiField.class);
        v.put(ApiField.PROJECT, "p1");
        v.put(ApiField.PROJECT_FLOW, "f1");
        v.put(ApiField.IDENTIFIER, "ana@example.com");
        v.put(ApiField.TYPE, "login");
        return v;
    }

    RowRules.Result check(ApiField field, String value) {
        Map<ApiField, String> v = base();
        if (value == null) {
            v.remove(field);
        } else {
            v.put(field, value);
        }
        return rules.check(v);
    }

    @Test
    void minimalRowBecomesExactlyTheFourRequiredFields() {
        RowRules.Result r = rules.check(base());
        assertThat(r.isValid()).isTrue();
        assertThat(r.request().body()).containsExactly(
                Map.entry("project", "p1"), Map.entry("projectFlow", "f1"),
                Map.entry("identifier", "ana@example.com"), Map.entry("type", "login"));
    }

    @Test
    void fullRowHasJsonTypesAndApiOrder() {
        Map<ApiField, String> v = base();
        v.put(ApiField.EXPIRES_AT, "2027-01-01T10:00:00+02:00");
        v.put(ApiField.REDIRECT_URL, "https://example.com/done");
        v.put(ApiField.WEBHOOK_URL, "https://hooks.example.com/x");
        v.put(ApiField.REQUIRES_2FA, "YES");
        v.put(ApiField.IP_ADDRESS, "2001:db8::1");
        v.put(ApiField.SEND_VIA_EMAIL, "1");
        v.put(ApiField.EMAIL, "ana@example.com");
        v.put(ApiField.LANGUAGE, "ES");
        RowRules.Result r = rules.check(v);
        assertThat(r.isValid()).as("%s", r.failure()).isTrue();
        assertThat(r.request().body().keySet()).containsExactly("project", "projectFlow", "identifier", "type",
                "expiresAt", "redirectUrl", "webhookUrl", "requires2FA", "ipAddress", "sendViaEmail", "email", "language");
        assertThat(r.request().body().get("requires2FA")).isEqualTo(Boolean.TRUE);
        assertThat(r.request().body().get("sendViaEmail")).isEqualTo(Boolean.TRUE);
        assertThat(r.request().body().get("language")).isEqualTo("es");
        assertThat(r.request().body().get("expiresAt")).isEqualTo("2027-01-01T08:00:00Z");
    }

    @ParameterizedTest(name = "{0}={1} -> {2}")
    @CsvSource(nullValues = "NULL", value = {
            "PROJECT, NULL, MISSING_FIELD",
            "PROJECT_FLOW, '   ', MISSING_FIELD",
            "IDENTIFIER, NULL, MISSING_FIELD",
            "TYPE, NULL, MISSING_FIELD",
            "TYPE, signup, INVALID_TYPE",
            "LANGUAGE, fr, INVALID_LANGUAGE",
            "REQUIRES_2FA, maybe, INVALID_BOOLEAN",
            "SEND_VIA_EMAIL, si, INVALID_BOOLEAN",
            "EXPIRES_AT, 2027-01-01, INVALID_EXPIRES_AT",
            "EXPIRES_AT, tomorrow, INVALID_EXPIRES_AT",
            "EXPIRES_AT, 2026-11-25T11:59:59Z, EXPIRES_AT_IN_PAST",
            "REDIRECT_URL, /relative/path, INVALID_URL",
            "REDIRECT_URL, ftp://example.com/x, INVALID_URL",
            "REDIRECT_URL, 'https://exa mple.com', INVALID_URL",
            "WEBHOOK_URL, http://hooks.example.com/x, INVALID_URL",
            "IP_ADDRESS, 256.1.1.1, INVALID_IP_ADDRESS",
            "IP_ADDRESS, example.com, INVALID_IP_ADDRESS",
            "IP_ADDRESS, 1.2.3, INVALID_IP_ADDRESS",
            "IP_ADDRESS, '::g', INVALID_IP_ADDRESS",
            "EMAIL, ana@@example.com, INVALID_EMAIL",
            "EMAIL, ana example.com, INVALID_EMAIL",
            "EMAIL, ana@example, INVALID_EMAIL",
    })
    void eachRuleFailsWithItsCode(ApiField field, String value, ErrorCode expected) {
        RowRules.Result r = check(field, value);
        assertThat(r.isValid()).isFalse();
        assertThat(r.failure().code()).isEqualTo(expected.name());
        assertThat(r.failure().message()).contains(field.jsonName());
        assertThat(r.failure().httpStatus()).isNull();
    }

    @ParameterizedTest(name = "{0}={1} is accepted")
    @CsvSource({
            "TYPE, validation", "TYPE, ONBOARDING", "TYPE, onetimelink",
            "LANGUAGE, en", "REQUIRES_2FA, false", "REQUIRES_2FA, No", "REQUIRES_2FA, 0",
            "EXPIRES_AT, 2026-11-25T12:00:01Z", "EXPIRES_AT, 2026-12-01T00:00:00.000-05:00",
            "REDIRECT_URL, http://example.com/x?y=1", "WEBHOOK_URL, http://localhost:8080/hook",
            "WEBHOOK_URL, http://127.0.0.1/hook", "WEBHOOK_URL, 'http://[::1]:9000/h'",
            "IP_ADDRESS, 10.0.0.1", "IP_ADDRESS, '::1'", "IP_ADDRESS, 'fe80::1'",
            "EMAIL, first.last+tag@sub.example.co",
    })
    void validValuesPass(ApiField field, String value) {
        assertThat(check(field, value).isValid()).as("%s", check(field, value).failure()).isTrue();
    }

    @Test
    void typeIsSentInItsCanonicalSpelling() {
        assertThat(check(ApiField.TYPE, "ONETIMELINK").request().type()).isEqualTo("oneTimeLink");
    }

    @Test
    void emailIsRequiredOnlyWhenSendViaEmailIsTrue() {
        assertThat(check(ApiField.SEND_VIA_EMAIL, "yes").failure().code()).isEqualTo("EMAIL_REQUIRED");
        assertThat(check(ApiField.SEND_VIA_EMAIL, "no").isValid()).isTrue();
        assertThat(check(ApiField.SEND_VIA_EMAIL, "no").request().body()).containsEntry("sendViaEmail", false)
                .doesNotContainKey("email");
    }

    @Test
    void identifierLongerThan256IsTooLong() {
        assertThat(check(ApiField.IDENTIFIER, "x".repeat(256)).isValid()).isTrue();
        RowRules.Result r = check(ApiField.IDENTIFIER, "x".repeat(257));
        assertThat(r.failure().code()).isEqualTo("FIELD_TOO_LONG");
        assertThat(r.failure().message()).contains("257").contains("256");
    }

    @Test
    void everyProblemIsNamedAndTheFirstGivesTheCode() {
        Map<ApiField, String> v = base();
        v.remove(ApiField.PROJECT);
        v.put(ApiField.LANGUAGE, "fr");
        RowRules.Result r = rules.check(v);
        assertThat(r.failure().code()).isEqualTo("MISSING_FIELD");
        assertThat(r.failure().message()).contains("project is empty").contains("language \"fr\"");
    }

    @Test
    void hugeValuesAreShortenedInMessages() {
        RowRules.Result r = check(ApiField.LANGUAGE, "z".repeat(5000));
        assertThat(r.failure().message().length()).isLessThan(200);
    }
}
