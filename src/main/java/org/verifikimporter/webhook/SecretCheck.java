package org.verifikimporter.webhook;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Compares what a caller sent with the operator's secret in constant time: both are hashed first, so the
 * comparison always runs over 32 bytes and neither the time taken nor an early exit tells how long the secret
 * is or how much of it the caller got right.
 */
final class SecretCheck {

    private final byte[] expected;

    SecretCheck(String secret) {
        if (secret == null || secret.isEmpty()) {
            throw new IllegalArgumentException("no secret");
        }
        this.expected = sha256(secret);
    }

    /** @param given null or empty when the caller sent none */
    boolean matches(String given) {
        // hashing "" as well keeps the missing case as slow as a wrong one
        return MessageDigest.isEqual(expected, sha256(given == null ? "" : given)) && given != null
                && !given.isEmpty();
    }

    private static byte[] sha256(String text) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every Java has SHA-256", e);
        }
    }
}
