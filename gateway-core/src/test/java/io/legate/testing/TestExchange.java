package io.legate.testing;

import io.legate.plugin.Exchange;
import io.legate.plugin.GatewayFilter;
import io.legate.plugin.RequestBodyFilter;
import io.legate.plugin.ResponseFilter;
import io.legate.plugin.Chain;
import io.legate.plugin.Connection;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An {@link Exchange} for unit tests of a plugin's filter: a request with the headers given (pseudo-headers
 * included), taken by a listener on a port, that records what the filter did. It keeps the SPI's rules (only
 * {@code :authority} of the pseudo-headers can be set, one reply at most). Its connection is a cleartext one
 * from 127.0.0.1 to the listener's port.
 */
public final class TestExchange implements Exchange {

    /** A reply the filter made: {@code message} is set for a rejection, {@code body} for a reply. */
    public record Reply(int status, Map<String, String> headers, ByteBuffer body, String message) {
    }

    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final Map<Class<?>, Record> routeSettings = new HashMap<>();
    private final List<RequestBodyFilter> bodyFilters = new ArrayList<>();
    private final List<ResponseFilter> responseFilters = new ArrayList<>();
    private int localPort = 8080;
    private Reply reply;

    public TestExchange(Map<String, String> headers) {
        this.headers.putAll(headers);
    }

    /** The request came in through a listener on {@code port}. */
    public TestExchange onListenerPort(int port) {
        this.localPort = port;
        return this;
    }

    /** The request is routed by a Mapping with these plugin settings. */
    public TestExchange routedWith(Record... settings) {
        for (Record each : settings) {
            routeSettings.put(each.getClass(), each);
        }
        return this;
    }

    /** Runs {@code filter} on this exchange; returns how many times it called {@code proceed()}. */
    public int run(GatewayFilter filter) {
        int[] proceeded = {0};
        filter.filter(this, new Chain() {
            @Override
            public void proceed() {
                proceeded[0]++;
            }

            @Override
            public void suspend(Duration maxWait) {
                throw new UnsupportedOperationException("TestExchange runs filters that answer before they return");
            }
        });
        return proceeded[0];
    }

    @Override
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public void setHeader(String name, String value) {
        if (name.startsWith(":") && !name.equalsIgnoreCase(":authority")) {
            throw new IllegalArgumentException(name + ": only :authority of the pseudo-headers can be set");
        }
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
    }

    @Override
    public Connection connection() {
        InetSocketAddress local = new InetSocketAddress("127.0.0.1", localPort);
        return new Connection() {
            @Override
            public InetSocketAddress remoteAddress() {
                return new InetSocketAddress("127.0.0.1", 40000);
            }

            @Override
            public InetSocketAddress localAddress() {
                return local;
            }

            @Override
            public boolean secure() {
                return false;
            }

            @Override
            public Optional<String> sni() {
                return Optional.empty();
            }

            @Override
            public Optional<String> tlsProtocol() {
                return Optional.empty();
            }

            @Override
            public List<X509Certificate> peerCertificates() {
                return List.of();
            }
        };
    }

    @Override
    public <T extends Record> Optional<T> routeSettings(Class<T> type) {
        return Optional.ofNullable(type.cast(routeSettings.get(type)));
    }

    @Override
    public void transformRequestBody(RequestBodyFilter filter) {
        bodyFilters.add(filter);
    }

    @Override
    public void onResponse(ResponseFilter filter) {
        responseFilters.add(filter);
    }

    @Override
    public void reply(int status, Map<String, String> headers, ByteBuffer body) {
        replyWith(new Reply(status, Map.copyOf(headers), body, null));
    }

    @Override
    public void reject(int httpStatus, String message) {
        replyWith(new Reply(httpStatus, Map.of(), null, message));
    }

    private void replyWith(Reply next) {
        if (reply != null) {
            throw new IllegalStateException("replied twice: " + reply + ", then " + next);
        }
        reply = next;
    }

    public List<RequestBodyFilter> bodyFilters() {
        return bodyFilters;
    }

    /** In the order they were registered (the gateway calls them in the reverse order). */
    public List<ResponseFilter> responseFilters() {
        return responseFilters;
    }

    public Optional<Reply> reply() {
        return Optional.ofNullable(reply);
    }
}
