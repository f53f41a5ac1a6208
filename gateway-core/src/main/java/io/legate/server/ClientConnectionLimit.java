package io.legate.server;

import io.legate.metrics.Refusal;
import io.legate.metrics.Refusals;
import org.eclipse.jetty.io.SelectorManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.SelectableChannel;
import java.nio.channels.SocketChannel;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caller connections open at once over the traffic listeners, in all and per client address: a connection over
 * either limit is closed as soon as it is accepted, so that one client cannot take every file descriptor. Shared by
 * the listeners; the admin listener is not counted, so that it stays reachable.
 */
final class ClientConnectionLimit implements SelectorManager.AcceptListener {

    private static final Logger LOG = LoggerFactory.getLogger(ClientConnectionLimit.class);

    private final int max;
    private final int maxPerClient;
    private final Refusals refusals;
    private final AtomicInteger open = new AtomicInteger();
    private final Map<InetAddress, AtomicInteger> perClient = new ConcurrentHashMap<>();
    /** The channels counted, each with its client: only they are uncounted when they close. */
    private final Map<SelectableChannel, InetAddress> counted = new ConcurrentHashMap<>();

    ClientConnectionLimit(int max, int maxPerClient, Refusals refusals) {
        this.max = max;
        this.maxPerClient = maxPerClient;
        this.refusals = refusals;
    }

    @Override
    public void onAccepting(SelectableChannel channel) {
        InetAddress client = client(channel);
        if (open.incrementAndGet() > max) {
            open.decrementAndGet();
            refuse(channel, Refusal.CONNECTIONS, client);
            return;
        }
        AtomicInteger fromClient = perClient.computeIfAbsent(client, c -> new AtomicInteger());
        if (fromClient.incrementAndGet() > maxPerClient) {
            release(client, fromClient);
            refuse(channel, Refusal.CONNECTIONS_PER_CLIENT, client);
            return;
        }
        counted.put(channel, client);
    }

    @Override
    public void onAcceptFailed(SelectableChannel channel, Throwable cause) {
        onClosed(channel);
    }

    @Override
    public void onClosed(SelectableChannel channel) {
        InetAddress client = counted.remove(channel);
        if (client != null) {
            release(client, perClient.get(client));
        }
    }

    private void release(InetAddress client, AtomicInteger fromClient) {
        open.decrementAndGet();
        // Dropped at zero so that the map holds the clients connected now, not every client ever seen.
        if (fromClient != null && fromClient.decrementAndGet() == 0) {
            perClient.remove(client, fromClient);
        }
    }

    private void refuse(SelectableChannel channel, Refusal reason, InetAddress client) {
        refusals.count(reason);
        LOG.debug("connection from {} refused: {}", client, reason.label());
        try {
            channel.close();
        } catch (IOException e) {
            LOG.debug("closing a refused connection", e);
        }
    }

    private static InetAddress client(SelectableChannel channel) {
        try {
            if (channel instanceof SocketChannel socket && socket.getRemoteAddress() instanceof InetSocketAddress remote) {
                return remote.getAddress();
            }
        } catch (IOException e) {
            LOG.debug("no remote address", e);
        }
        return InetAddress.getLoopbackAddress();
    }
}
