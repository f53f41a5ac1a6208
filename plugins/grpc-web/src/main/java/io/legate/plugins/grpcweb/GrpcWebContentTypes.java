package io.legate.plugins.grpcweb;

import java.util.Set;

/** Which content-types are gRPC-Web, and which one a gRPC-Web response carries. */
final class GrpcWebContentTypes {

    static final String TEXT = "application/grpc-web-text";
    static final String TEXT_PROTO = "application/grpc-web-text+proto";
    static final String BINARY_PROTO = "application/grpc-web+proto";

    /** Envoy's exact set: parameters such as {@code ;charset=} and {@code +json} are not gRPC-Web requests. */
    private static final Set<String> REQUEST = Set.of("application/grpc-web", BINARY_PROTO, TEXT, TEXT_PROTO);

    private GrpcWebContentTypes() {
    }

    static boolean isGrpcWebRequest(String contentType) {
        return contentType != null && REQUEST.contains(contentType);
    }

    static boolean isText(String contentType) {
        return TEXT.equals(contentType) || TEXT_PROTO.equals(contentType);
    }

    /** The content-type of every gRPC-Web response: always the {@code +proto} form, as Envoy sends it. */
    static String response(boolean text) {
        return text ? TEXT_PROTO : BINARY_PROTO;
    }

    /** {@code application/grpc} and its {@code +proto}-like forms, as an upstream gRPC server answers. */
    static boolean isGrpc(String contentType) {
        return contentType.regionMatches(true, 0, "application/grpc", 0, 16)
                && (contentType.length() == 16 || contentType.charAt(16) == '+' || contentType.charAt(16) == ';');
    }

    /** {@code application/grpc-web} or {@code +proto}, parameters aside: an upstream that speaks gRPC-Web itself. */
    static boolean isBinaryGrpcWeb(String contentType) {
        int semicolon = contentType.indexOf(';');
        String mediaType = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).trim();
        return mediaType.equalsIgnoreCase("application/grpc-web") || mediaType.equalsIgnoreCase(BINARY_PROTO);
    }
}
