package io.legate.plugin;

/**
 * A plugin's part in handling each request, made by {@link PluginFactory#filter}.
 *
 * <p>{@link #filter} runs once per request, on the request's thread, before the request is sent upstream. It
 * must end in exactly one of two ways, before it returns:
 * <ul>
 *   <li>{@link Chain#proceed()}: the request goes on, through the next filters to the upstream;</li>
 *   <li>{@link Exchange#reply}: the gateway answers the caller itself and the request goes no further.</li>
 * </ul>
 * Doing both, proceeding twice, or neither is a broken contract: the gateway answers the caller with an internal
 * error that names the plugin, and logs it. So does an exception thrown by the filter. To see or change the
 * request body or the response, register a {@link RequestBodyFilter} or a {@link ResponseFilter} on the exchange
 * before proceeding.
 *
 * <p>Filters, body filters and response filters run on the threads that read the connections, the caller's or
 * the upstream's, as the rest of the forwarder does: they must not block (no network or disk I/O, no waiting on
 * locks or other threads), or every stream of that connection waits with them.
 */
@FunctionalInterface
public interface GatewayFilter {

    void filter(Exchange exchange, Chain chain);
}
