package io.legate.bench;

import io.legate.proxy.UpstreamSettings;
import io.legate.transport.ConsolidatingClientConnector;
import io.legate.transport.ConsolidatingServerConnector;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.api.server.ServerSessionListener;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.server.RawHTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;

/**
 * The floor of any forwarder built on Jetty's HTTP/2 with Legate's transport, a reference row of the benchmark
 * (target {@code jetty-frames}), not a product: Legate's listener and upstream connector (both write once per read
 * pass), its thread settings and HTTP/2 windows, and between them nothing but HTTP/2 frames — each caller stream
 * forwarded as one stream of a single upstream session, frame by frame ({@link ForwardedStream}). No routing, no
 * servlet, no request or response objects, no header rewriting beyond the upstream's authority. What Legate spends
 * per call above it is the cost of the layers above the frames.
 * {@code java io.legate.bench.FrameForwarder PORT UPSTREAM_HOST:PORT} prints {@code jetty-frames listening on
 * 127.0.0.1:PORT} when ready and serves until killed.
 */
public final class FrameForwarder {

    /** As Legate's upstream client: a 64 KiB gRPC message comes as one frame, read in one go. */
    private static final int MAX_FRAME_BYTES = 256 * 1024;
    private static final int READ_BUFFER_BYTES = 64 * 1024;

    private FrameForwarder() {
    }

    public static void main(String[] args) throws Exception {
        ReferenceRow.main("jetty-frames", FrameForwarder::start, args);
    }

    /**
     * Starts a forwarder on loopback ({@code port} 0 takes a free one) to {@code upstream}, host:port, both sides
     * h2c; the first call opens the upstream session.
     */
    public static Server start(int port, String upstream) throws Exception {
        Server server = ReferenceRow.server();
        HTTP2Client client = newClient(server);
        UpstreamSession session = new UpstreamSession(client, upstream);
        ServerSessionListener forward = new ServerSessionListener() {
            @Override
            public Stream.Listener onNewStream(Stream caller, HeadersFrame head) {
                return ForwardedStream.start(caller, head, session);
            }
        };
        RawHTTP2ServerConnectionFactory h2c = new RawHTTP2ServerConnectionFactory(new HttpConfiguration(), forward,
                "h2c");
        ReferenceRow.asLegates(h2c);
        return ReferenceRow.listen(server, new ConsolidatingServerConnector(server, h2c), port);
    }

    /** An HTTP/2 client set up as Legate's towards upstreams, a bean of {@code server}. */
    static HTTP2Client newClient(Server server) {
        ClientConnector connector = ReferenceRow.upstreamConnector(new ConsolidatingClientConnector(), server);
        UpstreamSettings settings = UpstreamSettings.defaults();
        HTTP2Client client = new HTTP2Client(connector);
        client.setInitialSessionRecvWindow(settings.sessionWindowBytes());
        client.setInitialStreamRecvWindow(settings.streamWindowBytes());
        client.setIdleTimeout(settings.connectionIdleTimeoutMs());
        client.setMaxFrameSize(MAX_FRAME_BYTES);
        client.setInputBufferSize(READ_BUFFER_BYTES);
        server.addBean(client);
        return client;
    }
}
