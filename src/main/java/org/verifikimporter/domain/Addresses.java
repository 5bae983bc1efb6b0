package org.verifikimporter.domain;

import java.net.InetAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.UnknownHostException;
import java.util.Locale;
import java.util.regex.Pattern;

/** What the URL, IP address and email cells must look like. Nothing here resolves a name. */
final class Addresses {

    private static final Pattern IPV4 = Pattern.compile(
            "((25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)\\.){3}(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)");
    private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");
    // Deliberately plain: RFC 5322 allows far more, but a CSV cell that needs quoting or comments
    // to be an address is a typo in practice.
    private static final Pattern EMAIL = Pattern.compile(
            "[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*"
                    + "@([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,63}");
    /** The longest address SMTP carries (RFC 5321). */
    private static final int MAX_EMAIL_LENGTH = 254;

    private Addresses() {
    }

    static boolean isEmail(String v) {
        return v.length() <= MAX_EMAIL_LENGTH && EMAIL.matcher(v).matches();
    }

    /** @return why the URL is not allowed, said after the value; null when it is */
    static String urlProblem(String v, boolean webhook) {
        URI uri;
        try {
            uri = new URI(v);
        } catch (URISyntaxException e) {
            return "is not a valid URL";
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!uri.isAbsolute() || uri.getHost() == null || uri.getHost().isBlank()) {
            return "is not an absolute URL with a host";
        }
        if (webhook) {
            if (scheme.equals("https") || (scheme.equals("http") && isLoopbackHost(uri.getHost()))) {
                return null;
            }
            return "must use https (http only to localhost)";
        }
        return scheme.equals("http") || scheme.equals("https") ? null : "must use http or https";
    }

    private static boolean isLoopbackHost(String host) {
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (h.equalsIgnoreCase("localhost")) {
            return true;
        }
        if (!isIpLiteral(h)) {
            return false;
        }
        try {
            return InetAddress.getByName(h).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    /** True for an IP literal; never resolves a name (a CSV cell must not trigger DNS lookups). */
    static boolean isIpLiteral(String v) {
        if (IPV4.matcher(v).matches()) {
            return true;
        }
        if (!v.contains(":") || !IPV6_CHARS.matcher(v).matches()) {
            return false;
        }
        try {
            // With a ':' and only hex digits, ':' and '.', the JDK parses a literal and does no lookup.
            InetAddress.getByName(v);
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
