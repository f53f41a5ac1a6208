package io.legate.plugins.grpcweb;

import io.legate.plugin.Chain;
import io.legate.plugin.Exchange;
import io.legate.plugin.GatewayFilter;

import java.nio.ByteBuffer;
import java.util.Map;

/**
 * gRPC-Web translation and CORS for each request. gRPC-Web is translated first, so that routing (which the CORS
 * policy lookup may trigger) sees the gRPC request the upstream will get, as it does behind Envoy's filter.
 * Requests without an {@code Origin} header are none of CORS's business and are not routed early.
 */
final class GrpcWebFilter implements GatewayFilter {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final boolean grpcWeb;
    private final CorsPolicy moduleCors;

    /**
     * @param grpcWeb    whether gRPC-Web requests are translated
     * @param moduleCors the Module's CORS policy, or null; a Mapping's policy replaces it for the requests it routes
     */
    GrpcWebFilter(boolean grpcWeb, CorsPolicy moduleCors) {
        this.grpcWeb = grpcWeb;
        this.moduleCors = moduleCors;
    }

    @Override
    public void filter(Exchange exchange, Chain chain) {
        boolean translated = grpcWeb && GrpcWebRequest.translate(exchange);
        String origin = exchange.header("origin");
        CorsPolicy policy = origin == null ? null : policyFor(exchange);
        if (policy != null && isPreflight(exchange)) {
            answerPreflight(exchange, policy, origin);
            return;
        }
        if (policy != null && policy.allows(origin)) {
            exchange.onResponse(new CorsResponseHeaders(policy, origin, translated));
        }
        chain.proceed();
    }

    /** The routing Mapping's {@code cors} when it has one, else the Module's. */
    private CorsPolicy policyFor(Exchange exchange) {
        return exchange.routeSettings(GrpcWebSettings.class)
                .map(GrpcWebSettings::cors)
                .map(CorsPolicy::of)
                .orElse(moduleCors);
    }

    private static boolean isPreflight(Exchange exchange) {
        return "OPTIONS".equals(exchange.header(":method")) && exchange.header("access-control-request-method") != null;
    }

    /**
     * A preflight under a CORS policy is the gateway's to answer, never the upstream's (a gRPC server cannot).
     * A disallowed origin gets 403 and no CORS header, so the browser refuses the actual request.
     */
    private static void answerPreflight(Exchange exchange, CorsPolicy policy, String origin) {
        if (policy.allows(origin)) {
            exchange.reply(200, CorsHeaders.preflight(policy, origin, exchange), EMPTY);
        } else {
            exchange.reply(403, Map.of(), EMPTY);
        }
    }
}
