package io.legate.admin.api;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.HttpHeaders;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Set;

/**
 * {@code admin.token}: every call but the health checks and the metrics needs {@code Authorization: Bearer <token>};
 * without it, 401 before the request is even matched, so nothing is read or changed. The open paths are listed
 * rather than the protected ones, so that a path spelt oddly is protected too.
 */
@PreMatching
public final class BearerTokenFilter implements ContainerRequestFilter {

    private static final Set<String> OPEN = Set.of("healthz", "readyz", "metrics");

    private static final String SCHEME = "Bearer ";

    private final byte[] expected;

    BearerTokenFilter(String token) {
        this.expected = token.getBytes(StandardCharsets.UTF_8);
    }

    @Override
    public void filter(ContainerRequestContext request) {
        if (OPEN.contains(request.getUriInfo().getPath())) {
            return;
        }
        String sent = request.getHeaderString(HttpHeaders.AUTHORIZATION);
        // Constant time, so that the token cannot be guessed byte by byte from response times.
        if (sent == null || !MessageDigest.isEqual(expected, token(sent))) {
            String detail = sent == null ? "Authorization: Bearer <admin.token> required" : "wrong bearer token";
            request.abortWith(ProblemMapper.builder(401, detail, null, List.of())
                    .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"legate\"")
                    .build());
        }
    }

    /** The credentials of {@code Bearer <token>}, the scheme in any case (RFC 9110 §11.1); nothing for another scheme. */
    private static byte[] token(String authorization) {
        if (!authorization.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
            return new byte[0];
        }
        return authorization.substring(SCHEME.length()).strip().getBytes(StandardCharsets.UTF_8);
    }
}
