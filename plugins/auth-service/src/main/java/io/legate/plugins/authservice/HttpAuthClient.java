package io.legate.plugins.authservice;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;
import org.eclipse.jetty.client.CompletableResponseListener;
import org.eclipse.jetty.client.ContentResponse;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.client.Request;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Emissary's {@code proto: http}: the caller's method, {@code path_prefix} + path and allowed headers, with no
 * body, sent with Jetty's asynchronous client. A 2xx allows; any other answer is the caller's.
 */
final class HttpAuthClient implements AuthClient {

    // A denial's page is small; one larger than this is treated as a failure of the service.
    private static final int MAX_BODY = 1024 * 1024;
    // HTTP/1.1 asks one question per connection at a time: as many as Envoy's default circuit breaker allows,
    // rather than Jetty's 64, beyond which checks would queue and spend their timeout_ms waiting.
    private static final int MAX_CONNECTIONS = 1024;
    private static final Set<String> NOT_PASSED_ON = Set.of("connection", "keep-alive", "transfer-encoding",
            "content-length", "te", "trailer", "upgrade", "proxy-connection");

    private static final Logger LOG = LoggerFactory.getLogger(HttpAuthClient.class);

    private final AuthConfig config;
    private final HttpClient client;
    private final CompletableFuture<Void> stopped = new CompletableFuture<>();

    private HttpAuthClient(AuthConfig config, HttpClient client) {
        this.config = config;
        this.client = client;
    }

    static HttpAuthClient start(AuthConfig config) {
        HttpClient client = new HttpClient();
        client.setFollowRedirects(false);
        client.setMaxConnectionsPerDestination(MAX_CONNECTIONS);
        // The caller's User-Agent, or none: not Jetty's.
        client.setUserAgentField(null);
        // The service's answer goes to the caller as it was sent, encoded or not.
        client.getContentDecoderFactories().clear();
        try {
            client.start();
        } catch (Exception e) {
            throw new IllegalStateException("cannot start the HTTP client of auth_service " + config.address(), e);
        }
        return new HttpAuthClient(config, client);
    }

    @Override
    public CompletionStage<Verdict> check(AuthRequest request) {
        AuthServiceAddress address = config.address();
        Request http = client.newRequest(address.host(), address.port())
                .scheme(address.tls() ? "https" : "http")
                .method(request.method())
                .path(config.pathPrefix() + request.path())
                .timeout(config.timeout().toMillis(), TimeUnit.MILLISECONDS)
                .headers(headers -> {
                    request.headers().forEach(headers::put);
                    if (request.authority() != null) {
                        headers.put(HttpHeader.HOST, request.authority());
                    }
                });
        return new CompletableResponseListener(http, MAX_BODY).send().thenApply(this::verdict);
    }

    private Verdict verdict(ContentResponse response) {
        if (response.getStatus() / 100 == 2) {
            Map<String, String> upstream = new LinkedHashMap<>();
            for (String name : config.authorizationHeaders()) {
                String value = response.getHeaders().get(name);
                if (value != null) {
                    upstream.put(name, value);
                }
            }
            return new Verdict.Allowed(upstream);
        }
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpField field : response.getHeaders()) {
            String name = field.getLowerCaseName();
            if (!NOT_PASSED_ON.contains(name)) {
                headers.putIfAbsent(name, field.getValue());
            }
        }
        byte[] body = response.getContent();
        String message = body.length > 0 ? new String(body, StandardCharsets.UTF_8).strip()
                : "denied by the authorization service (HTTP " + response.getStatus() + ")";
        return new Verdict.Denied(response.getStatus(), headers, ByteBuffer.wrap(body), null, message);
    }

    /**
     * Stops the client on a thread of its own: stopping waits for the client's threads to end, and the thread that
     * closes the filter may be one of the gateway's, which must not block.
     */
    @Override
    public void close() {
        Thread stopping = new Thread(() -> {
            try {
                client.stop();
                stopped.complete(null);
            } catch (Exception e) {
                LOG.warn("the HTTP client of auth_service {} did not stop cleanly", config.address(), e);
                stopped.completeExceptionally(e);
            }
        }, "auth-service-client-stop");
        stopping.setDaemon(true);
        stopping.start();
    }

    /** Completes once a {@link #close() closed} client has stopped. */
    CompletableFuture<Void> stopped() {
        return stopped;
    }
}
