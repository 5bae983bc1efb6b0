package org.verifikimporter.domain;

import java.util.Locale;

/** The body fields of {@code POST /v2/biometric-validations}, in the order they are sent. */
public enum ApiField {
    PROJECT("project"),
    PROJECT_FLOW("projectFlow"),
    IDENTIFIER("identifier"),
    TYPE("type"),
    EXPIRES_AT("expiresAt"),
    REDIRECT_URL("redirectUrl"),
    WEBHOOK_URL("webhookUrl"),
    REQUIRES_2FA("requires2FA"),
    IP_ADDRESS("ipAddress"),
    SEND_VIA_EMAIL("sendViaEmail"),
    EMAIL("email"),
    LANGUAGE("language");

    private final String jsonName;

    ApiField(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    /** Its name in settings keys, kebab-case: {@code importer.defaults.<it>}, {@code importer.columns.<it>}. */
    public String defaultsKey() {
        return jsonName.replaceAll("([a-z])([A-Z0-9])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** How two header cells are told to be the same column: case, '_', '-' and spaces ignored. */
    static String normalizeColumn(String header) {
        return header == null ? "" : header.replaceAll("[\\s_\\-]", "").toLowerCase(Locale.ROOT);
    }
}
