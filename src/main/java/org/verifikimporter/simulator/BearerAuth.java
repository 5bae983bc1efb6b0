package org.verifikimporter.simulator;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/** Checks the {@code Authorization} header against the one configured token. */
final class BearerAuth {

    private final byte[] expected;

    BearerAuth(String token) {
        this.expected = ("Bearer " + token).getBytes(StandardCharsets.UTF_8);
    }

    /** Exact match only: another scheme, extra spaces or a bare token are client bugs the real API may refuse. */
    boolean accepts(Optional<String> authorization) {
        // Constant-time, so the simulator does not model a token oracle a real client could come to rely on.
        return authorization
                .map(value -> MessageDigest.isEqual(expected, value.getBytes(StandardCharsets.UTF_8)))
                .orElse(false);
    }
}
