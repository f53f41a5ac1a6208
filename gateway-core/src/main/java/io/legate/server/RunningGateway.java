package io.legate.server;

import io.legate.routing.RouteTable;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A started gateway: the traffic server and the extensions started with it, stopped together. */
public final class RunningGateway implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningGateway.class);

    private final LegateServer server;
    private final List<GatewayExtension> extensions;
    private final GatewayContext context;

    RunningGateway(LegateServer server, List<GatewayExtension> extensions, GatewayContext context) {
        this.server = server;
        this.extensions = List.copyOf(extensions);
        this.context = context;
    }

    /** The port the cleartext listener is bound to. */
    public int httpPort() {
        return server.httpPort();
    }

    /** The port the TLS listener is bound to; -1 while no certificate is configured. */
    public int httpsPort() {
        return server.httpsPort();
    }

    public RouteTable routes() {
        return server.routes();
    }

    public GatewayContext context() {
        return context;
    }

    /** What the extensions listen on, e.g. {@code [admin 127.0.0.1:8877]}. */
    public List<String> extensionListeners() {
        return extensions.stream().map(GatewayExtension::listener).flatMap(Optional::stream).toList();
    }

    public void join() throws InterruptedException {
        server.join();
    }

    /** Stops the extensions first, so that nothing changes the routes while requests in flight drain. */
    @Override
    public void close() throws Exception {
        try {
            stopAll(extensions);
        } finally {
            server.close();
        }
    }

    /** Stops {@code extensions} in reverse order; a failure is logged and the others still stop. */
    static void stopAll(List<GatewayExtension> extensions) {
        List<GatewayExtension> reversed = new ArrayList<>(extensions);
        Collections.reverse(reversed);
        for (GatewayExtension extension : reversed) {
            try {
                extension.stop();
            } catch (Exception e) {
                LOG.warn("extension {} did not stop cleanly", extension.name(), e);
            }
        }
    }
}
