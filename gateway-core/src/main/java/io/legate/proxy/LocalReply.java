package io.legate.proxy;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.function.Consumer;

/**
 * A reply the gateway makes itself: trailers-only for gRPC callers (never an HTML page), a short JSON body for the
 * others. Once the response is committed only the trailers can still carry the status.
 *
 * @param httpStatus     the status for callers that are not gRPC
 * @param httpStatusAlso whether gRPC callers get {@code httpStatus} too, rather than 200 (a malformed request)
 */
record LocalReply(GrpcStatus status, String message, int httpStatus, boolean httpStatusAlso) {

    /** A reply whose HTTP status, for callers that are not gRPC, is the usual one for {@code status}. */
    LocalReply(GrpcStatus status, String message) {
        this(status, message, status.httpStatus());
    }

    LocalReply(GrpcStatus status, String message, int httpStatus) {
        this(status, message, httpStatus, false);
    }

    /** A request the gateway could not read: 400 for every caller, gRPC ones getting INTERNAL as well. */
    static LocalReply badRequest(String message) {
        return new LocalReply(GrpcStatus.INTERNAL, message, 400, true);
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    static boolean isGrpc(HttpServletRequest request) {
        return isGrpc(request.getContentType());
    }

    private static boolean isGrpc(String contentType) {
        return contentType != null && contentType.regionMatches(true, 0, "application/grpc", 0, 16);
    }

    /** Writes this reply; the caller completes the exchange. */
    void send(HttpServletRequest request, HttpServletResponse response) throws IOException {
        send(request, response, ignored -> {
        });
    }

    /** Writes this reply, {@code beforeBody} seeing its status and headers first; the caller completes the exchange. */
    void send(HttpServletRequest request, HttpServletResponse response, Consumer<HttpServletResponse> beforeBody)
            throws IOException {
        if (response.isCommitted()) {
            return;
        }
        response.reset();
        boolean grpc = isGrpc(request.getContentType());
        response.setStatus(grpc && !httpStatusAlso ? 200 : httpStatus);
        headers(grpc).forEach(response::setHeader);
        byte[] body = body(grpc);
        response.setContentLength(body.length);
        beforeBody.accept(response);
        response.getOutputStream().write(body);
    }

    /** Writes this reply with Jetty's core API, for errors met before any servlet runs. */
    void send(Request request, Response response, Callback callback) throws IOException {
        boolean grpc = isGrpc(request.getHeaders().get(HttpHeader.CONTENT_TYPE));
        response.setStatus(grpc ? 200 : httpStatus);
        headers(grpc).forEach(response.getHeaders()::put);
        byte[] body = body(grpc);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, body.length);
        response.write(true, ByteBuffer.wrap(body), callback);
    }

    /** Trailers-only for gRPC callers: the status travels in the headers of an empty reply. */
    private Map<String, String> headers(boolean grpc) {
        return grpc
                ? Map.of("content-type", "application/grpc", "grpc-status", Integer.toString(status.code()),
                        "grpc-message", percentEncode(message))
                : Map.of("content-type", "application/json");
    }

    private byte[] body(boolean grpc) throws IOException {
        return grpc ? new byte[0] : json();
    }

    /** The trailers that end an already committed gRPC response with this status. */
    Map<String, String> trailers() {
        return Map.of("grpc-status", Integer.toString(status.code()), "grpc-message", percentEncode(message));
    }

    private byte[] json() throws IOException {
        return JSON.writeValueAsBytes(Map.of("status", httpStatus, "error", status.name(), "message", message));
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
