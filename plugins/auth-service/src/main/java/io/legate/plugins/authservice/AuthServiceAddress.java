package io.legate.plugins.authservice;

import java.net.URI;
import java.net.URISyntaxException;

/**
 * Where the authorization service listens: Emissary's {@code auth_service}, {@code host:port} with an optional
 * {@code http://} or {@code https://} (TLS); the port defaults to 80, 443 with TLS.
 */
record AuthServiceAddress(boolean tls, String host, int port) {

    /** The address written as {@code value}. @throws IllegalArgumentException naming what is wrong */
    static AuthServiceAddress parse(String value) {
        String written = value.contains("://") ? value : "http://" + value;
        URI uri;
        try {
            uri = new URI(written);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("\"" + value + "\" is not host:port (" + e.getReason() + ")");
        }
        String scheme = uri.getScheme();
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("\"" + value + "\": unknown scheme \"" + scheme
                    + "\" (expected: http or https)");
        }
        if (uri.getHost() == null) {
            throw new IllegalArgumentException("\"" + value + "\" is not host:port (expected e.g. auth.example:3000)");
        }
        if (uri.getRawPath() != null && !uri.getRawPath().isEmpty() || uri.getRawQuery() != null) {
            throw new IllegalArgumentException("\"" + value + "\" has a path: set it as path_prefix");
        }
        boolean tls = "https".equals(scheme);
        int port = uri.getPort() >= 0 ? uri.getPort() : tls ? 443 : 80;
        return new AuthServiceAddress(tls, uri.getHost(), port);
    }
}
