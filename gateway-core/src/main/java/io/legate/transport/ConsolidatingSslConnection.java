package io.legate.transport;

import org.eclipse.jetty.io.ByteBufferPool;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.LongAdder;

/**
 * A TLS connection that encrypts once per read pass. Each write to a TLS connection is encrypted as one record or
 * more: HTTP/2 frames written one after the other cost one record each, and each record its own encryption. Its
 * decrypted side holds the writes of a pass ({@link HeldWrites}), so that what a pass wrote to the connection is
 * encrypted together, in records as full as TLS allows, when the pass ends; the socket under it then sends them
 * with the rest of the pass's writes.
 */
final class ConsolidatingSslConnection extends SslConnection {

    /** Set after {@link SslConnection}'s constructor made the endpoint; only read when it writes. */
    private final ByteBufferPool pool;
    /** Calls to the engine that encrypted application bytes, for Jetty's dumps and to show the consolidation. */
    private final LongAdder encryptions = new LongAdder();

    ConsolidatingSslConnection(ByteBufferPool pool, Executor executor, SslContextFactory sslContextFactory,
                               EndPoint endPoint, SSLEngine engine, boolean directEncryption,
                               boolean directDecryption) {
        super(pool, executor, sslContextFactory, endPoint, engine, directEncryption, directDecryption);
        this.pool = pool;
    }

    @Override
    protected SslEndPoint newSslEndPoint() {
        return new HoldingEndPoint();
    }

    @Override
    protected SSLEngineResult wrap(SSLEngine engine, ByteBuffer[] input, ByteBuffer output) throws SSLException {
        SSLEngineResult result = super.wrap(engine, input, output);
        if (result.bytesConsumed() > 0) {
            encryptions.increment();
        }
        return result;
    }

    /** How many times this connection encrypted application bytes so far. */
    long encryptions() {
        return encryptions.sum();
    }

    @Override
    public String toConnectionString() {
        return super.toConnectionString() + "{encryptions=" + encryptions() + "}";
    }

    private final class HoldingEndPoint extends SslEndPoint implements HeldWrites.Holder {
        private final HeldWrites held = new HeldWrites(this, true);

        @Override
        public void write(Callback callback, ByteBuffer... buffers) {
            held.write(callback, buffers);
        }

        @Override
        public void doShutdownOutput() {
            if (!held.shutdownOutputAfterWrites()) {
                super.doShutdownOutput();
            }
        }

        @Override
        public void doClose() {
            held.close(this::flush);
            super.doClose();
        }

        @Override
        public void writeThrough(Callback callback, ByteBuffer... buffers) {
            super.write(callback, buffers);
        }

        @Override
        public void shutdownOutputThrough() {
            super.doShutdownOutput();
        }

        @Override
        public ByteBufferPool bufferPool() {
            return pool;
        }
    }
}
