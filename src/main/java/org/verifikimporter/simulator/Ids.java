package org.verifikimporter.simulator;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.atomic.AtomicInteger;

/** Identifiers shaped like the real ones: Mongo ObjectIds for records, an opaque string for session tokens. */
final class Ids {

    private static final HexFormat HEX = HexFormat.of();

    // Session tokens stand for credentials, so they come from a source no seed can reproduce.
    private final SecureRandom random = new SecureRandom();
    private final String processPart;
    private final AtomicInteger counter;

    Ids() {
        byte[] process = new byte[5];
        random.nextBytes(process);
        this.processPart = HEX.formatHex(process);
        this.counter = new AtomicInteger(random.nextInt(0x1000000));
    }

    /** 24 hex digits: seconds, a per-simulator part and a counter, so ids are unique and sort by creation. */
    String objectId(Instant at) {
        String seconds = String.format("%08x", at.getEpochSecond() & 0xffffffffL);
        String count = String.format("%06x", counter.getAndIncrement() & 0xffffff);
        return seconds + processPart + count;
    }

    String sessionToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return "simsess." + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
