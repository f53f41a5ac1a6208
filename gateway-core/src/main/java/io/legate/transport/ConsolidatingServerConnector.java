package io.legate.transport;

import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;
import org.eclipse.jetty.io.SocketChannelEndPoint;
import org.eclipse.jetty.server.ConnectionFactory;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.Scheduler;

import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;

/**
 * A listener whose connections write once per read pass ({@link ConsolidatingEndPoint}), a pass being a whole round
 * of its selectors ({@link ConsolidatingSelector}); everything above the socket (TLS, HTTP/1.1, HTTP/2) is Jetty's,
 * unchanged.
 */
public final class ConsolidatingServerConnector extends ServerConnector {

    public ConsolidatingServerConnector(Server server, ConnectionFactory... factories) {
        super(server, factories);
    }

    @Override
    protected SelectorManager newSelectorManager(Executor executor, Scheduler scheduler, int selectors) {
        return new ServerConnectorManager(ConsolidatingSelector.executor(executor), scheduler, selectors) {
            @Override
            protected ManagedSelector newSelector(int id) {
                return new ConsolidatingSelector(this, id);
            }
        };
    }

    @Override
    protected SocketChannelEndPoint newEndPoint(SocketChannel channel, ManagedSelector selector, SelectionKey key) {
        ConsolidatingEndPoint endPoint = new ConsolidatingEndPoint(channel, selector, key, getScheduler(),
                getByteBufferPool());
        endPoint.setIdleTimeout(getIdleTimeout());
        return endPoint;
    }
}
