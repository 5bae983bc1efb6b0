package org.verifikimporter.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Where the API token comes from: the environment only, never a properties file, so that it is not copied
 * around with the rest of the configuration.
 */
final class Token {

    static final String ENV = "VERIFIK_TOKEN";
    static final String FILE_ENV = "VERIFIK_TOKEN_FILE";

    private Token() {
    }

    /** @return the token, or null when none is set and none is required */
    static String from(Map<String, String> env, boolean required) {
        String token = optional(env);
        if (token == null && required) {
            throw new ConfigException(ENV + " is not set: set " + ENV
                    + " to your Verifik API token, or " + FILE_ENV + " to a file that holds it");
        }
        return token;
    }

    private static String optional(Map<String, String> env) {
        String direct = env.get(ENV);
        if (direct != null && !direct.isBlank()) {
            return direct.strip();
        }
        String file = env.get(FILE_ENV);
        if (file == null || file.isBlank()) {
            return null;
        }
        String path = file.strip();
        String fromFile;
        try {
            fromFile = Files.readString(Path.of(path), StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new ConfigException(FILE_ENV + " names " + path
                    + ", which cannot be read: check the path and its permissions");
        }
        if (fromFile.isEmpty()) {
            throw new ConfigException(FILE_ENV + " names " + path + ", which is empty: put the token in it");
        }
        return fromFile;
    }
}
