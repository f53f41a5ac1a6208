package io.legate.testing;

import io.grpc.testing.protobuf.SimpleResponse;
import java.nio.ByteBuffer;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpVersion;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.ErrorCode;
import org.eclipse.jetty.http2.api.Stream;
import org.eclipse.jetty.http2.api.server.ServerSessionListener;
import org.eclipse.jetty.http2.frames.DataFrame;
import org.eclipse.jetty.http2.frames.HeadersFrame;
import org.eclipse.jetty.http2.frames.ResetFrame;
import org.eclipse.jetty.http2.server.RawHTTP2ServerConnectionFactory;
import org.eclipse.jetty.io.RateControl;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/**
 * A raw HTTP/2 upstream (h2c, on a loopback port) that answers every stream as soon as its request headers arrive
 * (response headers, one gRPC message, then, unless it cuts its replies short, trailers with {@code grpc-status: 0}
 * and {@link #TRAILER}, ending the stream) and then resets the stream with {@code NO_ERROR}. Whatever request body
 * arrives is discarded.
 */
public final class ResettingUpstream implements AutoCloseable {

    /** The message of every reply. */
    public static final SimpleResponse REPLY = SimpleResponse.newBuilder().setResponseMessage("answered").build();
    /** A trailer of every reply beside {@code grpc-status}, with the value {@link #TRAILER_VALUE}. */
    public static final String TRAILER = "x-upstream-trailer";
    public static final String TRAILER_VALUE = "kept";

    private final boolean endsReplies;
    private final Server server;
    private final ServerConnector connector;
    private final Semaphore resets = new Semaphore(0);

    private ResettingUpstream(boolean endsReplies) {
        this.endsReplies = endsReplies;
        server = new Server();
        RawHTTP2ServerConnectionFactory http2 = new RawHTTP2ServerConnectionFactory(new HttpConfiguration(),
                new ServerSessionListener() {
                    @Override
                    public Stream.Listener onNewStream(Stream stream, HeadersFrame request) {
                        answerThenReset(stream);
                        return Stream.Listener.AUTO_DISCARD;
                    }
                });
        // No guard against rapid resets (a factory's default): the gateway's HTTP/2 client answers each of these
        // resets with a RST_STREAM(CANCEL) of its own, and Jetty's usual guard (128 a second) would take the
        // gateway's connection away.
        http2.setRateControlFactory(new RateControl.Factory() {
        });
        connector = new ServerConnector(server, http2);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
    }

    /**
     * An upstream that ends each reply, then resets its stream: RFC 9113 §8.1 lets a server that needs no more of
     * the request do so, and grpc Python's server does.
     */
    public static ResettingUpstream afterItsReply() throws Exception {
        return start(new ResettingUpstream(true));
    }

    /** An upstream that resets each stream after the message of its reply, before the trailers. */
    public static ResettingUpstream beforeItsTrailers() throws Exception {
        return start(new ResettingUpstream(false));
    }

    private static ResettingUpstream start(ResettingUpstream upstream) throws Exception {
        upstream.server.start();
        return upstream;
    }

    private void answerThenReset(Stream stream) {
        int id = stream.getId();
        HttpFields head = HttpFields.build().put("content-type", "application/grpc");
        HttpFields trailers = HttpFields.build().put("grpc-status", "0").put(TRAILER, TRAILER_VALUE);
        byte[] reply = REPLY.toByteArray();
        ByteBuffer message = ByteBuffer.allocate(5 + reply.length).put((byte) 0).putInt(reply.length).put(reply).flip();
        CompletableFuture<Stream> replied = stream
                .headers(new HeadersFrame(id, new MetaData.Response(200, null, HttpVersion.HTTP_2, head), null, false))
                .thenCompose(s -> s.data(new DataFrame(id, message, false)));
        if (endsReplies) {
            replied = replied.thenCompose(s -> s.headers(new HeadersFrame(id, new MetaData(HttpVersion.HTTP_2, trailers),
                    null, true)));
        }
        replied.thenCompose(s -> s.reset(new ResetFrame(id, ErrorCode.NO_ERROR.code))).thenRun(resets::release);
    }

    /** {@code 127.0.0.1:port}, as a Mapping's {@code service}. */
    public String address() {
        return "127.0.0.1:" + connector.getLocalPort();
    }

    /** Whether {@code streams} more streams were reset, waiting up to {@code seconds} for them. */
    public boolean awaitResets(int streams, long seconds) throws InterruptedException {
        return resets.tryAcquire(streams, seconds, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        server.stop();
    }
}
