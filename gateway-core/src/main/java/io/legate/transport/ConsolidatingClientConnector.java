package io.legate.transport;

import org.eclipse.jetty.io.ClientConnectionFactory;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.io.ssl.SslClientConnectionFactory;
import org.eclipse.jetty.io.ssl.SslConnection;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import javax.net.ssl.SSLEngine;

import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;

/**
 * A client connector whose socket connections write once per read pass ({@link ConsolidatingEndPoint}), a pass
 * being a whole round of its selectors ({@link ConsolidatingSelector}): the frames a pass forwards upstream leave in
 * one write; over TLS they are encrypted together too ({@link ConsolidatingSslConnection}). Other channels
 * (datagrams) are Jetty's as they are.
 */
public final class ConsolidatingClientConnector extends ClientConnector {

    @Override
    protected SelectorManager newSelectorManager() {
        Executor executor = ConsolidatingSelector.executor(getExecutor());
        return new ClientSelectorManager(executor, getScheduler(), getSelectors()) {
            @Override
            protected ManagedSelector newSelector(int id) {
                return new ConsolidatingSelector(this, id);
            }
        };
    }

    @Override
    protected EndPoint newEndPoint(SelectableChannel channel, ManagedSelector selector, SelectionKey key) {
        if (channel instanceof SocketChannel socket) {
            return new ConsolidatingEndPoint(socket, selector, key, getScheduler(), getByteBufferPool());
        }
        return super.newEndPoint(channel, selector, key);
    }

    /** Jetty's HTTP and HTTP/2 clients make their TLS connections through this. */
    @Override
    public ClientConnectionFactory newSslClientConnectionFactory(SslContextFactory.Client sslContextFactory,
                                                                 ClientConnectionFactory next) {
        SslContextFactory.Client ssl = sslContextFactory == null ? getSslContextFactory() : sslContextFactory;
        return new SslClientConnectionFactory(ssl, getByteBufferPool(), getExecutor(), next) {
            @Override
            protected SslConnection newSslConnection(EndPoint endPoint, SSLEngine engine) {
                return new ConsolidatingSslConnection(getByteBufferPool(), getExecutor(), getSslContextFactory(),
                        endPoint, engine, isDirectBuffersForEncryption(), isDirectBuffersForDecryption());
            }
        };
    }
}
