package io.legate.upstream;

import io.legate.routing.EndpointSource;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The endpoints of a service host: every address it resolves to, asked again every {@value #EVERY_SECONDS} s on
 * a thread of its own (a look-up blocks), never on a call's. A look-up that fails keeps the addresses of the last
 * one that did not. An address literal is its own one endpoint.
 */
final class DnsResolution implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(DnsResolution.class);
    private static final long EVERY_SECONDS = 5;
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Cluster cluster;
    private final String host;
    private final int port;
    private final EndpointSource.Dns dns;
    private final ScheduledExecutorService lookups;
    private volatile boolean closed;
    private volatile ScheduledFuture<?> next;
    private List<InetSocketAddress> last = List.of();

    private DnsResolution(Cluster cluster, String host, int port, EndpointSource.Dns dns,
                          ScheduledExecutorService lookups) {
        this.cluster = cluster;
        this.host = host;
        this.port = port;
        this.dns = dns;
        this.lookups = lookups;
    }

    /** Gives {@code cluster} the endpoints of {@code host}, now and as they change, until closed. */
    static AutoCloseable start(Cluster cluster, String host, int port, EndpointSource.Dns dns,
                               ScheduledExecutorService lookups) {
        if (isLiteral(host)) {
            cluster.endpoints(List.of(new InetSocketAddress(host, port)), null);
            return () -> { };
        }
        DnsResolution resolution = new DnsResolution(cluster, host, port, dns, lookups);
        resolution.resolveLater(0);
        return resolution;
    }

    private static boolean isLiteral(String host) {
        return host.indexOf(':') >= 0 || IPV4.matcher(host).matches();
    }

    private void resolveLater(long delaySeconds) {
        if (closed) {
            return;
        }
        try {
            next = lookups.schedule(this::resolve, delaySeconds, TimeUnit.SECONDS);
        } catch (RejectedExecutionException stopping) {
            // The gateway is stopping.
        }
    }

    private void resolve() {
        if (closed) {
            return;
        }
        try {
            List<InetSocketAddress> addresses = endpoints(InetAddress.getAllByName(host));
            if (!addresses.equals(last)) {
                LOG.info("{} resolves to {}", host, addresses);
            }
            last = addresses;
            cluster.endpoints(addresses, null);
        } catch (UnknownHostException e) {
            if (last.isEmpty()) {
                cluster.endpoints(List.of(), "upstream host " + host + " does not resolve: " + e.getMessage());
            } else {
                LOG.warn("{} does not resolve any more ({}); its last addresses {} stay in use", host, e.getMessage(),
                        last);
            }
        } finally {
            resolveLater(EVERY_SECONDS);
        }
    }

    /** IPv4 addresses only unless IPv6 is asked for or there is no IPv4 one, as Emissary's {@code enable_ipv6}. */
    private List<InetSocketAddress> endpoints(InetAddress[] resolved) {
        boolean anyV4 = Arrays.stream(resolved).anyMatch(Inet4Address.class::isInstance);
        return Arrays.stream(resolved)
                .filter(address -> dns.ipv6() || !anyV4 || address instanceof Inet4Address)
                .map(address -> new InetSocketAddress(address, port))
                .distinct()
                .sorted((a, b) -> a.toString().compareTo(b.toString()))
                .toList();
    }

    @Override
    public void close() {
        closed = true;
        ScheduledFuture<?> task = next;
        if (task != null) {
            task.cancel(false);
        }
    }
}
