package io.legate.plugins.grpcweb;

/**
 * The plugin's settings, as Emissary spells them: the Module's {@code enable_grpc_web} and {@code cors}, and a
 * Mapping's {@code cors}. {@code enable_grpc_web} is read from the Module only; on a Mapping it means nothing.
 *
 * @param enableGrpcWeb translate gRPC-Web requests to gRPC and their responses back
 * @param cors          the CORS policy as written, or null when none is
 */
public record GrpcWebSettings(boolean enableGrpcWeb, CorsSettings cors) {
}
