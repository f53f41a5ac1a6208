package io.legate.testing;

import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.MetaData;
import org.eclipse.jetty.http2.hpack.HpackDecoder;
import org.eclipse.jetty.http2.hpack.HpackException;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BooleanSupplier;

/**
 * An h2c connection by prior knowledge, driven frame by frame ({@link H2Frames}): it sends what a test builds, and
 * reads the gateway's frames, decoding every header block so that HPACK's state follows the gateway's.
 */
public final class RawH2Connection implements AutoCloseable {

    /** How a stream ended: its last headers (trailers), or a RST_STREAM's error code, or the connection's GOAWAY. */
    public record StreamEnd(HttpFields headers, int resetCode, int goAwayCode) {
        public boolean ended() {
            return headers != null;
        }
    }

    /**
     * Given back in one piece, as clients do: a WINDOW_UPDATE for each DATA frame read would split the window, and
     * the gateway's DATA frames with it, smaller and smaller.
     */
    private static final int WINDOW_GIVEN_BACK = 16 * 1024;

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;
    private final HpackDecoder hpack = new HpackDecoder(1024 * 1024, System::nanoTime);
    private final ByteArrayOutputStream block = new ByteArrayOutputStream();
    /** Streams that ended while the test waited for another one. */
    private final Map<Integer, StreamEnd> ended = new HashMap<>();
    /** Streams whose reply carried a DATA frame. */
    private final Set<Integer> answered = new HashSet<>();
    private int goAwayCode = -1;
    /** DATA bytes read and not given back yet. */
    private int unacknowledged;
    /** The flags of the HEADERS frame that began the header block being read. */
    private int blockFlags;

    private RawH2Connection(Socket socket) throws IOException {
        this.socket = socket;
        this.in = new BufferedInputStream(socket.getInputStream());
        this.out = socket.getOutputStream();
    }

    /** Opens a connection to {@code port} on loopback and sends the preface and an empty SETTINGS frame. */
    public static RawH2Connection open(int port) throws IOException {
        RawH2Connection connection = new RawH2Connection(new Socket("127.0.0.1", port));
        connection.socket.setSoTimeout(10_000);
        connection.send(H2Frames.PREFACE, H2Frames.settings());
        return connection;
    }

    public void send(byte[]... frames) throws IOException {
        for (byte[] frame : frames) {
            out.write(frame);
        }
        out.flush();
    }

    /** A gRPC unary call of {@code path} with an empty message on {@code stream}, and {@code extraNameValues}. */
    public void sendGrpcCall(int stream, String path, String... extraNameValues) throws IOException {
        send(H2Frames.frame(H2Frames.HEADERS, H2Frames.END_HEADERS, stream, H2Frames.grpcRequest(path, extraNameValues)),
                H2Frames.frame(H2Frames.DATA, H2Frames.END_STREAM, stream, H2Frames.grpcMessage(new byte[0])));
    }

    /** Reads frames until {@code stream} ends, answering SETTINGS; fails when nothing comes for 10 s. */
    public StreamEnd awaitEnd(int stream) throws IOException {
        return awaitEnd(stream, false);
    }

    /**
     * As {@link #awaitEnd(int)}, giving back the flow control window as the DATA frames are read, as a reader of one
     * stream at a time: a WINDOW_UPDATE for the stream and one for the connection for every 16 KiB read.
     */
    public StreamEnd awaitEndGivingBackWindow(int stream) throws IOException {
        return awaitEnd(stream, true);
    }

    /** Reads frames until {@code stream}'s reply carries a DATA frame; false when it ended, or the connection, first. */
    public boolean awaitData(int stream) throws IOException {
        readUntil(() -> answered.contains(stream) || ended.containsKey(stream), false);
        return answered.contains(stream);
    }

    private StreamEnd awaitEnd(int stream, boolean giveBackWindow) throws IOException {
        readUntil(() -> ended.containsKey(stream), giveBackWindow);
        return ended.getOrDefault(stream, new StreamEnd(null, -1, goAwayCode));
    }

    /** Reads frames until {@code done} or a GOAWAY, answering SETTINGS; fails when nothing comes for 10 s. */
    private void readUntil(BooleanSupplier done, boolean giveBackWindow) throws IOException {
        while (!done.getAsBoolean() && goAwayCode < 0) {
            H2Frames.Frame frame = H2Frames.read(in);
            switch (frame.type()) {
                case H2Frames.SETTINGS -> {
                    if ((frame.flags() & H2Frames.ACK) == 0) {
                        send(H2Frames.settingsAck());
                    }
                }
                case H2Frames.GOAWAY -> goAwayCode = frame.errorCode();
                case H2Frames.DATA -> {
                    answered.add(frame.stream());
                    unacknowledged += frame.payload().length;
                    if (giveBackWindow && unacknowledged >= WINDOW_GIVEN_BACK) {
                        send(H2Frames.windowUpdate(frame.stream(), unacknowledged), H2Frames.windowUpdate(0, unacknowledged));
                        unacknowledged = 0;
                    }
                }
                case H2Frames.RST_STREAM -> ended.put(frame.stream(), new StreamEnd(null, frame.errorCode(), -1));
                case H2Frames.HEADERS, H2Frames.CONTINUATION -> {
                    HttpFields fields = headerBlock(frame);
                    if (fields != null && (blockFlags & H2Frames.END_STREAM) != 0) {
                        ended.put(frame.stream(), new StreamEnd(fields, -1, -1));
                    }
                }
                default -> {
                }
            }
        }
    }

    /** Whether the gateway closes the connection within {@code timeoutMs}, reading (and dropping) what it sends. */
    public boolean closedWithin(long timeoutMs) throws IOException {
        return closedWithin(socket, in, timeoutMs);
    }

    /** Whether the peer closes {@code socket} within {@code timeoutMs}, reading (and dropping) from {@code in}. */
    public static boolean closedWithin(Socket socket, InputStream in, long timeoutMs) throws IOException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        byte[] sink = new byte[8192];
        while (System.nanoTime() < deadline) {
            socket.setSoTimeout((int) Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
            try {
                if (in.read(sink) < 0) {
                    return true;
                }
            } catch (SocketTimeoutException stillOpen) {
                return false;
            } catch (IOException reset) {
                return true;
            }
        }
        return false;
    }

    /** The fields of a header block once its last frame came; null before. */
    private HttpFields headerBlock(H2Frames.Frame frame) throws IOException {
        if (frame.type() == H2Frames.HEADERS) {
            blockFlags = frame.flags();
        }
        block.write(frame.payload());
        if ((frame.flags() & H2Frames.END_HEADERS) == 0) {
            return null;
        }
        try {
            MetaData metaData = hpack.decode(ByteBuffer.wrap(block.toByteArray()));
            return metaData.getHttpFields();
        } catch (HpackException.SessionException | HpackException.StreamException e) {
            throw new IOException("undecodable header block", e);
        } finally {
            block.reset();
        }
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
