package io.legate.bench;

import org.eclipse.jetty.client.ContentSourceRequestContent;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Result;
import org.eclipse.jetty.client.transport.HttpClientTransportDynamic;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.ClientConnectionFactoryOverHTTP2;
import org.eclipse.jetty.http2.server.HTTP2CServerConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.Invocable;

/**
 * A forwarder written plainly on Jetty, a reference row of the benchmark (target {@code jetty-core}): Jetty's core
 * server (h2c) and HTTP client over HTTP/2, with the thread settings and non-blocking listeners Legate uses, passing
 * each call to one upstream with nothing else — no servlet, no ProxyServlet, no routing, no plugin chain, no header
 * rewriting — and Jetty's own transport, which writes once per frame ({@link FrameForwarder} is the floor under
 * Legate's).
 * {@code java io.legate.bench.JettyCoreForwarder PORT UPSTREAM_HOST:PORT} prints {@code jetty-core listening on
 * 127.0.0.1:PORT} when ready and serves until killed.
 */
public final class JettyCoreForwarder extends Handler.Abstract.NonBlocking {

    private final HttpClient client;
    private final String upstream;

    private JettyCoreForwarder(HttpClient client, String upstream) {
        this.client = client;
        this.upstream = upstream;
    }

    public static void main(String[] args) throws Exception {
        ReferenceRow.main("jetty-core", JettyCoreForwarder::start, args);
    }

    /** Starts a forwarder on loopback ({@code port} 0 takes a free one) to {@code upstream}, host:port, over h2c. */
    public static Server start(int port, String upstream) throws Exception {
        Server server = ReferenceRow.server();
        HttpClient client = newClient(server);
        server.addBean(client);
        server.setHandler(new JettyCoreForwarder(client, upstream));
        return ReferenceRow.listen(server,
                new ServerConnector(server, new HTTP2CServerConnectionFactory(new HttpConfiguration())), port);
    }

    private static HttpClient newClient(Server server) {
        ClientConnector connector = ReferenceRow.upstreamConnector(new ClientConnector(), server);
        HttpClientTransportDynamic transport = new HttpClientTransportDynamic(connector,
                new ClientConnectionFactoryOverHTTP2.HTTP2(new HTTP2Client(connector)));
        transport.setInvocationType(Invocable.InvocationType.NON_BLOCKING);
        HttpClient client = new HttpClient(transport);
        client.setExecutor(server.getThreadPool());
        return client;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        client.newRequest("http://" + upstream + request.getHttpURI().getPathQuery())
                .method(request.getMethod())
                .version(HttpVersion.HTTP_2)
                .headers(headers -> request.getHeaders().forEach(field -> {
                    if (field.getHeader() != HttpHeader.HOST) {
                        headers.add(field);
                    }
                }))
                .body(new ContentSourceRequestContent(request, request.getHeaders().get(HttpHeader.CONTENT_TYPE)))
                .send(new Relay(response, callback));
        return true;
    }

    /** Passes the upstream's reply on as it comes: headers, each chunk once the caller took the last, trailers. */
    private record Relay(Response response, Callback callback) implements org.eclipse.jetty.client.Response.Listener {

        @Override
        public void onHeaders(org.eclipse.jetty.client.Response upstream) {
            response.setStatus(upstream.getStatus());
            for (HttpField field : upstream.getHeaders()) {
                response.getHeaders().add(field);
            }
            response.setTrailersSupplier(upstream::getTrailers);
        }

        @Override
        public void onContent(org.eclipse.jetty.client.Response upstream, Content.Chunk chunk, Runnable demander) {
            chunk.retain();
            response.write(false, chunk.getByteBuffer(), Callback.from(() -> {
                chunk.release();
                demander.run();
            }, failure -> {
                chunk.release();
                upstream.abort(failure);
            }));
        }

        @Override
        public void onComplete(Result result) {
            if (result.isFailed()) {
                callback.failed(result.getFailure());
            } else {
                response.write(true, null, callback);
            }
        }
    }
}
