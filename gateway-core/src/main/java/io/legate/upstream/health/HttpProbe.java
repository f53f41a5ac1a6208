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
 * A GET of the check's path over HTTP/1.1, healthy when the status is one of those expected (any 2xx when none is
 * given). For an {@code https} upstream the connection goes to the endpoint while TLS sends and verifies the
 * upstream's host name, as for calls. Each endpoint has a connection of its own, apart from the pool that carries
 * calls: opened by its first check, kept for the next ones and replaced once it closes.
 */
final class HttpProbe implements Probe {

    private static final List<HealthCheck.StatusRange> ANY_SUCCESS = List.of(new HealthCheck.StatusRange(200, 300));
    /** Whatever the client prefers: its TLS connections would otherwise speak h2 without asking the endpoint. */
    private static final Origin.Protocol HTTP_11 = new Origin.Protocol(List.of("http/1.1"), false);

    private final HttpClient client;
    private final String path;
    /** The upstream's host and port, which TLS names; null for cleartext, whose checks name the endpoint. */
    private final Origin.Address service;
    private final String hostname;
    private final List<HealthCheck.StatusRange> expected;
    private final EndpointConnections<Connection> connections =
            new EndpointConnections<>(this::connect, Connection::isClosed, Connection::close);

    HttpProbe(HealthCheck.Http settings, Upstream upstream, HttpClient client) {
        if (settings.path() == null || !settings.path().startsWith("/")) {
            throw new IllegalArgumentException("health_check.http.path: \"" + settings.path()
                    + "\" (expected: a path starting with /)");
        }
        this.client = client;
        this.path = settings.path();
        this.service = upstream.secure() ? new Origin.Address(upstream.host(), upstream.port()) : null;
        this.hostname = settings.hostname() == null || settings.hostname().isBlank()
                ? UriHosts.of(upstream.host()) : settings.hostname();
        this.expected = settings.expectedStatuses().isEmpty() ? ANY_SUCCESS : settings.expectedStatuses();
    }

    @Override
    public CompletableFuture<Void> check(InetSocketAddress endpoint) {
        return connections.check(endpoint, (connection, result) -> {
            Request request = client.newRequest(target(endpoint))
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

    private String target(InetSocketAddress endpoint) {
        Origin.Address address = address(endpoint);
        return scheme() + "://" + UriHosts.of(address.getHost()) + ":" + address.getPort() + path;
    }

    private CompletableFuture<Connection> connect(InetSocketAddress endpoint, Runnable retire) {
        // The gateway's client connects to the endpoint a destination is tagged with, under the destination's host
        // name: for TLS, the upstream's, which it sends and verifies.
        return client.resolveDestination(new Origin(scheme(), address(endpoint), endpoint, HTTP_11)).newConnection();
    }

    private String scheme() {
        return service == null ? "http" : "https";
    }

    private Origin.Address address(InetSocketAddress endpoint) {
        return service == null ? new Origin.Address(endpoint.getHostString(), endpoint.getPort()) : service;
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
