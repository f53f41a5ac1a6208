package io.legate.upstream.health;

/** Hosts as a URI or a {@code Host} header writes them. */
final class UriHosts {

    private UriHosts() {
    }

    /** {@code host}, in brackets when it is an IPv6 address ({@code [::1]}). */
    static String of(String host) {
        return host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    }
}
