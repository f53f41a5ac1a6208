package io.legate.plugins.authservice;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** An {@link AuthServiceSettings} with Emissary's defaults resolved and header names in lower case. */
record AuthConfig(
        AuthServiceAddress address,
        boolean grpc,
        String pathPrefix,
        Duration timeout,
        List<String> requestHeaders,
        List<String> authorizationHeaders,
        boolean failureModeAllow,
        int statusOnError) {

    static final int DEFAULT_TIMEOUT_MS = 5_000;
    static final int DEFAULT_STATUS_ON_ERROR = 403;

    /** The caller's headers Emissary always sends to the authorization service. */
    static final List<String> DEFAULT_REQUEST_HEADERS = List.of("authorization", "cookie", "from",
            "proxy-authorization", "user-agent", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto");

    /** @param settings valid settings that configure a service */
    static AuthConfig of(AuthServiceSettings settings) {
        List<String> requestHeaders = new ArrayList<>(DEFAULT_REQUEST_HEADERS);
        lowerCase(settings.allowedRequestHeaders()).stream().filter(h -> !requestHeaders.contains(h))
                .forEach(requestHeaders::add);
        return new AuthConfig(
                AuthServiceAddress.parse(settings.authService()),
                "grpc".equals(settings.proto()),
                Objects.requireNonNullElse(settings.pathPrefix(), ""),
                Duration.ofMillis(Objects.requireNonNullElse(settings.timeoutMs(), DEFAULT_TIMEOUT_MS)),
                List.copyOf(requestHeaders),
                lowerCase(settings.allowedAuthorizationHeaders()),
                Boolean.TRUE.equals(settings.failureModeAllow()),
                settings.statusOnError() == null || settings.statusOnError().code() == null
                        ? DEFAULT_STATUS_ON_ERROR : settings.statusOnError().code());
    }

    private static List<String> lowerCase(List<String> names) {
        return names == null ? List.of() : names.stream().map(n -> n.toLowerCase(Locale.ROOT)).distinct().toList();
    }
}
