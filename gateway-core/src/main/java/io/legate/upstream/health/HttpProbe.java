package io.legate.upstream.health;

import io.legate.routing.HealthCheck;
import io.legate.routing.Upstream;
import java.net.InetSocketAddress;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.jetty.client.Connection;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Origin;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;

/**
 * A GET of the check's path, healthy when the status is one of those expected (any 2xx when none is given). Each
 * endpoint has a connection of its own, apart from the pool that carries calls: opened by its first check, kept for
 * the next ones and replaced once it closes.
 */
final class HttpProbe implements Probe {

    private static final List<HealthCheck.StatusRange> ANY_SUCCESS = List.of(new HealthCheck.StatusRange(200, 300));

    private final HttpClient client;
    private final String path;
    private final String hostname;
    private final List<HealthCheck.StatusRange> expected;
    private final EndpointConnections<Connection> connections =
            new EndpointConnections<>(this::connect, Connection::isClosed, Connection::close);

    HttpProbe(HealthCheck.Http settings, Upstream upstream, HttpClient client) {
        if (upstream.secure()) {
            throw new IllegalArgumentException("upstream " + upstream.origin()
                    + ": http health checks speak cleartext HTTP only; use a grpc health check over TLS");
        }
        if (settings.path() == null || !settings.path().startsWith("/")) {
            throw new IllegalArgumentException("health_check.http.path: \"" + settings.path()
                    + "\" (expected: a path starting with /)");
        }
        this.client = client;
        this.path = settings.path();
        this.hostname = settings.hostname() == null || settings.hostname().isBlank()
                ? UriHosts.of(upstream.host()) : settings.hostname();
        this.expected = settings.expectedStatuses().isEmpty() ? ANY_SUCCESS : settings.expectedStatuses();
    }

    @Override
    public CompletableFuture<Void> check(InetSocketAddress endpoint) {
        return connections.check(endpoint, (connection, result) -> {
            Request request = client.newRequest(origin(endpoint) + path)
                    .method(HttpMethod.GET)
                    // The status itself is the answer: a redirect is not followed.
                    .followRedirects(false)
                    .headers(headers -> headers.put(HttpHeader.HOST, hostname));
            AtomicBoolean answered = new AtomicBoolean();
            result.whenComplete((healthy, abandoned) -> {
                if (!answered.get()) {
                    request.abort(abandoned);
                    // An HTTP/1.1 connection takes one exchange at a time, and one cut off midway leaves it unusable:
                    // the next check opens another.
                    connection.close();
                }
            });
            connection.send(request, answer -> {
                answered.set(true);
                if (answer.isFailed()) {
                    result.completeExceptionally(answer.getFailure());
                } else if (expected.stream().anyMatch(range -> range.contains(answer.getResponse().getStatus()))) {
                    result.complete(null);
                } else {
                    result.completeExceptionally(new CheckFailed("HTTP status " + answer.getResponse().getStatus()));
                }
            });
        });
    }

    private static String origin(InetSocketAddress endpoint) {
        return "http://" + UriHosts.of(endpoint.getHostString()) + ":" + endpoint.getPort();
    }

    private CompletableFuture<Connection> connect(InetSocketAddress endpoint, Runnable retire) {
        return client.resolveDestination(new Origin("http", endpoint.getHostString(), endpoint.getPort())).newConnection();
    }

    @Override
    public void forget(InetSocketAddress endpoint) {
        connections.forget(endpoint);
    }

    @Override
    public void close() {
        connections.close();
    }
}
