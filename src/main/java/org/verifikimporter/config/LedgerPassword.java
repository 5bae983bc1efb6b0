package org.verifikimporter.config;

import java.util.Map;

/**
 * The ledger's password may come from a file named by {@code IMPORTER_LEDGER_PASSWORD_FILE} ({@link SecretFile}).
 */
final class LedgerPassword {

    static final String FILE_ENV = "IMPORTER_LEDGER_PASSWORD_FILE";

    private LedgerPassword() {
    }

    /**
     * @param resolved {@code importer.ledger.password} as the other sources left it ("" when none set it)
     * @return the password to use: {@code resolved}, or the file's content when the file is named
     */
    static String from(Map<String, String> env, String resolved) {
        return SecretFile.from(env, FILE_ENV, "importer.ledger.password", "password", resolved);
    }
}
