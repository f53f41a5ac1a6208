package io.legate.plugins.grpcweb;

import io.legate.plugin.ResponseFilter;
import io.legate.plugin.ResponseHead;

import java.nio.ByteBuffer;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Turns the gRPC response of one gRPC-Web request back into gRPC-Web: its content-type, its body (each frame
 * base64-encoded in text mode), and its trailers, which become the body's last frame. A trailers-only reply (the
 * upstream's or the gateway's own) keeps its status in the headers; an answer that is not gRPC at all becomes
 * one whose status is in the headers ({@link NonGrpcResponse}).
 */
final class GrpcWebResponse implements ResponseFilter {

    private static final ByteBuffer NOTHING = ByteBuffer.allocate(0);

    private final boolean text;
    private final TextFrameEncoder encoder;
    private NonGrpcResponse nonGrpc;

    /** @param text whether the client reads {@code application/grpc-web-text} */
    GrpcWebResponse(boolean text) {
        this.text = text;
        this.encoder = text ? new TextFrameEncoder() : null;
    }

    @Override
    public void onHeaders(ResponseHead response) {
        if (!isGrpc(response)) {
            nonGrpc = new NonGrpcResponse();
            // A reply another plugin makes goes out right after this, with no onEnd: it needs its status now.
            response.setHeader("grpc-status", Integer.toString(NonGrpcResponse.grpcStatus(response.status())));
        }
        response.setHeader("content-type", GrpcWebContentTypes.response(text));
        response.setHeader("content-length", null);
    }

    /**
     * Envoy's test: trailers-only (a status in the headers), or a 200 with a gRPC content-type, or one already
     * in gRPC-Web's binary form.
     */
    private static boolean isGrpc(ResponseHead response) {
        if (response.header("grpc-status") != null) {
            return true;
        }
        String contentType = response.header("content-type");
        return response.status() == 200 && contentType != null
                && (GrpcWebContentTypes.isGrpc(contentType) || GrpcWebContentTypes.isBinaryGrpcWeb(contentType));
    }

    @Override
    public ByteBuffer onBody(ByteBuffer chunk) {
        if (nonGrpc != null) {
            nonGrpc.keep(chunk);
            return NOTHING;
        }
        return text ? encoder.encode(chunk) : chunk;
    }

    @Override
    public ByteBuffer onEnd(ResponseHead response, Map<String, String> trailers) {
        if (nonGrpc != null) {
            Map<String, String> status = nonGrpc.status(response.status());
            trailers.clear();
            if (!response.committed()) {
                status.forEach(response::setHeader);
                response.setHeader("content-length", "0");
                return NOTHING;
            }
            // The headers are gone: the status can only travel in the body, as a trailer frame.
            return frame(TrailerFrame.of(status));
        }
        if (trailers.isEmpty()) {
            return NOTHING;
        }
        byte[] frame = TrailerFrame.of(new LinkedHashMap<>(trailers));
        trailers.clear();
        return frame(frame);
    }

    private ByteBuffer frame(byte[] frame) {
        return ByteBuffer.wrap(text ? TextFrameEncoder.base64(frame) : frame);
    }
}
