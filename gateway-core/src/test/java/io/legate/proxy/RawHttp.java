package io.legate.proxy;

import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** HTTP by hand, for what the JDK client refuses to send, such as another {@code Host}. */
final class RawHttp {

    private RawHttp() {
    }

    /** An HTTP/1.0 GET (so the reply is neither chunked nor kept alive) with the given Host; the reply's body. */
    static String get(int port, String path, String host) throws Exception {
        String reply = send(port, "GET " + path + " HTTP/1.0\r\nHost: " + host + "\r\n\r\n");
        return reply.substring(reply.indexOf("\r\n\r\n") + 4);
    }

    /** Sends {@code request} as it is and reads the whole reply, status line and headers included. */
    static String send(int port, String request) throws Exception {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.US_ASCII));
            out.flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
