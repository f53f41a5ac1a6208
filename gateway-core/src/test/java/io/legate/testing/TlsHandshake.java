package io.legate.testing;

import io.legate.tls.CertifiedKey;
import io.legate.tls.KeyStores;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import java.util.List;

/** A bare TLS handshake with a listener, to see which certificate and ALPN protocol it chose. */
public final class TlsHandshake {

    private TlsHandshake() {
    }

    /** Connects to 127.0.0.1:{@code port} trusting {@code ca}, offering {@code alpn}; SNI {@code sni} unless null. */
    public static SSLSocket handshake(int port, CertifiedKey ca, String sni, String... alpn) throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(KeyStores.trustStore(List.of(ca.leaf())));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("127.0.0.1", port);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(alpn);
        parameters.setServerNames(sni == null ? List.of() : List.of(new SNIHostName(sni)));
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return socket;
    }
}
