package org.verifikimporter.domain;

import java.text.Normalizer;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The header names that mean each API field: the field's own name, a built-in set of common Spanish and
 * English aliases, and the names the operator gives with {@code importer.columns.<field>}. Names are compared
 * ignoring case, accents, {@code _}, {@code -} and spaces, so {@code Correo electrónico} is
 * {@code correo_electronico}.
 *
 * <p>The aliases are written as a person would type them: the README's alias table shows them as they are
 * here ({@code ReadmeTest}). No alias is another field's name or another field's alias
 * ({@code ColumnNamesTest}), so a column is never read as two fields by accident.
 */
public final class ColumnNames {

    private static final Map<ApiField, List<String>> ALIASES = aliases();

    private static Map<ApiField, List<String>> aliases() {
        Map<ApiField, List<String>> a = new EnumMap<>(ApiField.class);
        a.put(ApiField.PROJECT, List.of("proyecto", "project id", "id proyecto"));
        a.put(ApiField.PROJECT_FLOW, List.of("flow", "flow id", "flujo", "id flujo", "flujo del proyecto"));
        a.put(ApiField.IDENTIFIER, List.of("id", "user id", "identificador", "identificación", "id usuario",
                "documento"));
        a.put(ApiField.TYPE, List.of("tipo", "validation type", "tipo de validación"));
        a.put(ApiField.EXPIRES_AT, List.of("expires", "expiration", "expiry", "vence", "vencimiento",
                "fecha de vencimiento"));
        a.put(ApiField.REDIRECT_URL, List.of("redirect", "url de redirección", "redirección"));
        a.put(ApiField.WEBHOOK_URL, List.of("webhook", "url del webhook"));
        a.put(ApiField.REQUIRES_2FA, List.of("2fa", "require 2fa", "requiere 2fa", "doble factor"));
        a.put(ApiField.IP_ADDRESS, List.of("ip", "dirección ip"));
        a.put(ApiField.SEND_VIA_EMAIL, List.of("send email", "enviar correo", "enviar por correo"));
        a.put(ApiField.EMAIL, List.of("mail", "email address", "correo", "correo electrónico", "dirección de correo"));
        a.put(ApiField.LANGUAGE, List.of("lang", "locale", "idioma"));
        return Collections.unmodifiableMap(a);
    }

    private static final ColumnNames BUILT_IN = new ColumnNames(Map.of());

    private final Map<ApiField, List<String>> configured;

    private ColumnNames(Map<ApiField, List<String>> configured) {
        Map<ApiField, List<String>> copy = new EnumMap<>(ApiField.class);
        configured.forEach((field, names) -> {
            if (!names.isEmpty()) {
                copy.put(field, List.copyOf(names));
            }
        });
        this.configured = Collections.unmodifiableMap(copy);
    }

    /** The field names and the aliases, nothing configured. */
    public static ColumnNames builtIn() {
        return BUILT_IN;
    }

    /** @param configured per field, the header names {@code importer.columns.<field>} gives (empty: none) */
    public static ColumnNames configured(Map<ApiField, List<String>> configured) {
        return configured.values().stream().allMatch(List::isEmpty) ? BUILT_IN : new ColumnNames(configured);
    }

    /** The built-in aliases of each field, as the README's table lists them. */
    public static Map<ApiField, List<String>> aliasTable() {
        return ALIASES;
    }

    /** The names the operator gave for the field; empty when none. */
    public List<String> configuredFor(ApiField field) {
        return configured.getOrDefault(field, List.of());
    }

    /** Whether the operator named this column for the field. */
    boolean configuredAs(ApiField field, String header) {
        return matches(configuredFor(field), header);
    }

    boolean isFieldName(ApiField field, String header) {
        return key(header).equals(key(field.jsonName()));
    }

    boolean isAlias(ApiField field, String header) {
        return matches(ALIASES.get(field), header);
    }

    /** Every built-in name of the field, its own first, as keys; what a header is compared with for advice. */
    List<String> builtInKeys(ApiField field) {
        return Stream.concat(Stream.of(field.jsonName()), ALIASES.get(field).stream()).map(ColumnNames::key).toList();
    }

    private static boolean matches(List<String> names, String header) {
        String k = key(header);
        return !k.isEmpty() && names.stream().anyMatch(n -> key(n).equals(k));
    }

    /** How a header name is compared: lower case, accents dropped, no spaces, {@code _} or {@code -}. */
    public static String key(String name) {
        if (name == null) {
            return "";
        }
        String folded = Normalizer.normalize(name, Normalizer.Form.NFD).replaceAll("\\p{M}", "");
        return folded.replaceAll("[\\s_\\-]", "").toLowerCase(Locale.ROOT);
    }

    /** The settings key that names a field's columns, e.g. importer.columns.project-flow. */
    public static String settingKey(ApiField field) {
        return "importer.columns." + field.defaultsKey();
    }

    @Override
    public String toString() {
        Map<String, List<String>> shown = new LinkedHashMap<>();
        configured.forEach((f, names) -> shown.put(f.jsonName(), names));
        return "ColumnNames" + shown;
    }
}
