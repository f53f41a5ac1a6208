package io.legate.plugins.grpcweb;

import io.legate.plugin.GatewayFilter;
import io.legate.plugin.PluginFactory;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code grpc_web} plugin: gRPC-Web to gRPC translation (the Module's {@code enable_grpc_web}, as Envoy's
 * {@code grpc_web} filter) and CORS (the Module's {@code cors} for every request, a Mapping's {@code cors} for
 * the requests it routes, replacing the Module's).
 *
 * <p>The filter is always made, even when the Module enables neither: a Mapping's {@code cors} must work on its
 * own, and only the filter can read it, per request. What that costs a request that is neither gRPC-Web nor
 * cross-origin is a look at two headers; a request with an {@code Origin} is routed by the filter, a little
 * earlier than it would be otherwise.
 */
public final class GrpcWebFactory implements PluginFactory<GrpcWebSettings> {

    @Override
    public String name() {
        return "grpc_web";
    }

    @Override
    public int order() {
        return 200;
    }

    @Override
    public Class<GrpcWebSettings> settingsType() {
        return GrpcWebSettings.class;
    }

    @Override
    public Set<String> moduleKeys() {
        return Set.of("enable_grpc_web", "cors");
    }

    @Override
    public Set<String> mappingKeys() {
        return Set.of("cors");
    }

    @Override
    public List<String> validate(GrpcWebSettings settings) {
        return settings.cors() == null ? List.of() : CorsPolicy.problems(settings.cors());
    }

    @Override
    public Optional<GatewayFilter> filter(GrpcWebSettings moduleSettings) {
        CorsPolicy moduleCors = moduleSettings.cors() == null ? null : CorsPolicy.of(moduleSettings.cors());
        return Optional.of(new GrpcWebFilter(moduleSettings.enableGrpcWeb(), moduleCors));
    }
}
