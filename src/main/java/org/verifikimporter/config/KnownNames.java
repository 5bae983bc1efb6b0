package org.verifikimporter.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The names an operator may use: the keys {@link SettingsCatalog} declares, their environment variables, and
 * the few variables read elsewhere. Any other key under {@code importer.} or {@code verifik.} (in a --config
 * file or with --set) and any other variable under {@code IMPORTER_} or {@code VERIFIK_} stops the importer:
 * a mistyped name otherwise runs with the default it meant to change, and exit 0 says nothing of it. The check
 * reads the catalogue, so a key is known as soon as it is declared.
 */
public final class KnownNames {

    /**
     * Variables under IMPORTER_/VERIFIK_ that are not a declared key's: the token and its file (read by
     * {@code Token}), the log level (by {@code logback.xml}), the ledger password's file (by {@code LedgerPassword}), the webhook secret's file (by
     * {@code WebhookSecret}).
     */
    public static final Set<String> OTHER_VARIABLES =
            Set.of(Token.ENV, Token.FILE_ENV, "IMPORTER_LOG_LEVEL", LedgerPassword.FILE_ENV,
                    WebhookSecret.FILE_ENV);

    private KnownNames() {
    }

    /** @throws ConfigException naming the first unknown name and what it is closest to, and any others after it */
    static void refuseUnknown(SettingsSources sources) {
        List<UnknownKey> unknown = new ArrayList<>();
        sources.operatorKeys().forEach((key, where) -> {
            if (ours(key) && SettingsCatalog.find(key).isEmpty()) {
                unknown.add(UnknownKey.key(key, where));
            }
        });
        List<String> variables = variables();
        sources.env().keySet().stream().filter(v -> v.startsWith("IMPORTER_") || v.startsWith("VERIFIK_"))
                .filter(v -> !variables.contains(v)).sorted()
                .forEach(v -> unknown.add(UnknownKey.variable(v, variables)));
        if (unknown.isEmpty()) {
            return;
        }
        String line = unknown.get(0).line();
        if (unknown.size() > 1) {
            line += "; also unknown: " + unknown.subList(1, unknown.size()).stream().map(UnknownKey::name)
                    .collect(Collectors.joining(", "));
        }
        throw new ConfigException(line);
    }

    /** importer.* and verifik.*, in any case, and their variables' spelling (--set IMPORTER_RATE=5). */
    private static boolean ours(String key) {
        String k = key.toLowerCase(Locale.ROOT);
        return k.startsWith("importer.") || k.startsWith("verifik.") || k.startsWith("importer_")
                || k.startsWith("verifik_");
    }

    /** Every variable the importer reads, the declared keys' first, in catalogue order. */
    static List<String> variables() {
        return Stream.concat(SettingsCatalog.all().stream().map(Setting::envName), OTHER_VARIABLES.stream().sorted())
                .toList();
    }
}
