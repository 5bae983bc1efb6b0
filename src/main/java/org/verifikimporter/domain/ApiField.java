package org.verifikimporter.domain;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

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

    private static final Map<String, ApiField> BY_COLUMN = Arrays.stream(values())
            .collect(Collectors.toMap(f -> normalizeColumn(f.jsonName), Function.identity()));

    private final String jsonName;

    ApiField(String jsonName) {
        this.jsonName = jsonName;
    }

    public String jsonName() {
        return jsonName;
    }

    /** The key under {@code importer.defaults.} that supplies this field when a row leaves it empty. */
    public String defaultsKey() {
        return jsonName.replaceAll("([a-z])([A-Z0-9])", "$1-$2").toLowerCase(Locale.ROOT);
    }

    /** Header names match case-insensitively and ignore '_', '-' and spaces: "Project Flow" is projectFlow. */
    public static Optional<ApiField> forColumn(String header) {
        return Optional.ofNullable(BY_COLUMN.get(normalizeColumn(header)));
    }

    static String normalizeColumn(String header) {
        return header == null ? "" : header.replaceAll("[\\s_\\-]", "").toLowerCase(Locale.ROOT);
    }
}
