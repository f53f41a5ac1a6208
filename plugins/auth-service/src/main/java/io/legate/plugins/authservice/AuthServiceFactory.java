package io.legate.plugins.authservice;

import io.legate.plugin.GatewayFilter;
import io.legate.plugin.PluginFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * External authorization, as Emissary's {@code AuthService}: every request is first put to an authorization
 * service, over HTTP or as Envoy's {@code envoy.service.auth.v3.Authorization/Check}, which allows it (and may add
 * headers for the upstream) or answers the caller instead. A Mapping's {@code bypass_auth: true} skips it.
 */
public final class AuthServiceFactory implements PluginFactory<AuthServiceSettings> {

    private static final Pattern HEADER_NAME = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");

    @Override
    public String name() {
        return "auth_service";
    }

    /** After grpc_web (200): a gRPC-Web request is asked about as gRPC, and its denial goes back as gRPC-Web. */
    @Override
    public int order() {
        return 300;
    }

    @Override
    public Class<AuthServiceSettings> settingsType() {
        return AuthServiceSettings.class;
    }

    @Override
    public Set<String> resourceKinds() {
        return Set.of("AuthService");
    }

    @Override
    public Set<String> mappingKeys() {
        return Set.of("bypass_auth", "auth_context_extensions");
    }

    @Override
    public List<String> validate(AuthServiceSettings settings) {
        List<String> problems = new ArrayList<>();
        if (settings.authService() == null) {
            if (settings.configuresService()) {
                problems.add("auth_service: required (host:port of the authorization service)");
            }
        } else {
            try {
                AuthServiceAddress.parse(settings.authService());
            } catch (IllegalArgumentException e) {
                problems.add("auth_service: " + e.getMessage());
            }
        }
        if (settings.proto() != null && !settings.proto().equals("http") && !settings.proto().equals("grpc")) {
            problems.add("proto: \"" + settings.proto() + "\" (expected: http or grpc)");
        }
        if (settings.timeoutMs() != null && settings.timeoutMs() <= 0) {
            problems.add("timeout_ms: " + settings.timeoutMs() + " (expected: > 0)");
        }
        if (settings.statusOnError() != null && settings.statusOnError().code() != null
                && (settings.statusOnError().code() < 200 || settings.statusOnError().code() > 599)) {
            problems.add("status_on_error.code: " + settings.statusOnError().code() + " (expected: 200..599)");
        }
        if (settings.protocolVersion() != null && !settings.protocolVersion().equals("v3")) {
            problems.add("protocol_version: \"" + settings.protocolVersion() + "\" is not supported (expected: v3)");
        }
        headerNames(problems, "allowed_request_headers", settings.allowedRequestHeaders());
        headerNames(problems, "allowed_authorization_headers", settings.allowedAuthorizationHeaders());
        return problems;
    }

    private static void headerNames(List<String> problems, String field, List<String> names) {
        for (int i = 0; names != null && i < names.size(); i++) {
            if (names.get(i) == null || !HEADER_NAME.matcher(names.get(i)).matches()) {
                problems.add(field + "[" + i + "]: \"" + names.get(i) + "\" is not a header name");
            }
        }
    }

    /** No filter, and no cost per request, until an AuthService names a service. */
    @Override
    public Optional<GatewayFilter> filter(AuthServiceSettings settings) {
        if (settings.authService() == null) {
            return Optional.empty();
        }
        AuthConfig config = AuthConfig.of(settings);
        AuthClient client = config.grpc() ? new GrpcAuthClient(config) : HttpAuthClient.start(config);
        return Optional.of(new AuthServiceFilter(config, client));
    }
}
