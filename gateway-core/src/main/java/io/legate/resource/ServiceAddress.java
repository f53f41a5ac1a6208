package io.legate.resource;

import io.legate.routing.Upstream;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * Reads a Mapping's {@code service}: {@code [scheme://]host[:port]}, scheme {@code http} (default) or
 * {@code https}, port 80 or 443 by default, an IPv6 address in brackets ({@code [::1]:50051}).
 */
final class ServiceAddress {

    private static final String FIELD = "spec.service";
    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9]([A-Za-z0-9._-]*[A-Za-z0-9])?");
    private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f:.]+(%[A-Za-z0-9._-]+)?");
    private static final int MAX_PORT = 65535;

    private ServiceAddress() {
    }

    /**
     * The upstream, or null after reporting what is wrong.
     *
     * @param secureByDefault whether a service without a scheme is {@code https} (a v2 Mapping's {@code tls: true})
     */
    static Upstream parse(String service, Problems problems, boolean secureByDefault) {
        String scheme = secureByDefault ? "https" : "http";
        String rest = service.trim();
        int separator = rest.indexOf("://");
        if (separator >= 0) {
            scheme = rest.substring(0, separator).toLowerCase(Locale.ROOT);
            rest = rest.substring(separator + 3);
            if (!scheme.equals("http") && !scheme.equals("https")) {
                problems.error(FIELD, "scheme \"" + scheme + "\" is not supported (expected http or https)");
                return null;
            }
        }
        if (rest.endsWith("/")) {
            rest = rest.substring(0, rest.length() - 1);
        }
        String host;
        String port = null;
        if (rest.startsWith("[")) {
            int close = rest.indexOf(']');
            if (close < 0 || (close + 1 < rest.length() && rest.charAt(close + 1) != ':')) {
                problems.error(FIELD, "\"" + service + "\" is not host[:port] (an IPv6 address goes in brackets: [::1]:50051)");
                return null;
            }
            host = rest.substring(1, close);
            port = close + 1 < rest.length() ? rest.substring(close + 2) : null;
            if (!IPV6.matcher(host).matches()) {
                problems.error(FIELD, "\"" + host + "\" is not an IPv6 address");
                return null;
            }
        } else {
            int colon = rest.indexOf(':');
            if (colon >= 0 && colon != rest.lastIndexOf(':')) {
                problems.error(FIELD, "\"" + service + "\": an IPv6 address goes in brackets, e.g. [::1]:50051");
                return null;
            }
            host = colon < 0 ? rest : rest.substring(0, colon);
            port = colon < 0 ? null : rest.substring(colon + 1);
            if (!HOST_NAME.matcher(host).matches()) {
                problems.error(FIELD, "\"" + host + "\" is not a host name or address");
                return null;
            }
        }
        int portNumber = port == null ? defaultPort(scheme) : port(port, problems);
        return portNumber < 0 ? null : new Upstream(scheme, host, portNumber);
    }

    /** The port {@code service} names, or 0 when it names none (or none that {@link #parse} would take). */
    static int writtenPort(String service) {
        String rest = service.trim();
        rest = rest.substring(rest.indexOf("://") < 0 ? 0 : rest.indexOf("://") + 3);
        rest = rest.endsWith("/") ? rest.substring(0, rest.length() - 1) : rest;
        int colon = rest.lastIndexOf(':');
        if (colon < 0 || (rest.startsWith("[") ? rest.lastIndexOf(']') != colon - 1 : rest.indexOf(':') != colon)) {
            return 0;
        }
        String port = rest.substring(colon + 1);
        return port.matches("\\d{1,5}") && Integer.parseInt(port) <= MAX_PORT ? Integer.parseInt(port) : 0;
    }

    private static int defaultPort(String scheme) {
        return scheme.equals("https") ? 443 : 80;
    }

    private static int port(String text, Problems problems) {
        if (text.isEmpty() || !text.chars().allMatch(c -> c >= '0' && c <= '9')) {
            problems.error(FIELD, "port \"" + text + "\" is not a number (expected 1-" + MAX_PORT + ")");
            return -1;
        }
        int port = text.length() > 5 ? Integer.MAX_VALUE : Integer.parseInt(text);
        if (port < 1 || port > MAX_PORT) {
            problems.error(FIELD, "port " + text + " is out of range (expected 1-" + MAX_PORT + ")");
            return -1;
        }
        return port;
    }
}
