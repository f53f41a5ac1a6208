package io.legate.plugins.grpcweb;

import io.legate.plugin.ResponseFilter;
import io.legate.plugin.ResponseHead;

import java.util.Locale;
import java.util.Map;

/**
 * Puts the CORS headers on the reply to an allowed request, whoever makes it: the upstream, or the gateway
 * itself (no route, upstream unavailable), whose errors a browser could not read otherwise (envoy#10128).
 */
final class CorsResponseHeaders implements ResponseFilter {

    private final Map<String, String> headers;

    CorsResponseHeaders(CorsPolicy policy, String origin, boolean grpcWeb) {
        this.headers = CorsHeaders.actual(policy, origin, grpcWeb);
    }

    @Override
    public void onHeaders(ResponseHead response) {
        headers.forEach((name, value) -> {
            if ("vary".equals(name)) {
                addVary(response, value);
            } else {
                response.setHeader(name, value);
            }
        });
    }

    /** The upstream may vary on other headers already: keep them. */
    private static void addVary(ResponseHead response, String value) {
        String vary = response.header("vary");
        if (vary == null || vary.isBlank()) {
            response.setHeader("vary", value);
        } else if (!vary.toLowerCase(Locale.ROOT).contains(value.toLowerCase(Locale.ROOT))) {
            response.setHeader("vary", vary + ", " + value);
        }
    }
}
