package io.legate.proxy;

import io.legate.access.CallerPolicy;
import io.legate.metrics.Refusal;
import io.legate.metrics.RequestMeter;
import io.legate.snapshot.GatewaySnapshot;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;

/**
 * Whether a request is served at all, before it is routed: the gateway's load ({@code limits.max_requests_in_flight}),
 * the caller's address (the Module's {@code ip_allow} / {@code ip_deny}), the scheme a load balancer in front saw
 * ({@code x_forwarded_proto_redirect}), then the Hosts' policy for cleartext requests.
 */
final class CallerAdmission {

    /** The https port of a load balancer that says {@code X-Forwarded-Proto}: the default one, left out of URLs. */
    private static final int FORWARDED_HTTPS_PORT = 443;

    private CallerAdmission() {
    }

    /** The reply that refuses {@code request}, or null to route it. A redirect's reply has HTTP status 301. */
    static GatewayReply refusal(Request request, RequestMeter meter, GatewaySnapshot snapshot, int httpsPort) {
        if (!meter.admitted()) {
            meter.refused(Refusal.REQUESTS_IN_FLIGHT);
            return new GatewayReply(GrpcStatus.RESOURCE_EXHAUSTED,
                    "the gateway is serving as many requests as it may (limits.max_requests_in_flight)", 503);
        }
        CallerPolicy callers = snapshot.callers();
        if (callers.screensAddresses() && !callers.allows(peer(request))) {
            meter.refused(Refusal.IP_DENIED);
            return new GatewayReply(GrpcStatus.PERMISSION_DENIED, "the caller's address is not allowed", 403);
        }
        if (forwardedCleartext(request, callers)) {
            return new GatewayReply(GrpcStatus.PERMISSION_DENIED,
                    "use TLS: " + InsecureRequests.location(request, FORWARDED_HTTPS_PORT), 301);
        }
        return InsecureRequests.refusal(request, snapshot.insecure(), httpsPort);
    }

    /** Makes {@code response} the redirect a redirecting refusal sends a caller that is not gRPC. */
    static void redirect(Request request, Response response, GatewaySnapshot snapshot, int httpsPort) {
        response.setStatus(301);
        response.getHeaders().put(HttpHeader.LOCATION, InsecureRequests.location(request,
                forwardedCleartext(request, snapshot.callers()) ? FORWARDED_HTTPS_PORT : httpsPort));
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, 0);
    }

    private static boolean forwardedCleartext(Request request, CallerPolicy callers) {
        return callers.forwardedProtoRedirect() && "http".equalsIgnoreCase(request.getHeaders().get("x-forwarded-proto"));
    }

    private static InetAddress peer(Request request) {
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        return remote instanceof InetSocketAddress address ? address.getAddress() : InetAddress.getLoopbackAddress();
    }
}
