package io.legate.proxy;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;

/**
 * The headers that belong to one connection and are not forwarded (RFC 9110 §7.6.1): the standard ones, those the
 * {@code Connection} header names, and {@code HTTP2-Settings}, which only means something on the caller's upgrade.
 */
final class HopByHop {

    // Each a header Jetty knows, so a field is told by its enum constant, with no string comparison.
    private static final Set<HttpHeader> HEADERS = EnumSet.of(HttpHeader.CONNECTION, HttpHeader.KEEP_ALIVE,
            HttpHeader.PROXY_AUTHORIZATION, HttpHeader.PROXY_AUTHENTICATE, HttpHeader.PROXY_CONNECTION,
            HttpHeader.TRANSFER_ENCODING, HttpHeader.TE, HttpHeader.TRAILER, HttpHeader.UPGRADE,
            HttpHeader.HTTP2_SETTINGS);

    private HopByHop() {
    }

    /** Adds to {@code to} every field of {@code from} that is end to end, except {@code skip} (may be null). */
    static void copy(HttpFields from, HttpFields.Mutable to, HttpHeader skip) {
        String connection = from.get(HttpHeader.CONNECTION);
        for (HttpField field : from) {
            HttpHeader header = field.getHeader();
            if (header != null && (header == skip || HEADERS.contains(header))
                    || connection != null && names(connection, field.getLowerCaseName())) {
                continue;
            }
            to.add(field);
        }
    }

    private static boolean names(String connection, String name) {
        for (String token : connection.split(",")) {
            if (token.trim().toLowerCase(Locale.ROOT).equals(name)) {
                return true;
            }
        }
        return false;
    }
}
