package io.legate.proxy;

import io.legate.routing.InsecurePolicies;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The Hosts' {@code requestPolicy.insecure.action} for cleartext requests (HTTP/1.1 and h2c): {@code Route} serves
 * them; {@code Redirect} answers 301 to the https URL, and gRPC callers, which do not follow redirects, a
 * trailers-only {@code PERMISSION_DENIED} that names that URL; {@code Reject} answers 400, or {@code PERMISSION_DENIED}.
 */
final class InsecureRequests {

    private InsecureRequests() {
    }

    /** The reply that refuses {@code request}, or null to route it. A redirect's reply has HTTP status 301. */
    static LocalReply refusal(HttpServletRequest request, InsecurePolicies policies, int httpsPort) {
        if (request.isSecure() || policies.policies().isEmpty()) {
            return null;
        }
        InsecurePolicies.Policy policy = policies.forAuthority(CallerAuthority.of(request));
        if (policy == null || policy.action() == InsecurePolicies.Action.ROUTE) {
            return null;
        }
        if (policy.action() == InsecurePolicies.Action.REDIRECT) {
            return new LocalReply(GrpcStatus.PERMISSION_DENIED, "use TLS: " + location(request, httpsPort), 301);
        }
        return new LocalReply(GrpcStatus.PERMISSION_DENIED, "cleartext requests for " + request.getServerName()
                + " are rejected (Host " + policy.hostName() + "): use TLS", 400);
    }

    static void redirect(HttpServletRequest request, HttpServletResponse response, int httpsPort) {
        response.setStatus(HttpServletResponse.SC_MOVED_PERMANENTLY);
        response.setHeader("Location", location(request, httpsPort));
        response.setContentLength(0);
    }

    /** {@code https://host[:port]/path?query}; the port is left out when it is 443 (or the listener is closed). */
    static String location(HttpServletRequest request, int httpsPort) {
        String host = request.getServerName();
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        String port = httpsPort <= 0 || httpsPort == 443 ? "" : ":" + httpsPort;
        String query = request.getQueryString();
        return "https://" + host + port + request.getRequestURI() + (query == null ? "" : "?" + query);
    }
}
