package org.verifikimporter.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.verifikimporter.config.ImporterSettings;
import picocli.CommandLine.Option;

/** Options every importing command shares: where extra configuration comes from. */
public final class SettingsOptions {

    @Option(names = "--config", paramLabel = "FILE",
            description = "A properties file whose keys override the built-in defaults (environment variables still win).")
    Path config;

    @Option(names = "--set", paramLabel = "KEY=VALUE",
            description = "Set one key, winning over files and environment, e.g. --set importer.rate=10. Repeatable.")
    Map<String, String> set = new LinkedHashMap<>();

    @Option(names = "--log-format", paramLabel = "FORMAT",
            description = "Logs on stderr as text lines (default) or json, one object per line for log collectors "
                    + "(same as importer.log-format).")
    String logFormat;

    ImporterSettings.Builder builder(Map<String, String> env) {
        ImporterSettings.Builder b = ImporterSettings.builder().file(config).env(env).override(set);
        if (logFormat != null) {
            b.override("importer.log-format", logFormat);
        }
        return b;
    }
}
