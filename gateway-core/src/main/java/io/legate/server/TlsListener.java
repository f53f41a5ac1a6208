package io.legate.server;

import io.legate.config.GatewayConfig;
import io.legate.tls.ServerSslContexts;
import io.legate.tls.ServerTls;
import io.legate.transport.ConsolidatingServerConnector;
import io.legate.transport.ConsolidatingSslConnectionFactory;
import org.eclipse.jetty.alpn.server.ALPNServerConnectionFactory;
import org.eclipse.jetty.http2.server.HTTP2ServerConnectionFactory;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.SecureRequestCustomizer;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The TLS listener (8443): ALPN {@code h2} and {@code http/1.1}, certificates by SNI. Opened with the first
 * certificate; afterwards new material is reloaded into the same SslContextFactory, so established connections
 * keep theirs and nothing restarts. ALPN protocols are fixed when the listener opens.
 */
final class TlsListener {

    private static final Logger LOG = LoggerFactory.getLogger(TlsListener.class);

    private final Server server;
    private final GatewayConfig config;
    private final ListenerSettings listener;
    private final ListenerGuards guards;
    private volatile ServerConnector connector;
    private SslContextFactory.Server ssl;

    TlsListener(Server server, GatewayConfig config, ListenerSettings listener, ListenerGuards guards) {
        this.server = server;
        this.config = config;
        this.listener = listener;
        this.guards = guards;
    }

    /** Before the server starts: adds the connector when there is material, so that it starts with the server. */
    synchronized void prepare(ServerTls tls) {
        if (tls.enabled() && connector == null) {
            connector = newConnector(tls);
            server.addConnector(connector);
        }
    }

    synchronized void apply(ServerTls tls, boolean running) {
        if (!tls.enabled()) {
            if (connector != null) {
                LOG.warn("no TLS certificate is configured any more: the TLS listener keeps serving the last ones");
            }
            return;
        }
        try {
            if (connector == null) {
                connector = newConnector(tls);
                server.addConnector(connector);
                if (running) {
                    connector.start();
                    LOG.info("TLS listener open on {}:{}", config.bindAddress(), connector.getLocalPort());
                }
            } else {
                ServerSslContexts.reload(ssl, tls);
                LOG.info("TLS certificates reloaded: {}", tls.keys().keySet());
            }
        } catch (Exception e) {
            LOG.error("cannot apply the TLS certificates {} (the previous ones stay)", tls.keys().keySet(), e);
        }
    }

    boolean isOpen() {
        ServerConnector c = connector;
        return c != null && c.isStarted();
    }

    int port() {
        ServerConnector c = connector;
        return c == null || !c.isStarted() ? -1 : c.getLocalPort();
    }

    private ServerConnector newConnector(ServerTls tls) {
        ssl = ServerSslContexts.create(tls);
        HttpConfiguration https = guards.configure(LegateServer.httpConfiguration());
        SecureRequestCustomizer secure = new SecureRequestCustomizer();
        // The :authority need not match the certificate's names (a gRPC client may send host:port).
        secure.setSniHostCheck(false);
        https.addCustomizer(secure);
        HTTP2ServerConnectionFactory h2 = new HTTP2ServerConnectionFactory(https);
        LegateServer.withoutAltSvc(https);
        listener.applyTo(h2);
        guards.configure(h2);
        ALPNServerConnectionFactory alpn = new ALPNServerConnectionFactory(tls.alpn().toArray(new String[0]));
        alpn.setDefaultProtocol(tls.alpn().get(0));
        ConsolidatingSslConnectionFactory tlsFactory = new ConsolidatingSslConnectionFactory(ssl, alpn.getProtocol());
        ServerConnector connector = new ConsolidatingServerConnector(server, tlsFactory, alpn, h2, new HttpConnectionFactory(https));
        connector.setHost(config.bindAddress());
        connector.setPort(config.httpsPort());
        guards.configure(connector);
        return connector;
    }
}
