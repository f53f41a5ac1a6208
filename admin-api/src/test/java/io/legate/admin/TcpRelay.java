package io.legate.admin;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * A loopback TCP relay to a server, which a test can cut (every connection closed, new ones refused) and put back
 * on the same port: the network between one gateway and etcd failing, while etcd stays up for the others.
 */
final class TcpRelay implements AutoCloseable {

    private final InetSocketAddress target;
    private final int port;
    private final List<Socket> sockets = new ArrayList<>();
    private ServerSocket server;

    private TcpRelay(InetSocketAddress target) throws IOException {
        this.target = target;
        this.server = bind(0);
        this.port = server.getLocalPort();
        accept(server);
    }

    static TcpRelay to(URI target) throws IOException {
        return new TcpRelay(new InetSocketAddress(target.getHost(), target.getPort()));
    }

    URI endpoint() {
        return URI.create("http://127.0.0.1:" + port);
    }

    /** Closes every connection and refuses new ones. */
    synchronized void cut() throws IOException {
        server.close();
        for (Socket socket : sockets) {
            socket.close();
        }
        sockets.clear();
    }

    /** Accepts connections again, on the same port. */
    synchronized void restore() throws IOException {
        server = bind(port);
        accept(server);
    }

    private static ServerSocket bind(int port) throws IOException {
        ServerSocket socket = new ServerSocket();
        socket.setReuseAddress(true);
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
        return socket;
    }

    private void accept(ServerSocket listening) {
        Thread acceptor = new Thread(() -> {
            while (!listening.isClosed()) {
                Socket caller;
                try {
                    caller = listening.accept();
                } catch (IOException e) {
                    return; // closed by cut()
                }
                try {
                    Socket upstream = new Socket(target.getAddress(), target.getPort());
                    synchronized (this) {
                        if (listening.isClosed()) {
                            // cut() ran while this connection was being made: it must not outlive the cut
                            closeQuietly(caller);
                            closeQuietly(upstream);
                            return;
                        }
                        sockets.add(caller);
                        sockets.add(upstream);
                    }
                    pump(caller, upstream);
                    pump(upstream, caller);
                } catch (IOException e) {
                    closeQuietly(caller); // the target refused: so does the relay
                }
            }
        }, "tcp-relay-accept");
        acceptor.setDaemon(true);
        acceptor.start();
    }

    private static void pump(Socket from, Socket to) {
        Thread pump = new Thread(() -> {
            byte[] buffer = new byte[16 * 1024];
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                for (int n = in.read(buffer); n >= 0; n = in.read(buffer)) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException e) {
                // one side closed: close both
            } finally {
                closeQuietly(from);
                closeQuietly(to);
            }
        }, "tcp-relay-pump");
        pump.setDaemon(true);
        pump.start();
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public synchronized void close() throws IOException {
        cut();
    }
}
