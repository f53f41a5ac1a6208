package io.legate.plugins.grpcweb;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;

/**
 * The last frame of a gRPC-Web response, which carries the trailers in the body: flag {@code 0x80}, a 4-byte
 * big-endian length, then an HTTP/1-style block of {@code name:value\r\n} lines (Envoy's spelling, no space),
 * names in lower case as PROTOCOL-WEB.md asks.
 */
final class TrailerFrame {

    static final int FLAG = 0x80;

    private TrailerFrame() {
    }

    static byte[] of(Map<String, String> trailers) {
        StringBuilder block = new StringBuilder();
        trailers.forEach((name, value) ->
                block.append(name.toLowerCase(Locale.ROOT)).append(':').append(value).append("\r\n"));
        // Header values are octets; ISO-8859-1 keeps each one as it came.
        byte[] payload = block.toString().getBytes(StandardCharsets.ISO_8859_1);
        ByteArrayOutputStream frame = new ByteArrayOutputStream(5 + payload.length);
        frame.write(FLAG);
        frame.write(payload.length >>> 24);
        frame.write(payload.length >>> 16);
        frame.write(payload.length >>> 8);
        frame.write(payload.length);
        frame.writeBytes(payload);
        return frame.toByteArray();
    }
}
