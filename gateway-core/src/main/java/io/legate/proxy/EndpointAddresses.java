package io.legate.proxy;

import io.legate.upstream.NamedEndpoints;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.client.Destination;
import org.eclipse.jetty.util.Promise;
import org.eclipse.jetty.util.SocketAddressResolver;

/**
 * HttpClient's address look-up, answered from the endpoint each request was tagged with: the balancer picked the
 * address, and the request keeps its upstream's host name for {@code Host}, SNI and certificate checks. Every
 * endpoint gets a connection pool of its own (a tag sets a destination apart), and no look-up blocks a thread.
 */
final class EndpointAddresses implements SocketAddressResolver {

    @Override
    public void resolve(String host, int port, Map<String, Object> context, Promise<List<InetSocketAddress>> promise) {
        Object destination = context.get(Destination.CONTEXT_KEY);
        Object tag = destination instanceof Destination tagged ? tagged.getOrigin().getTag() : null;
        InetSocketAddress endpoint = tag instanceof EndpointPool pool ? pool.address()
                : tag instanceof InetSocketAddress address ? address : null;
        if (endpoint != null) {
            // Under the service's name, which TLS takes from the address: an Endpoints resource lists bare IPs.
            promise.succeeded(List.of(NamedEndpoints.of(endpoint, host)));
        } else {
            promise.failed(new UnknownHostException(host + ": no endpoint was picked for the request"));
        }
    }
}
