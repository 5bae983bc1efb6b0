package org.verifikimporter.config;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Map;

/**
 * A secret setting that may instead come from a file named by an environment variable ({@code *_FILE}), as
 * {@code VERIFIK_TOKEN_FILE} does for the token: that is how Kubernetes and Docker hand out secrets (a file
 * mounted read-only), and a file's content is in no {@code /proc/PID/environ} and in no child process's
 * environment. Only the environment names the file; the value is never logged nor put in a message.
 */
final class SecretFile {

    private SecretFile() {
    }

    /**
     * @param fileEnv  the variable naming the file, e.g. IMPORTER_LEDGER_PASSWORD_FILE
     * @param key      the setting it stands in for
     * @param noun     what the secret is called in messages ("password", "secret")
     * @param resolved the setting as the other sources left it ("" when none set it)
     * @return {@code resolved}, or the file's content when the file is named
     */
    static String from(Map<String, String> env, String fileEnv, String key, String noun, String resolved) {
        String file = env.get(fileEnv);
        if (file == null || file.isBlank()) {
            return resolved;
        }
        String path = file.strip();
        if (resolved != null && !resolved.isEmpty()) {
            // two sources for one secret: which one the operator meant is a guess, and a wrong guess is a
            // failed login much later (or a stale secret kept working by accident)
            throw new ConfigException(fileEnv + " and " + key + " (" + ImporterSettings.envName(key) + ") are "
                    + "both set: keep only one");
        }
        String text;
        try {
            text = Files.readString(Path.of(path), StandardCharsets.UTF_8);
        } catch (IOException | InvalidPathException e) {
            throw new ConfigException(fileEnv + " names " + path
                    + ", which cannot be read: check the path and its permissions");
        }
        // one line end, as `echo` or an editor leaves it; spaces are the secret's own (unlike a token's)
        String secret = text.endsWith("\r\n") ? text.substring(0, text.length() - 2)
                : text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
        if (secret.isEmpty()) {
            throw new ConfigException(fileEnv + " names " + path + ", which is empty: put the " + noun + " in it");
        }
        return secret;
    }
}
