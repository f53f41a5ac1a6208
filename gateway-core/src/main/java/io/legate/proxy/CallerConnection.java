package io.legate.proxy;

import io.legate.plugin.Connection;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.ExtendedSSLSession;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLSession;
import org.eclipse.jetty.io.EndPoint;
import org.eclipse.jetty.server.ConnectionMetaData;
import org.eclipse.jetty.server.Request;

/** The plugins' view of a caller's connection, read from Jetty's connection and TLS session data. */
final class CallerConnection implements Connection {

    private final ConnectionMetaData connection;
    private final EndPoint.SslSessionData tls;

    CallerConnection(Request request) {
        this.connection = request.getConnectionMetaData();
        this.tls = request.getAttribute(EndPoint.SslSessionData.ATTRIBUTE) instanceof EndPoint.SslSessionData data
                ? data : null;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return inet(connection.getRemoteSocketAddress());
    }

    @Override
    public InetSocketAddress localAddress() {
        return inet(connection.getLocalSocketAddress());
    }

    private static InetSocketAddress inet(SocketAddress address) {
        return address instanceof InetSocketAddress inet ? inet : null;
    }

    @Override
    public boolean secure() {
        return connection.isSecure();
    }

    @Override
    public Optional<String> sni() {
        if (session() instanceof ExtendedSSLSession extended) {
            return extended.getRequestedServerNames().stream()
                    .filter(SNIHostName.class::isInstance)
                    .map(name -> ((SNIHostName) name).getAsciiName())
                    .findFirst();
        }
        return Optional.empty();
    }

    @Override
    public Optional<String> tlsProtocol() {
        SSLSession session = session();
        return session == null ? Optional.empty() : Optional.of(session.getProtocol());
    }

    @Override
    public List<X509Certificate> peerCertificates() {
        X509Certificate[] chain = tls == null ? null : tls.peerCertificates();
        return chain == null ? List.of() : List.of(chain);
    }

    private SSLSession session() {
        return tls == null ? null : tls.sslSession();
    }
}
