package io.legate.plugins.grpcweb;

import io.legate.plugin.Exchange;

/**
 * Makes a gRPC-Web request a gRPC one on its way upstream, step by step as Envoy's {@code grpc_web} filter does,
 * and registers what turns its response back.
 */
final class GrpcWebRequest {

    /** Envoy's {@code GrpcAcceptEncodingValues.Default}. */
    static final String DEFAULT_ACCEPT_ENCODING = "identity,deflate,gzip";

    private GrpcWebRequest() {
    }

    /** Translates {@code exchange} when it is a gRPC-Web request; returns whether it was one. */
    static boolean translate(Exchange exchange) {
        String contentType = exchange.header("content-type");
        if (exchange.header(":path") == null || !GrpcWebContentTypes.isGrpcWebRequest(contentType)) {
            return false;
        }
        boolean textRequest = GrpcWebContentTypes.isText(contentType);
        String accept = exchange.header("accept");
        // Envoy reads only Accept; a client that sends text reads text too, whatever it accepts.
        boolean textResponse = textRequest || GrpcWebContentTypes.isText(accept);
        // An HTTP/1.1 body size says nothing of the HTTP/2 DATA the upstream gets, the less so once decoded.
        exchange.setHeader("content-length", null);
        exchange.setHeader("content-type", "application/grpc");
        exchange.setHeader("te", "trailers");
        if (exchange.header("grpc-accept-encoding") == null) {
            exchange.setHeader("grpc-accept-encoding", DEFAULT_ACCEPT_ENCODING);
        }
        if (textRequest) {
            exchange.transformRequestBody(new Base64RequestDecoder());
        }
        exchange.onResponse(new GrpcWebResponse(textResponse));
        return true;
    }
}
