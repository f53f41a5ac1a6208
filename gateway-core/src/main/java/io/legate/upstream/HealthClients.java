package io.legate.upstream;

import io.legate.tls.UpstreamTls;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.http2.client.HTTP2Client;

/** The started clients that health checks open their connections with, by the TLS settings of the upstream. */
public interface HealthClients {

    /** For gRPC checks; its connector speaks {@code tls} (null: cleartext). */
    HTTP2Client http2(UpstreamTls tls);

    /** For HTTP checks; its connector speaks {@code tls} (null: cleartext). */
    HttpClient http(UpstreamTls tls);
}
