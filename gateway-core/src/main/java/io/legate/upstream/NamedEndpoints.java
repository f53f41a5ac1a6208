package io.legate.upstream;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.UnknownHostException;

/** Endpoint addresses under the upstream's host name, which TLS takes from the address it connects to. */
public final class NamedEndpoints {

    private NamedEndpoints() {
    }

    /**
     * {@code endpoint} under {@code host}: TLS sends it as SNI and verifies the certificate against it. No name is
     * looked up.
     */
    public static InetSocketAddress of(InetSocketAddress endpoint, String host) {
        try {
            return new InetSocketAddress(InetAddress.getByAddress(host, endpoint.getAddress().getAddress()),
                    endpoint.getPort());
        } catch (UnknownHostException e) {
            // getByAddress refuses only addresses of neither 4 nor 16 bytes, which an InetAddress never has.
            throw new IllegalStateException(e);
        }
    }
}
