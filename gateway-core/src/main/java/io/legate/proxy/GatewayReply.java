package io.legate.proxy;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * A reply the gateway makes itself: trailers-only for gRPC callers (never an HTML page), a short JSON body for the
 * others. Once the response is committed only the trailers can still carry the status.
 *
 * @param httpStatus     the status for callers that are not gRPC
 * @param httpStatusAlso whether gRPC callers get {@code httpStatus} too, rather than 200 (a malformed request)
 */
record GatewayReply(GrpcStatus status, String message, int httpStatus, boolean httpStatusAlso) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    /** A reply whose HTTP status, for callers that are not gRPC, is the usual one for {@code status}. */
    GatewayReply(GrpcStatus status, String message) {
        this(status, message, status.httpStatus());
    }

    GatewayReply(GrpcStatus status, String message, int httpStatus) {
        this(status, message, httpStatus, false);
    }

    /** A request the gateway could not read: 400 for every caller, gRPC ones getting INTERNAL as well. */
    static GatewayReply badRequest(String message) {
        return new GatewayReply(GrpcStatus.INTERNAL, message, 400, true);
    }

    static boolean isGrpc(Request request) {
        return isGrpc(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
    }

    /** Whether {@code contentType} (null: none) is gRPC's, in any of its forms. */
    static boolean isGrpc(String contentType) {
        return contentType != null && contentType.regionMatches(true, 0, "application/grpc", 0, 16);
    }

    /**
     * Puts this reply's status and headers on {@code response}, in place of whatever it had, and returns its body:
     * empty for gRPC callers, whose status travels in the headers of an empty reply.
     */
    ByteBuffer head(Request request, Response response) {
        boolean grpc = isGrpc(request);
        response.reset();
        response.setStatus(grpc && !httpStatusAlso ? 200 : httpStatus);
        HttpFields.Mutable headers = response.getHeaders();
        if (grpc) {
            headers.put(HttpHeader.CONTENT_TYPE, "application/grpc");
            headers.put("grpc-status", Integer.toString(status.code()));
            headers.put("grpc-message", percentEncode(message));
            return ByteBuffer.allocate(0);
        }
        headers.put(HttpHeader.CONTENT_TYPE, "application/json");
        return ByteBuffer.wrap(json());
    }

    /** Writes this reply whole with Jetty's core API, for errors met before the forwarder runs. */
    void send(Request request, Response response, Callback callback) {
        ByteBuffer body = head(request, response);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.remaining());
        response.write(true, body, callback);
    }

    /** The trailers that end an already committed gRPC response with this status. */
    Map<String, String> trailers() {
        return Map.of("grpc-status", Integer.toString(status.code()), "grpc-message", percentEncode(message));
    }

    private byte[] json() {
        try {
            return JSON.writeValueAsBytes(Map.of("status", httpStatus, "error", status.name(), "message", message));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings is always JSON", e);
        }
    }

    /** grpc-message: percent-encode everything outside printable ASCII, and '%' itself (PROTOCOL-HTTP2.md). */
    static String percentEncode(String message) {
        StringBuilder out = new StringBuilder(message.length());
        for (byte b : message.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if (c >= 0x20 && c <= 0x7E && c != '%') {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
