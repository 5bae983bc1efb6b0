package org.verifikimporter.config;

/** Bad configuration: the message is the one line the operator reads, saying what to set. */
public class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message, null, false, false);
    }
}
