package io.legate.upstream.health;

import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Predicate;

/**
 * A probe's own connection to each endpoint, apart from those that carry calls: opened when first needed, kept for
 * the next checks, and replaced once it closes, fails to open, or is retired (an HTTP/2 GOAWAY, say).
 *
 * @param <C> a connection, or an HTTP/2 session
 */
final class EndpointConnections<C> {

    /** Opens a connection to an endpoint; it calls {@code retire} once the connection should take no more checks. */
    interface Opener<C> {
        CompletableFuture<C> open(InetSocketAddress endpoint, Runnable retire);
    }

    private final Opener<C> opener;
    private final Predicate<C> isClosed;
    private final Consumer<C> close;
    private final ConcurrentMap<InetSocketAddress, CompletableFuture<C>> connections = new ConcurrentHashMap<>();
    private volatile boolean closed;

    EndpointConnections(Opener<C> opener, Predicate<C> isClosed, Consumer<C> close) {
        this.opener = opener;
        this.isClosed = isClosed;
        this.close = close;
    }

    /**
     * A check of {@code endpoint}, which {@code exchange} makes on the connection once it is open; it fails as the
     * connection does when it cannot open.
     */
    CompletableFuture<Void> check(InetSocketAddress endpoint, BiConsumer<C, CompletableFuture<Void>> exchange) {
        CompletableFuture<Void> result = new CompletableFuture<>();
        get(endpoint).whenComplete((connection, failure) -> {
            if (failure != null) {
                result.completeExceptionally(failure);
            } else {
                exchange.accept(connection, result);
            }
        });
        return result;
    }

    /** The connection to {@code endpoint}, open or on its way. */
    private CompletableFuture<C> get(InetSocketAddress endpoint) {
        while (true) {
            CompletableFuture<C> connection = connections.get(endpoint);
            if (connection == null) {
                CompletableFuture<C> opening = new CompletableFuture<>();
                if (connections.putIfAbsent(endpoint, opening) == null) {
                    open(endpoint, opening);
                    return opening;
                }
            } else if (!connection.isDone() || !connection.isCompletedExceptionally() && !isClosed.test(connection.join())) {
                return connection;
            } else {
                connections.remove(endpoint, connection);
            }
        }
    }

    private void open(InetSocketAddress endpoint, CompletableFuture<C> opening) {
        CompletableFuture<C> opened;
        try {
            opened = opener.open(endpoint, () -> connections.remove(endpoint, opening));
        } catch (RuntimeException e) {
            // A client stopped under the probe throws: that connection failed, and the next check tries again.
            opened = CompletableFuture.failedFuture(e);
        }
        opened.whenComplete((connection, failure) -> {
            if (failure != null) {
                connections.remove(endpoint, opening);
                opening.completeExceptionally(failure);
                return;
            }
            opening.complete(connection);
            // Forgotten, or everything closed, while it connected: nothing would close it later.
            if (closed || connections.get(endpoint) != opening) {
                close.accept(connection);
            }
        });
    }

    /** Closes the connection to {@code endpoint}, if any; a check still on it fails. */
    void forget(InetSocketAddress endpoint) {
        CompletableFuture<C> connection = connections.remove(endpoint);
        if (connection != null) {
            connection.thenAccept(close);
        }
    }

    /** Closes every connection, and those still opening once they open. */
    void close() {
        closed = true;
        connections.keySet().forEach(this::forget);
    }

    /** How many connections are open or opening. */
    int size() {
        return connections.size();
    }
}
