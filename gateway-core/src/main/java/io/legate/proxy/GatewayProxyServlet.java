package io.legate.proxy;

import io.legate.metrics.GatewayMetrics;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.util.function.IntSupplier;
import java.util.function.Function;
import org.eclipse.jetty.client.HttpClient;
import org.eclipse.jetty.ee10.proxy.ProxyServlet;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * The forwarder's entry point: each request becomes a {@link ProxyCall}, which routes it, runs the plugins'
 * filters, forwards it and answers the caller with Jetty's non-blocking core API, below the servlet streams. The
 * servlet only starts the call and lets the container end it.
 */
public final class GatewayProxyServlet extends ProxyServlet {

    private final Function<HttpServletRequest, ServedSnapshot> served;
    private final Forwarder forwarder;

    /**
     * @param served    the routes, plugin filters and Host policies serving a request, and the routes' metrics;
     *                  read once per request
     * @param httpsPort the TLS listener's port, for redirects; -1 while it is closed
     */
    public GatewayProxyServlet(Function<HttpServletRequest, ServedSnapshot> served, IntSupplier httpsPort,
                               UpstreamClients clients, GatewayMetrics metrics) {
        this.served = served;
        this.forwarder = new Forwarder(clients, metrics, httpsPort);
    }

    @Override
    protected HttpClient createHttpClient() {
        // The base class wants one client; each call picks its own per route.
        return forwarder.clients().defaultClient();
    }

    @Override
    public void destroy() {
        // The clients belong to the server's lifecycle, not to this servlet.
    }

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) {
        AsyncContext async = request.startAsync();
        // The call ends itself, on every path; the container's timeout would cut long streams.
        async.setTimeout(0);
        new ProxyCall(forwarder, served.apply(request), ServletContextRequest.getServletContextRequest(request), async).start();
    }
}
