package io.legate.snapshot;

import io.legate.resource.MappingSpec;
import io.legate.resource.ModuleSpec;
import io.legate.resource.Resource;
import io.legate.resource.SecretSpec;
import io.legate.resource.TlsContextSpec;
import io.legate.plugin.PluginFactory;
import io.legate.plugin.RouteCondition;
import io.legate.pluginhost.PluginRegistry;
import io.legate.pluginhost.PluginUnavailable;
import io.legate.hostname.HostMatcher;
import io.legate.routing.PathMatcher;
import io.legate.routing.PathRewrite;
import io.legate.routing.Route;
import io.legate.routing.RouteAction;
import io.legate.routing.RouteTable;
import io.legate.routing.Upstream;
import io.legate.tls.UpstreamTls;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;

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

    /**
     * A table of the Mappings among {@code resources}; the other kinds are not routes and are passed over.
     * {@code plugins} must be those the resources were validated with. A Mapping that configures a plugin that is
     * not loaded, or whose plugin fails to make its route condition, refuses its requests.
     */
    public static RouteTable build(List<Resource> resources, PluginRegistry plugins) {
        return build(resources, plugins, null);
    }

    /** As {@link #build(List, PluginRegistry)}; every route refuses its requests for {@code unavailable} if not null. */
    static RouteTable build(List<Resource> resources, PluginRegistry plugins, String unavailable) {
        Map<String, SecretSpec> secrets = TlsFactory.byName(resources, SecretSpec.class);
        Map<String, TlsContextSpec> contexts = TlsFactory.byName(resources, TlsContextSpec.class);
        int defaultTimeoutMs = defaultTimeoutMs(resources);
        UpstreamPolicies policies = UpstreamPolicies.of(resources);
        return RouteTable.of(resources.stream()
                .filter(r -> r.typed() instanceof MappingSpec)
                .map(r -> route(r, upstreamTls((MappingSpec) r.typed(), contexts, secrets), plugins, unavailable,
                        defaultTimeoutMs, policies))
                .toList());
    }

    /** The {@code ambassador} Module's {@code cluster_request_timeout_ms}, as in Emissary; else Emissary's 3 s. */
    private static int defaultTimeoutMs(List<Resource> resources) {
        return ModuleSpec.global(resources).map(ModuleSpec::clusterRequestTimeoutMs).orElse(OptionalInt.empty())
                .orElse(DEFAULT_TIMEOUT_MS);
    }

    /**
     * {@code tls: <TLSContext>} originates TLS even to a service without {@code https://}: its {@code ca_secret}
     * (or its secret's {@code ca.crt}) verifies the upstream, its {@code secret} is the client certificate, its
     * {@code sni} the name verified. A TLSContext that does not exist leaves the JDK's defaults (and is reported).
     */
    static UpstreamTls upstreamTls(MappingSpec spec, Map<String, TlsContextSpec> contexts, Map<String, SecretSpec> secrets) {
        TlsContextSpec context = spec.tls() == null ? null : contexts.get(spec.tls());
        if (context == null) {
            return spec.service().secure() || spec.tls() != null ? UpstreamTls.DEFAULT : null;
        }
        SecretSpec secret = context.secret() == null ? null : secrets.get(context.secret());
        List<X509Certificate> trusted = new ArrayList<>(
                TlsFactory.trusted(context.caSecret() == null ? null : secrets.get(context.caSecret())));
        if (trusted.isEmpty() && secret != null) {
            trusted.addAll(secret.ca());
        }
        return new UpstreamTls(spec.tls(), trusted, secret == null ? null : secret.tls(), context.sni(),
                TlsFactory.protocols(Set.of(context)), context.cipherSuites());
    }

    private static Route route(Resource mapping, UpstreamTls tls, PluginRegistry plugins, String unavailable,
                               int defaultTimeoutMs, UpstreamPolicies policies) {
        MappingSpec spec = (MappingSpec) mapping.typed();
        List<RouteCondition> conditions = List.of();
        try {
            if (!spec.missingPlugins().isEmpty()) {
                throw PluginUnavailable.notLoaded(spec.missingPlugins(), mapping.label());
            }
            conditions = conditions(spec, plugins);
        } catch (PluginUnavailable e) {
            unavailable = unavailable != null ? unavailable : e.getMessage();
        }
        Upstream upstream = spec.service();
        if (tls != null && !upstream.secure()) {
            upstream = new Upstream("https", upstream.host(), upstream.port());
        }
        RouteAction action = new RouteAction(
                upstream,
                spec.grpc(),
                spec.timeoutMs().orElse(spec.grpc() ? NONE : defaultTimeoutMs),
                spec.idleTimeoutMs().orElse(spec.grpc() ? NONE : DEFAULT_IDLE_TIMEOUT_MS),
                spec.connectTimeoutMs().orElse(DEFAULT_CONNECT_TIMEOUT_MS),
                spec.hostRewrite(),
                spec.addRequestHeaders(),
                spec.removeRequestHeaders(),
                spec.addResponseHeaders(),
                spec.removeResponseHeaders(),
                tls,
                policies.policy(mapping));
        return new Route(mapping.name(), spec.precedence(), path(spec), host(spec), spec.method(), rewrite(spec),
                action, conditions, settingsByType(spec), unavailable, spec.weight());
    }

    private static List<RouteCondition> conditions(MappingSpec spec, PluginRegistry plugins) {
        List<RouteCondition> conditions = new ArrayList<>();
        spec.plugins().forEach((name, settings) -> plugins.named(name).ifPresent(plugin -> {
            try {
                condition(plugin.factory(), settings).ifPresent(conditions::add);
            } catch (RuntimeException e) {
                throw PluginUnavailable.failed(plugin, "its route condition", e);
            }
        }));
        return conditions;
    }

    @SuppressWarnings("unchecked")
    private static <S extends Record> Optional<RouteCondition> condition(PluginFactory<S> factory, Record settings) {
        return factory.routeCondition((S) settings);
    }

    private static Map<Class<? extends Record>, Record> settingsByType(MappingSpec spec) {
        Map<Class<? extends Record>, Record> byType = new HashMap<>();
        spec.plugins().values().forEach(settings -> byType.put(settings.getClass(), settings));
        return byType;
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
