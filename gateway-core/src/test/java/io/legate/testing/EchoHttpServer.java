package io.legate.testing;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Executors;

/**
 * A plain HTTP/1.1 upstream (the JDK's server) that answers with what it received: method, path and query,
 * headers (lower-case, sorted) and body; and sets {@code x-upstream: echo} and {@code x-secret: s3cr3t} on replies.
 */
public final class EchoHttpServer implements AutoCloseable {

    private final HttpServer server;

    private EchoHttpServer(HttpServer server) {
        this.server = server;
    }

    public static EchoHttpServer start() throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", EchoHttpServer::echo);
        server.start();
        return new EchoHttpServer(server);
    }

    private static void echo(HttpExchange exchange) throws IOException {
        StringBuilder text = new StringBuilder()
                .append(exchange.getRequestMethod()).append(' ').append(exchange.getRequestURI()).append('\n');
        Map<String, String> headers = new TreeMap<>();
        exchange.getRequestHeaders().forEach((name, values) -> headers.put(name.toLowerCase(), String.join(",", values)));
        headers.forEach((name, value) -> text.append(name).append(": ").append(value).append('\n'));
        try (InputStream body = exchange.getRequestBody()) {
            text.append('\n').append(new String(body.readAllBytes(), StandardCharsets.UTF_8));
        }
        byte[] reply = text.toString().getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("x-upstream", "echo");
        exchange.getResponseHeaders().add("x-secret", "s3cr3t");
        exchange.sendResponseHeaders(200, reply.length);
        exchange.getResponseBody().write(reply);
        exchange.close();
    }

    public String address() {
        return "127.0.0.1:" + server.getAddress().getPort();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
