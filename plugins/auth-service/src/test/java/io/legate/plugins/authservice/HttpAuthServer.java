package io.legate.plugins.authservice;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * A real HTTP authorization service (Jetty) on a loopback port, deciding on the request's {@code authorization}:
 * {@code Bearer good} is allowed, with {@code x-user: alice} and {@code x-unlisted: leak} in its answer;
 * {@code Bearer forbidden} gets 403; {@code Bearer slow} no answer at all (until the server stops); anything else
 * 401 with a {@code www-authenticate} challenge and the body {@code no entry}. It records each request it gets.
 */
final class HttpAuthServer implements AuthServer {

    /** A request the service got: method, path with query, and headers by lower-case name. */
    record Seen(String method, String path, Map<String, String> headers) {
    }

    /** The prefix of the names of the service's threads, so that a test can tell them from the gateway's. */
    static final String THREADS = "auth-server";

    private final Server server = new Server(new QueuedThreadPool(200, 8, 60_000, -1, null, null,
            runnable -> new Thread(runnable, THREADS)));
    private final BlockingQueue<Seen> seen = new LinkedBlockingQueue<>();
    private final List<Callback> held = new CopyOnWriteArrayList<>();

    HttpAuthServer() throws Exception {
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                decide(request, response, callback);
                return true;
            }
        });
        server.start();
    }

    private void decide(Request request, Response response, Callback callback) {
        Map<String, String> headers = new TreeMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.put(field.getLowerCaseName(), field.getValue());
        }
        seen.add(new Seen(request.getMethod(), request.getHttpURI().getPathQuery(), headers));
        String authorization = String.valueOf(headers.get("authorization"));
        switch (authorization) {
            case "Bearer good" -> {
                response.getHeaders().put("x-user", "alice");
                response.getHeaders().put("x-unlisted", "leak");
                response.setStatus(200);
                callback.succeeded();
            }
            case "Bearer slow" -> held.add(callback);
            case "Bearer forbidden" -> {
                response.setStatus(403);
                Content.Sink.write(response, true, "not yours", callback);
            }
            default -> {
                response.setStatus(401);
                response.getHeaders().put("www-authenticate", "Bearer realm=\"legate\"");
                response.getHeaders().put("content-type", "text/plain");
                response.write(true, ByteBuffer.wrap("no entry".getBytes(StandardCharsets.UTF_8)), callback);
            }
        }
    }

    int port() {
        return ((ServerConnector) server.getConnectors()[0]).getLocalPort();
    }

    @Override
    public String address() {
        return "127.0.0.1:" + port();
    }

    /** The next request the service got, or null when none came within 5 s. */
    Seen next() throws InterruptedException {
        return seen.poll(5, TimeUnit.SECONDS);
    }

    /** Whether the service got no request (so far). */
    boolean askedNothing() {
        return seen.isEmpty();
    }

    @Override
    public void forget() {
        seen.clear();
    }

    @Override
    public void close() throws Exception {
        held.forEach(Callback::succeeded);
        server.stop();
    }
}
