package org.verifikimporter.cluster;

import java.net.InetAddress;
import java.security.SecureRandom;
import java.util.HexFormat;

/**
 * Who this process is among the importers sharing a ledger. {@code name} is what people read ({@code status},
 * logs): {@code importer.cluster.instance}, or the host name and process id. {@code owner} adds a token of
 * this start, so that a restarted process, even under the same name (a container restarted in its pod), is a
 * new owner: it cannot mistake its dead predecessor's claims for its own, and waits for their lease.
 */
public record Instance(String name, String owner) {

    public static Instance of(String configured) {
        String name = configured == null || configured.isBlank() ? hostAndPid() : configured.strip();
        byte[] token = new byte[6];
        new SecureRandom().nextBytes(token);
        return new Instance(name, name + "#" + HexFormat.of().formatHex(token));
    }

    private static String hostAndPid() {
        String host;
        try {
            host = InetAddress.getLocalHost().getHostName();
        } catch (Exception e) {
            host = "localhost";
        }
        return host + "-" + ProcessHandle.current().pid();
    }
}
