package io.legate.plugins.grpcweb;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Map;

/**
 * An upstream answer that is not gRPC (an HTTP error page, a plain-HTTP service), told to a gRPC-Web client as
 * Envoy does: the body is held back, up to 16 KiB, and becomes the percent-encoded {@code grpc-message}; the
 * HTTP status becomes the {@code grpc-status} the gRPC spec's table gives it. The HTTP status itself is kept,
 * as Envoy keeps it: grpc-web clients map it with the same table when they see it.
 */
final class NonGrpcResponse {

    /** Envoy's {@code MAX_BUFFERED_PLAINTEXT_LENGTH}. */
    static final int MAX_BODY = 16384;
    /** Encoded, the message is a header: kept well inside Jetty's default 8 KiB response header buffer. */
    static final int MAX_MESSAGE = 4096;

    private static final char[] HEX = "0123456789ABCDEF".toCharArray();

    private final ByteArrayOutputStream body = new ByteArrayOutputStream();

    /** Keeps what fits of {@code chunk}, which is only valid during the call. */
    void keep(ByteBuffer chunk) {
        int taken = Math.min(chunk.remaining(), MAX_BODY - body.size());
        byte[] bytes = new byte[taken];
        chunk.get(bytes);
        body.writeBytes(bytes);
    }

    /** {@code grpc-status} and {@code grpc-message} for this answer with HTTP status {@code httpStatus}. */
    Map<String, String> status(int httpStatus) {
        return Map.of("grpc-status", Integer.toString(grpcStatus(httpStatus)), "grpc-message", percentEncode(body.toByteArray()));
    }

    /** The table of {@code doc/http-grpc-status-mapping.md}, as Envoy's {@code httpToGrpcStatus} has it. */
    static int grpcStatus(int httpStatus) {
        return switch (httpStatus) {
            case 400 -> 13;
            case 401 -> 16;
            case 403 -> 7;
            case 404 -> 12;
            case 429, 502, 503, 504 -> 14;
            default -> 2;
        };
    }

    /** Printable ASCII but {@code %} as it is, any other octet as {@code %XX}; cut at {@link #MAX_MESSAGE}. */
    static String percentEncode(byte[] bytes) {
        StringBuilder out = new StringBuilder(Math.min(bytes.length, MAX_MESSAGE));
        for (byte b : bytes) {
            int c = b & 0xFF;
            int width = c >= 0x20 && c <= 0x7E && c != '%' ? 1 : 3;
            if (out.length() + width > MAX_MESSAGE) {
                break;
            }
            if (width == 1) {
                out.append((char) c);
            } else {
                out.append('%').append(HEX[c >> 4]).append(HEX[c & 0xF]);
            }
        }
        return out.toString();
    }
}
