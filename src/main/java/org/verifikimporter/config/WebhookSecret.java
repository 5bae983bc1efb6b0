package org.verifikimporter.config;

import java.util.Map;

/**
 * The webhook receiver's secret ({@code importer.webhook.secret}) may come from a file named by
 * {@code IMPORTER_WEBHOOK_SECRET_FILE}, as the ledger's password does ({@link SecretFile}).
 */
final class WebhookSecret {

    static final String FILE_ENV = "IMPORTER_WEBHOOK_SECRET_FILE";

    private WebhookSecret() {
    }

    static String from(Map<String, String> env, String resolved) {
        return SecretFile.from(env, FILE_ENV, "importer.webhook.secret", "secret", resolved);
    }
}
