package io.legate.transport;

import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.io.ManagedSelector;
import org.eclipse.jetty.io.SelectorManager;

import java.nio.channels.SelectableChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.Executor;

/**
 * A client connector whose socket connections write once per read pass ({@link ConsolidatingEndPoint}), a pass
 * being a whole round of its selectors ({@link ConsolidatingSelector}): the frames a pass forwards upstream leave in
 * one write. Other channels (datagrams) are Jetty's as they are.
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
}
