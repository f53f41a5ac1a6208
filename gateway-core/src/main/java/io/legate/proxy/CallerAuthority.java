package io.legate.proxy;

import jakarta.servlet.http.HttpServletRequest;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/** The authority a caller asked for, as sent, port included. */
final class CallerAuthority {

    private CallerAuthority() {
    }

    /** {@code Host} over HTTP/1.1; {@code :authority} over HTTP/2, which carries no {@code Host}. */
    static String of(HttpServletRequest request) {
        String host = request.getHeader("Host");
        return host != null ? host : ServletContextRequest.getServletContextRequest(request).getHttpURI().getAuthority();
    }
}
