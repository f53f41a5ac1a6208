package io.legate.admin;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TokenSchemeAndJettyErrorsTest {

    @TempDir
    Path home;

    private static int status(AdminGateway admin, String authorization) throws Exception {
        HttpRequest request = HttpRequest.newBuilder(admin.uri("/api/v1/mappings"))
                .header("Authorization", authorization).build();
        return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
    }

    @Test
    void theBearerSchemeIsMatchedInAnyCaseAndTheTokenExactly() throws Exception {
        try (AdminGateway admin = AdminGateway.start(home, "s3cret")) {
            assertEquals(200, status(admin, "bearer s3cret"));
            assertEquals(200, status(admin, "BEARER s3cret"));
            assertEquals(401, status(admin, "Bearer S3CRET"));
            assertEquals(401, status(admin, "Basic s3cret"));
            assertEquals(401, status(admin, "Bearer s3cret-and-more"));
        }
    }

    @Test
    void aRequestJettyRefusesBeforeTheApiIsAnsweredAsProblemJson() throws Exception {
        try (AdminGateway admin = AdminGateway.start(home);
             Socket socket = new Socket(admin.uri("/").getHost(), admin.uri("/").getPort())) {
            OutputStream out = socket.getOutputStream();
            // An ambiguous path: an encoded '/' inside a segment, which Jetty refuses before any servlet runs.
            out.write("GET /api/v1/mappings/a%2Fb HTTP/1.1\r\nHost: admin\r\nConnection: close\r\n\r\n"
                    .getBytes(StandardCharsets.US_ASCII));
            socket.setSoTimeout(10_000);
            InputStream in = socket.getInputStream();
            String reply = new String(in.readAllBytes(), StandardCharsets.UTF_8);

            assertTrue(reply.startsWith("HTTP/1.1 400"), reply);
            assertTrue(reply.toLowerCase().contains("content-type: application/problem+json"), reply);
            assertTrue(reply.contains("\"status\":400"), reply);
        }
    }
}
