package io.legate.testing;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * An h2c upstream on loopback that answers every request with hand-built frames ({@link Answer}): huge or endless
 * header blocks, oversized trailers. It speaks just enough HTTP/2 for the gateway to send it requests.
 */
public final class HostileUpstream implements AutoCloseable {

    /** Writes the frames that answer the request on {@code stream}. */
    @FunctionalInterface
    public interface Answer {
        void answer(OutputStream out, int stream) throws IOException;
    }

    private final ServerSocket listener;
    private final Answer answer;
    private final ExecutorService threads = Executors.newCachedThreadPool();
    private final AtomicLong written = new AtomicLong();

    private HostileUpstream(ServerSocket listener, Answer answer) {
        this.listener = listener;
        this.answer = answer;
    }

    public static HostileUpstream start(Answer answer) throws IOException {
        ServerSocket listener = new ServerSocket();
        listener.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
        HostileUpstream upstream = new HostileUpstream(listener, answer);
        upstream.threads.execute(upstream::accept);
        return upstream;
    }

    /** Response headers {@code ":status 200", content-type gRPC} and one field of {@code name} of {@code size} bytes. */
    public static byte[] headersWith(String name, int size) {
        return H2Frames.block(":status", "200", "content-type", "application/grpc", name, "x".repeat(size));
    }

    /** {@code 127.0.0.1:port}, as a Mapping's {@code service}. */
    public String address() {
        return "127.0.0.1:" + listener.getLocalPort();
    }

    /** The bytes of answers written so far; a write the gateway refused (its connection closed) stops counting. */
    public long written() {
        return written.get();
    }

    private void accept() {
        while (!listener.isClosed()) {
            try {
                Socket socket = listener.accept();
                threads.execute(() -> serve(socket));
            } catch (IOException closed) {
                return;
            }
        }
    }

    private void serve(Socket socket) {
        try (socket) {
            InputStream in = new BufferedInputStream(socket.getInputStream());
            OutputStream out = new CountingOutput(socket.getOutputStream());
            byte[] preface = in.readNBytes(H2Frames.PREFACE.length);
            if (!Arrays.equals(preface, H2Frames.PREFACE)) {
                return;
            }
            out.write(H2Frames.settings());
            while (true) {
                H2Frames.Frame frame = H2Frames.read(in);
                if (frame.type() == H2Frames.SETTINGS && (frame.flags() & H2Frames.ACK) == 0) {
                    out.write(H2Frames.settingsAck());
                } else if (frame.type() == H2Frames.HEADERS && (frame.flags() & H2Frames.END_HEADERS) != 0) {
                    answer.answer(out, frame.stream());
                    out.flush();
                }
            }
        } catch (IOException gatewayClosedTheConnection) {
            // The end of every connection: the gateway closes it, or refused what it was sent.
        }
    }

    @Override
    public void close() throws IOException, InterruptedException {
        listener.close();
        threads.shutdownNow();
        threads.awaitTermination(5, TimeUnit.SECONDS);
    }

    private final class CountingOutput extends OutputStream {
        private final OutputStream out;

        CountingOutput(OutputStream out) {
            this.out = out;
        }

        @Override
        public void write(int b) throws IOException {
            out.write(b);
            written.incrementAndGet();
        }

        @Override
        public void write(byte[] bytes, int offset, int length) throws IOException {
            out.write(bytes, offset, length);
            written.addAndGet(length);
        }

        @Override
        public void flush() throws IOException {
            out.flush();
        }
    }
}
