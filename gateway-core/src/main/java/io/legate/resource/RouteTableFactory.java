package io.legate.resource;

import io.legate.routing.HostMatcher;
import io.legate.routing.PathMatcher;
import io.legate.routing.PathRewrite;
import io.legate.routing.Route;
import io.legate.routing.RouteAction;
import io.legate.routing.RouteTable;
import java.util.List;

/** Turns validated Mappings into the route table, resolving Emissary's defaults. */
public final class RouteTableFactory {

    // Emissary's default, not Envoy's 15 s; gRPC gets none, so that streams live as long as grpc-timeout allows.
    private static final int DEFAULT_TIMEOUT_MS = 3_000;
    // Envoy's default stream idle timeout (5 minutes).
    private static final int DEFAULT_IDLE_TIMEOUT_MS = 300_000;
    private static final int DEFAULT_CONNECT_TIMEOUT_MS = 3_000;
    private static final int NONE = 0;

    private RouteTableFactory() {
    }

    /** A table of the Mappings among {@code resources}; the other kinds are not routes and are passed over. */
    public static RouteTable build(List<Resource> resources) {
        return RouteTable.of(resources.stream()
                .filter(r -> r.typed() instanceof MappingSpec)
                .map(r -> route(r.name(), (MappingSpec) r.typed()))
                .toList());
    }

    /** The route for one Mapping; {@code spec} must have passed {@link ResourceValidator}. */
    public static Route route(String name, MappingSpec spec) {
        RouteAction action = new RouteAction(
                spec.service(),
                spec.grpc(),
                spec.timeoutMs().orElse(spec.grpc() ? NONE : DEFAULT_TIMEOUT_MS),
                spec.idleTimeoutMs().orElse(spec.grpc() ? NONE : DEFAULT_IDLE_TIMEOUT_MS),
                spec.connectTimeoutMs().orElse(DEFAULT_CONNECT_TIMEOUT_MS),
                spec.hostRewrite(),
                spec.addRequestHeaders(),
                spec.removeRequestHeaders(),
                spec.addResponseHeaders(),
                spec.removeResponseHeaders());
        return new Route(name, spec.precedence(), path(spec), host(spec), spec.method(), rewrite(spec), action);
    }

    private static PathMatcher path(MappingSpec spec) {
        if (spec.prefixRegex()) {
            return PathMatcher.regex(spec.prefix());
        }
        return spec.prefixExact() ? PathMatcher.exact(spec.prefix()) : PathMatcher.prefix(spec.prefix());
    }

    /** {@code hostname} wins over the deprecated {@code host}, as in Emissary; neither means any host. */
    private static HostMatcher host(MappingSpec spec) {
        if (spec.hostname() != null) {
            return HostMatcher.glob(spec.hostname());
        }
        if (spec.host() != null) {
            return spec.hostRegex() ? HostMatcher.regex(spec.host()) : HostMatcher.exact(spec.host());
        }
        return HostMatcher.ANY;
    }

    /**
     * {@code regex_rewrite} wins over {@code rewrite}. An absent {@code rewrite} is Emissary's {@code /}, except
     * for gRPC, where it keeps the path (Emissary makes users repeat the prefix there); {@code ""} keeps it too.
     */
    private static PathRewrite rewrite(MappingSpec spec) {
        if (spec.regexRewrite() != null) {
            return PathRewrite.regex(spec.regexRewrite().pattern(), spec.regexRewrite().substitution());
        }
        String rewrite = spec.rewrite() != null ? spec.rewrite() : spec.grpc() ? "" : "/";
        if (rewrite.isEmpty()) {
            return PathRewrite.KEEP;
        }
        if (spec.prefixRegex() || spec.prefixExact()) {
            return PathRewrite.replacePath(rewrite);
        }
        return PathRewrite.replacePrefix(spec.prefix(), rewrite);
    }
}
