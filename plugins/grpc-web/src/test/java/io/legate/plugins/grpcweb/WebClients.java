package io.legate.plugins.grpcweb;

import io.legate.testing.Gateway;
import io.legate.tls.CertifiedKey;
import io.legate.tls.KeyStores;
import org.eclipse.jetty.client.BytesRequestContent;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.http2.client.HTTP2Client;
import org.eclipse.jetty.http2.client.transport.HttpClientTransportOverHTTP2;
import org.eclipse.jetty.io.ClientConnector;
import org.eclipse.jetty.util.ssl.SslContextFactory;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Raw HTTP clients to a gateway, one per way a browser's request may arrive: HTTP/1.1, h2c (prior knowledge)
 * and h2 over TLS (ALPN), the last for {@link #TLS_HOST}, which every name resolves to loopback for.
 */
final class WebClients implements AutoCloseable {

    static final String TLS_HOST = "web.example.com";

    enum Transport { HTTP_1_1, H2C, H2_TLS }

    private final HttpClient http11 = new HttpClient();
    private final HttpClient h2c = new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client()));
    private final HttpClient h2;
    private final Gateway gateway;

    WebClients(Gateway gateway, CertifiedKey ca) throws Exception {
        this.gateway = gateway;
        SslContextFactory.Client ssl = new SslContextFactory.Client();
        ssl.setTrustStore(KeyStores.trustStore(List.of(ca.leaf())));
        ClientConnector connector = new ClientConnector();
        connector.setSslContextFactory(ssl);
        h2 = new HttpClient(new HttpClientTransportOverHTTP2(new HTTP2Client(connector)));
        // Loopback, under the name asked for: SNI and the certificate check use that name.
        h2.setSocketAddressResolver((host, port, context, promise) -> {
            try {
                InetAddress loopback = InetAddress.getByAddress(host, new byte[] {127, 0, 0, 1});
                promise.succeeded(List.of(new InetSocketAddress(loopback, port)));
            } catch (UnknownHostException e) {
                promise.failed(e);
            }
        });
        for (HttpClient client : List.of(http11, h2c, h2)) {
            // The gateway's answers are what is under test: nothing is decoded or followed on the way.
            client.setFollowRedirects(false);
            client.getContentDecoderFactories().clear();
            client.start();
        }
    }

    /** A request to {@code path} on the gateway over {@code transport}, with header name/value pairs. */
    Request request(Transport transport, HttpMethod method, String path, String... headers) {
        HttpClient client = switch (transport) {
            case HTTP_1_1 -> http11;
            case H2C -> h2c;
            case H2_TLS -> h2;
        };
        String origin = transport == Transport.H2_TLS ? "https://" + TLS_HOST + ":" + gateway.httpsPort() : gateway.baseUri();
        Request request = client.newRequest(origin + path).method(method).timeout(10, TimeUnit.SECONDS);
        request.headers(fields -> {
            for (int i = 0; i < headers.length; i += 2) {
                fields.put(headers[i], headers[i + 1]);
            }
        });
        return request;
    }

    /** POSTs {@code body} with {@code contentType} and the header pairs, and waits for the whole answer. */
    ContentResponse post(Transport transport, String path, String contentType, byte[] body, String... headers) throws Exception {
        return request(transport, HttpMethod.POST, path, headers).body(new BytesRequestContent(contentType, body)).send();
    }

    @Override
    public void close() throws Exception {
        http11.stop();
        h2c.stop();
        h2.stop();
    }
}
