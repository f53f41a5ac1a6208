package io.legate.plugins.hostport;

/**
 * Reads the port of an authority, {@code host[:port]} where the host may be a bracketed IPv6 literal (RFC 3986
 * section 3.2). What is not such an authority with a port (an empty or non-numeric port, an unbracketed IPv6
 * address, an empty host) has no port here, so the gateway leaves it as the caller sent it.
 */
final class Authority {

    static final int NO_PORT = -1;

    private Authority() {
    }

    /** The port of {@code authority}, 0 to 65535, or {@link #NO_PORT}. */
    static int port(String authority) {
        int colon = authority.lastIndexOf(':');
        if (colon < 1 || !hostEndsAt(authority, colon)) {
            return NO_PORT;
        }
        int digits = authority.length() - colon - 1;
        if (digits < 1 || digits > 5) {
            return NO_PORT;
        }
        int port = 0;
        for (int i = colon + 1; i < authority.length(); i++) {
            char c = authority.charAt(i);
            if (c < '0' || c > '9') {
                return NO_PORT;
            }
            port = port * 10 + (c - '0');
        }
        return port <= 65535 ? port : NO_PORT;
    }

    /** {@code authority} without its port; only for an authority whose {@link #port} is not {@link #NO_PORT}. */
    static String withoutPort(String authority) {
        return authority.substring(0, authority.lastIndexOf(':'));
    }

    /** Whether the host ends at {@code colon}: after a bracketed IPv6 literal, or a host with no colon of its own. */
    private static boolean hostEndsAt(String authority, int colon) {
        if (authority.charAt(0) == '[') {
            return authority.charAt(colon - 1) == ']';
        }
        return authority.indexOf(':') == colon;
    }
}
