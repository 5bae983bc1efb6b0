package org.verifikimporter.logging;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.LoggingEvent;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

class LogMaskTest {

    @Test
    void emailAddressesKeepOnlyTheirFirstLetter() {
        assertThat(LogMask.mask("HTTP 400: {\"message\":\"ana.torres@example.com is not allowed\"}"))
                .isEqualTo("HTTP 400: {\"message\":\"a***@*** is not allowed\"}");
    }

    @Test
    void phoneNumbersAndLongIdentifiersKeepTheirLastTwoDigits() {
        assertThat(LogMask.mask("identifier +573001234567 rejected")).isEqualTo("identifier +***67 rejected");
        assertThat(LogMask.mask("cedula 1020304050 unknown")).isEqualTo("cedula ***50 unknown");
        assertThat(LogMask.mask("no such person: 3001234567.")).isEqualTo("no such person: ***67.");
        assertThat(LogMask.mask("20261126.csv: started")).isEqualTo("20261126.csv: started");
    }

    @Test
    void whatTheImportersOwnLinesHoldIsLeftAlone() {
        String line = "users.csv: finished: 25 rows, 16 created, 9 failed {INVALID_TYPE=1}; reports in "
                + "data/outbox/users-20261126T012000Z (sha256 3f2a0012345678) row 1048576 at 2026-11-26T01:20:00Z";
        assertThat(LogMask.mask(line)).isEqualTo(line);
    }

    @Test
    void credentialsAndRegisteredSecretsAreRedacted() {
        LogMask.secret("tok_UNIT_9a8b7c6d");
        assertThat(LogMask.mask("http-outgoing-0 >> \"Authorization: Bearer abc.def-ghi[\\r][\\n]\""))
                .doesNotContain("abc.def-ghi").contains("Bearer [REDACTED]");
        assertThat(LogMask.mask("token=tok_UNIT_9a8b7c6d and more")).isEqualTo("token=[REDACTED] and more");
        assertThat(LogMask.mask("Basic dXNlcjpwYXNz")).isEqualTo("Basic [REDACTED]");
        // Verifik's answer carries a session token: a wire log of the body must not show it
        assertThat(LogMask.mask("<< \"{\"data\":{\"token\":\"simsess.abc_DEF-123\"}}\""))
                .isEqualTo("<< \"{\"data\":{\"token\":\"[REDACTED]\"}}\"");
        // the webhook URL registered at Verifik carries its secret in the query
        assertThat(LogMask.mask("POST http://h:9876/webhooks/verifik?secret=wh-unregistered-1&x=1 HTTP/1.1"))
                .isEqualTo("POST http://h:9876/webhooks/verifik?secret=[REDACTED]&x=1 HTTP/1.1");
    }

    @Test
    void theJsonLayoutWritesOneMaskedObjectPerLine() throws Exception {
        LoggerContext ctx = (LoggerContext) org.slf4j.LoggerFactory.getILoggerFactory();
        JsonLayout layout = new JsonLayout();
        layout.setContext(ctx);
        layout.start();
        LoggingEvent e = new LoggingEvent("x", ctx.getLogger("verifik.importer.file"), Level.WARN,
                "{}: \"quoted\"\nsecond line, from bob@example.org", new IllegalStateException("for +573009998877"),
                new Object[] {"a.csv"});
        String line = layout.doLayout(e);
        assertThat(line).endsWith(System.lineSeparator());
        assertThat(line.strip()).doesNotContain("\n");
        JsonNode n = new ObjectMapper().readTree(line);
        assertThat(n.get("level").asText()).isEqualTo("WARN");
        assertThat(n.get("logger").asText()).isEqualTo("verifik.importer.file");
        assertThat(n.get("message").asText()).isEqualTo("a.csv: \"quoted\"\nsecond line, from b***@***");
        assertThat(n.get("timestamp").asText()).matches("\\d{4}-\\d\\d-\\d\\dT.*Z");
        assertThat(n.get("exception").asText()).contains("IllegalStateException: for +***77")
                .doesNotContain("9998877");
    }
}
