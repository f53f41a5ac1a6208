package io.legate.plugins.testing;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * A unary gRPC request over HTTP/1.1, written by hand: the JDK's client will not send another {@code Host} than
 * the one it connects to. Answers the response's headers; the body and trailers are read and dropped.
 */
final class GrpcOverHttp1 {

    private GrpcOverHttp1() {
    }

    /** The response headers (lower-case names, the status under {@code :status}) of a call to {@code path}. */
    static Map<String, String> call(int port, String host, String path, byte[] message, Map<String, String> headers)
            throws IOException {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0);
        frame.write(new byte[] {(byte) (message.length >>> 24), (byte) (message.length >>> 16),
                (byte) (message.length >>> 8), (byte) message.length});
        frame.write(message);
        StringBuilder head = new StringBuilder("POST ").append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(host).append("\r\n")
                .append("Content-Type: application/grpc\r\nTE: trailers\r\nConnection: close\r\n")
                .append("Content-Length: ").append(frame.size()).append("\r\n");
        headers.forEach((name, value) -> head.append(name).append(": ").append(value).append("\r\n"));
        head.append("\r\n");
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.toString().getBytes(StandardCharsets.US_ASCII));
            frame.writeTo(out);
            out.flush();
            return responseHeaders(new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1));
        }
    }

    private static Map<String, String> responseHeaders(String response) {
        Map<String, String> headers = new TreeMap<>();
        String[] lines = response.substring(0, Math.max(0, response.indexOf("\r\n\r\n"))).split("\r\n");
        headers.put(":status", lines[0].split(" ")[1]);
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            headers.put(lines[i].substring(0, colon).trim().toLowerCase(Locale.ROOT), lines[i].substring(colon + 1).trim());
        }
        return headers;
    }
}
