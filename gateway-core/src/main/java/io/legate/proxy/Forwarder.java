package io.legate.proxy;

import io.legate.metrics.GatewayMetrics;
import java.util.function.IntSupplier;

/**
 * What every call through one gateway shares.
 *
 * @param httpsPort the TLS listener's port, for redirects; -1 while it is closed
 */
record Forwarder(UpstreamClients clients, GatewayMetrics metrics, IntSupplier httpsPort) {
}
