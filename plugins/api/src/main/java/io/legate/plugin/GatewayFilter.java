package io.legate.plugin;

/**
 * A plugin's part in handling each request, made by {@link PluginFactory#filter}.
 *
 * <p>{@link #filter} runs once per request, before the request is sent upstream, and ends its part in exactly one
 * of three ways:
 * <ul>
 *   <li>{@link Chain#proceed()}: the request goes on, through the next filters to the upstream;</li>
 *   <li>{@link Exchange#reply} or {@link Exchange#reject}: the gateway answers the caller itself and the request
 *       goes no further;</li>
 *   <li>{@link Chain#suspend}, to do one of the two later, from another thread, once some I/O completed (an
 *       authorization service answered, a rate-limit counter was read).</li>
 * </ul>
 * Doing two of them, proceeding twice, returning with none, or not resuming in time is a broken contract: the
 * gateway answers the caller with an error that names the plugin, and logs it. So does an exception thrown by the
 * filter. To see or change the request body or the response, register a {@link RequestBodyFilter} or a
 * {@link ResponseFilter} on the exchange before proceeding.
 *
 * <p>Filters, body filters and response filters run on the threads that read the connections, the caller's or
 * the upstream's: they must not block (no waiting on network or disk I/O, locks or other threads), or every stream
 * of that connection waits with them. I/O is started, and the chain suspended until it completes.
 *
 * <p>A filter is made for one configuration of the gateway and {@linkplain #close() closed} once a newer
 * configuration replaced it and the requests it was filtering ended: release what it holds there (clients,
 * connections, timers).
 */
@FunctionalInterface
public interface GatewayFilter extends AutoCloseable {

    void filter(Exchange exchange, Chain chain);

    /** Releases what the filter holds; the default holds nothing. Must not throw. */
    @Override
    default void close() {
    }
}
