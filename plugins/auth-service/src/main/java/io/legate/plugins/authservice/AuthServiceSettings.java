package io.legate.plugins.authservice;

import java.util.List;
import java.util.Map;

/**
 * The {@code spec} of Emissary's {@code AuthService}, as written (a field left out is null), plus the two Mapping
 * fields that concern it, {@code bypass_auth} and {@code auth_context_extensions}. {@link AuthConfig} resolves
 * Emissary's defaults.
 *
 * @param authService                 {@code [scheme://]host:port} of the authorization service
 * @param proto                       {@code http} (default) or {@code grpc}
 * @param pathPrefix                  put before the caller's path in the request to an HTTP service
 * @param timeoutMs                   how long to wait for the decision; default 5000
 * @param allowedRequestHeaders       caller's headers sent too, beyond Emissary's default ones
 * @param allowedAuthorizationHeaders headers of an HTTP service's 2xx answer that are copied to the upstream request
 * @param failureModeAllow            whether a request goes on when the service cannot be asked
 * @param statusOnError               the status of the answer when it cannot; default 403
 * @param protocolVersion             {@code v3}, the only version of Envoy's API spoken
 * @param bypassAuth                  (Mapping) the requests it routes are not authorized
 * @param authContextExtensions       (Mapping) sent to a gRPC service as the CheckRequest's context extensions
 */
public record AuthServiceSettings(
        String authService,
        String proto,
        String pathPrefix,
        Integer timeoutMs,
        List<String> allowedRequestHeaders,
        List<String> allowedAuthorizationHeaders,
        Boolean failureModeAllow,
        StatusOnError statusOnError,
        String protocolVersion,
        boolean bypassAuth,
        Map<String, String> authContextExtensions) {

    /** Emissary's {@code status_on_error}. */
    public record StatusOnError(Integer code) {
    }

    /** Whether any field of the AuthService itself is set, so that {@code auth_service} must be. */
    boolean configuresService() {
        return authService != null || proto != null || pathPrefix != null || timeoutMs != null
                || allowedRequestHeaders != null || allowedAuthorizationHeaders != null || failureModeAllow != null
                || statusOnError != null || protocolVersion != null;
    }
}
