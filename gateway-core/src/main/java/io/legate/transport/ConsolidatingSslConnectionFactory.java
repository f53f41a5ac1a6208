package io.legate.transport;

import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.SslConnectionFactory;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import javax.net.ssl.SSLEngine;

/**
 * Jetty's TLS for a listener, whose connections encrypt once per read pass ({@link ConsolidatingSslConnection}).
 */
public final class ConsolidatingSslConnectionFactory extends SslConnectionFactory {

    public ConsolidatingSslConnectionFactory(SslContextFactory.Server sslContextFactory, String nextProtocol) {
        super(sslContextFactory, nextProtocol);
    }

    @Override
    protected SslConnection newSslConnection(Connector connector, EndPoint endPoint, SSLEngine engine) {
        return new ConsolidatingSslConnection(connector.getByteBufferPool(), connector.getExecutor(),
                getSslContextFactory(), endPoint, engine, isDirectBuffersForEncryption(),
                isDirectBuffersForDecryption());
    }
}
