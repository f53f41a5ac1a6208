package io.legate.hostile;

import io.legate.config.PeerLimits;
import io.legate.testing.EchoHttpServer;
import io.legate.testing.Gateway;
import io.legate.testing.Mappings;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * HTTP/1.1 requests shaped to smuggle something past the gateway, or to carry a hop's own header to the upstream:
 * refused, or cleaned, and the next request is served.
 */
class SmugglingShapesTest {

    private static EchoHttpServer upstream;
    private static Gateway gateway;

    @BeforeAll
    static void start() throws Exception {
        upstream = EchoHttpServer.start();
        gateway = Gateway.start(Mappings.http("echo", upstream.address(), "prefix: /echo/"), PeerLimits.defaults());
    }

    @AfterAll
    static void stop() throws Exception {
        gateway.close();
        upstream.close();
    }

    @Test
    void http2SettingsOfAnHttp11CallerNeverReachesTheUpstream() throws Exception {
        String reply = exchange("GET /echo/ HTTP/1.1\r\nHost: gateway\r\nHTTP2-Settings: AAMAAABkAAQAAP__\r\n"
                + "Connection: close\r\n\r\n");

        assertTrue(reply.startsWith("HTTP/1.1 200"), reply);
        assertFalse(reply.toLowerCase().contains("http2-settings"), reply);
    }

    @Test
    void aRequestWithBothContentLengthAndTransferEncodingIsRefusedAndTheNextServed() throws Exception {
        String reply = exchange("POST /echo/ HTTP/1.1\r\nHost: gateway\r\nContent-Length: 4\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n0\r\n\r\nGET /echo/smuggled HTTP/1.1\r\nHost: gateway\r\n\r\n");

        assertTrue(reply.startsWith("HTTP/1.1 400"), reply);
        assertFalse(reply.contains("smuggled"), reply);
        assertTrue(exchange("GET /echo/next HTTP/1.1\r\nHost: gateway\r\nConnection: close\r\n\r\n").contains("GET /next"));
    }

    /** Sends {@code request} as it is on a new connection; everything read until the gateway closes it. */
    private static String exchange(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", gateway.port())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
