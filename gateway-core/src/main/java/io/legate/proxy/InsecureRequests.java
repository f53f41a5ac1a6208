package io.legate.proxy;

import io.legate.routing.InsecurePolicies;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;

/**
 * The Hosts' {@code requestPolicy.insecure.action} for cleartext requests (HTTP/1.1 and h2c): {@code Route} serves
 * them; {@code Redirect} answers 301 to the https URL, and gRPC callers, which do not follow redirects, a
 * trailers-only {@code PERMISSION_DENIED} that names that URL; {@code Reject} answers 400, or {@code PERMISSION_DENIED}.
 */
final class InsecureRequests {

    private InsecureRequests() {
    }

    /** The reply that refuses {@code request}, or null to route it. A redirect's reply has HTTP status 301. */
    static GatewayReply refusal(Request request, InsecurePolicies policies, int httpsPort) {
        if (request.isSecure() || policies.policies().isEmpty()) {
            return null;
        }
        InsecurePolicies.Policy policy = policies.forAuthority(CallExchange.authority(request));
        if (policy == null || policy.action() == InsecurePolicies.Action.ROUTE) {
            return null;
        }
        if (policy.action() == InsecurePolicies.Action.REDIRECT) {
            return new GatewayReply(GrpcStatus.PERMISSION_DENIED, "use TLS: " + location(request, httpsPort), 301);
        }
        return new GatewayReply(GrpcStatus.PERMISSION_DENIED, "cleartext requests for " + Request.getServerName(request)
                + " are rejected (Host " + policy.hostName() + "): use TLS", 400);
    }

    /** {@code https://host[:port]/path?query}; the port is left out when it is 443 (or the listener is closed). */
    static String location(Request request, int httpsPort) {
        String host = Request.getServerName(request);
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        String port = httpsPort <= 0 || httpsPort == 443 ? "" : ":" + httpsPort;
        HttpURI uri = request.getHttpURI();
        return "https://" + host + port + uri.getPath() + (uri.getQuery() == null ? "" : "?" + uri.getQuery());
    }

}
