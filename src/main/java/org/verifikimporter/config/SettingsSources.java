package org.verifikimporter.config;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * The texts of the keys, from each source in turn, before anything is parsed: the built-in
 * {@code application.properties}, which holds every default, then {@code --config} files, the environment,
 * {@code --set}.
 */
final class SettingsSources {

    private final Map<String, String> values = new LinkedHashMap<>();
    private final Map<String, String> overrides = new LinkedHashMap<>();
    /** Each key the operator wrote, with where: " in FILE", or "" for --set. */
    private final Map<String, String> operatorKeys = new LinkedHashMap<>();
    private Map<String, String> env = Map.of();

    SettingsSources() {
        values.putAll(builtIn());
    }

    /** The built-in {@code application.properties} from the jar: the defaults, and Camel's own keys. */
    static Map<String, String> builtIn() {
        try (InputStream in = SettingsSources.class.getResourceAsStream("/application.properties")) {
            if (in == null) {
                throw new ConfigException("application.properties is missing from the jar; rebuild it");
            }
            return read(in);
        } catch (IOException e) {
            throw new ConfigException("cannot read the built-in application.properties: " + e.getMessage());
        }
    }

    private static Map<String, String> read(InputStream in) throws IOException {
        Properties p = new Properties();
        try (Reader r = new InputStreamReader(in, StandardCharsets.UTF_8)) {
            p.load(r);
        }
        Map<String, String> read = new LinkedHashMap<>();
        for (String key : p.stringPropertyNames()) {
            read.put(key, p.getProperty(key).strip());
        }
        return read;
    }

    void file(Path path) {
        if (!Files.isReadable(path)) {
            throw new ConfigException("the configuration file " + path + " does not exist or cannot be read");
        }
        try (InputStream in = Files.newInputStream(path)) {
            Map<String, String> read = read(in);
            values.putAll(read);
            read.keySet().forEach(key -> operatorKeys.putIfAbsent(key, " in " + path));
        } catch (IOException e) {
            throw new ConfigException("cannot read the configuration file " + path + ": " + e.getMessage());
        }
    }

    void env(Map<String, String> env) {
        this.env = Map.copyOf(env);
    }

    Map<String, String> env() {
        return env;
    }

    void override(String key, String value) {
        overrides.put(key, value == null ? "" : value.strip());
        operatorKeys.putIfAbsent(key, "");
    }

    /**
     * A variable counts only for a key some file already has: the environment holds far more than settings,
     * and nothing says which of its names would be keys. The built-in file has every declared key (the tests
     * hold it to that), so every declared key has its variable.
     */
    Map<String, String> resolve() {
        Map<String, String> resolved = new TreeMap<>(values);
        for (Map.Entry<String, String> e : resolved.entrySet()) {
            String fromEnv = env.get(ImporterSettings.envName(e.getKey()));
            if (fromEnv != null) {
                e.setValue(fromEnv.strip());
            }
        }
        resolved.putAll(overrides);
        return resolved;
    }

    /**
     * Keys the operator wrote, in --config files or with --set, each with where it was first written
     * (" in FILE", or "" for --set), in that order.
     */
    Map<String, String> operatorKeys() {
        return operatorKeys;
    }
}
