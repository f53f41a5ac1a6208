package io.legate.plugins.authservice;

import io.legate.plugin.Exchange;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/** A denial, answered in the caller's protocol. */
final class CallerReply {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private CallerReply() {
    }

    static void deny(Exchange exchange, Verdict.Denied denied) {
        String contentType = exchange.header("content-type");
        if (contentType == null || !contentType.startsWith("application/grpc")) {
            exchange.reply(denied.status(), denied.headers(), denied.body());
        } else if (denied.grpcStatus() == null) {
            exchange.reject(denied.status(), denied.message());
        } else {
            // The service's own gRPC code, which no HTTP status may stand for: a trailers-only reply.
            exchange.reply(200, Map.of("content-type", "application/grpc",
                    "grpc-status", Integer.toString(denied.grpcStatus()),
                    "grpc-message", percentEncoded(denied.message())), EMPTY);
        }
    }

    /** gRPC's encoding of {@code grpc-message}: UTF-8, with bytes outside printable ASCII and '%' as %XX. */
    static String percentEncoded(String message) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : message.getBytes(StandardCharsets.UTF_8)) {
            if (b >= 0x20 && b < 0x7f && b != '%') {
                encoded.append((char) b);
            } else {
                encoded.append('%').append(String.format("%02X", b & 0xff));
            }
        }
        return encoded.toString();
    }
}
