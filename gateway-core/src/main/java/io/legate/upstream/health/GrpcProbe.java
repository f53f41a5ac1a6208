package io.legate.upstream.health;

import io.legate.routing.HealthCheck;
import io.legate.routing.Upstream;
import io.legate.upstream.NamedEndpoints;
import java.net.InetSocketAddress;
import java.util.concurrent.CompletableFuture;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.HTTP2Session;
import org.eclipse.jetty.http2.api.Session;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.frames.DataFrame;
import org.eclipse.jetty.http2.frames.GoAwayFrame;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Promise;

/**
 * {@code grpc.health.v1.Health/Check} over HTTP/2: h2c by prior knowledge, or h2 over TLS for an {@code https}
 * upstream, verified against the upstream's host (also sent as SNI) with the TLS settings of the HTTP/2 client's
 * connector. Each endpoint has a session of its own, opened by its first check, kept for the next ones and replaced
 * once it closes.
 */
final class GrpcProbe implements Probe {

    static final String PATH = "/grpc.health.v1.Health/Check";

    private final HTTP2Client client;
    private final boolean secure;
    private final String peerHost;
    private final HttpURI uri;
    private final String service;
    private final EndpointConnections<Session> sessions =
            new EndpointConnections<>(this::connect, Session::isClosed, GrpcProbe::disconnect);

    /**
     * @param upstream where the endpoints' calls go: its scheme says h2c or TLS, its host is the default
     *                 {@code :authority} and the name TLS verifies
     */
    GrpcProbe(HealthCheck.Grpc settings, Upstream upstream, HTTP2Client client) {
        this.client = client;
        this.secure = upstream.secure();
        this.peerHost = upstream.host();
        String authority = blank(settings.authority()) ? UriHosts.of(upstream.host()) : settings.authority();
        this.uri = HttpURI.from(upstream.scheme() + "://" + authority + PATH);
        this.service = settings.upstreamName() == null ? "" : settings.upstreamName();
    }

    private static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    @Override
    public CompletableFuture<Void> check(InetSocketAddress endpoint) {
        return sessions.check(endpoint, (session, result) -> {
            HealthReply reply = new HealthReply(result);
            MetaData.Request head = new MetaData.Request(HttpMethod.POST.asString(), uri, HttpVersion.HTTP_2,
                    HttpFields.build()
                            .put(HttpHeader.CONTENT_TYPE, "application/grpc")
                            .put(HttpHeader.TE, "trailers"));
            session.newStream(new HeadersFrame(head, null, false), Promise.from(stream -> {
                reply.opened(stream);
                stream.data(new DataFrame(stream.getId(), HealthMessages.request(service), true), Callback.NOOP);
            }, result::completeExceptionally), reply);
        });
    }

    private CompletableFuture<Session> connect(InetSocketAddress endpoint, Runnable retire) {
        Session.Listener retiring = new Session.Listener() {
            @Override
            public void onGoAway(Session session, GoAwayFrame frame) {
                retire.run();
            }

            @Override
            public void onClose(Session session, GoAwayFrame frame, Callback callback) {
                retire.run();
                callback.succeeded();
            }

            @Override
            public void onFailure(Session session, Throwable failure, Callback callback) {
                retire.run();
                callback.succeeded();
            }
        };
        Promise.Completable<Session> opened = new Promise.Completable<>();
        if (secure) {
            client.connect(client.getClientConnector().getSslContextFactory(), NamedEndpoints.of(endpoint, peerHost),
                    retiring, opened);
        } else {
            client.connect(endpoint, retiring, opened);
        }
        return opened;
    }

    /**
     * A GOAWAY, then the connection closed: Jetty would otherwise wait for the upstream's own GOAWAY, which gRPC
     * servers do not send, and keep the connection until it idles out.
     */
    private static void disconnect(Session session) {
        session.close(ErrorCode.NO_ERROR.code, "health checks stopped", Callback.from(() -> {
            if (session instanceof HTTP2Session http2) {
                http2.disconnect();
            }
        }));
    }

    @Override
    public void forget(InetSocketAddress endpoint) {
        sessions.forget(endpoint);
    }

    @Override
    public void close() {
        sessions.close();
    }
}
