package io.legate.plugins.grpcweb;

import io.legate.testing.TestResponse;
import io.legate.plugin.Chain;
import io.legate.plugin.Exchange;
import io.legate.plugin.RequestBodyFilter;
import io.legate.plugin.ResponseFilter;
import io.legate.plugin.Connection;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One request through a filter, held to the SPI's contract: proceeding twice, replying after proceeding, or
 * setting a pseudo-header other than {@code :authority} fails, as the gateway would. It then plays the
 * registered body and response filters as the gateway calls them.
 */
final class FakeExchange implements Exchange {

    final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final List<RequestBodyFilter> bodyFilters = new ArrayList<>();
    final List<ResponseFilter> responseFilters = new ArrayList<>();
    GrpcWebSettings routeSettings;
    int routeLookups;
    boolean proceeded;
    TestResponse reply;

    FakeExchange(String method, String path, String... namesAndValues) {
        headers.put(":method", method);
        headers.put(":path", path);
        headers.put(":scheme", "http");
        headers.put(":authority", "gateway.example");
        for (int i = 0; i < namesAndValues.length; i += 2) {
            headers.put(namesAndValues[i], namesAndValues[i + 1]);
        }
    }

    Chain chain() {
        return new Chain() {
            @Override
            public void proceed() {
                if (proceeded || reply != null) {
                    throw new IllegalStateException("proceeded " + (proceeded ? "twice" : "after replying"));
                }
                proceeded = true;
            }

            @Override
            public void suspend(java.time.Duration maxWait) {
                throw new UnsupportedOperationException("gRPC-Web's filter never waits");
            }
        };
    }

    @Override
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public Connection connection() {
        throw new UnsupportedOperationException("the filter reads the request through header()");
    }

    @Override
    public void setHeader(String name, String value) {
        if (name.startsWith(":") && !name.equals(":authority")) {
            throw new IllegalArgumentException(name);
        }
        if (value == null) {
            headers.remove(name);
        } else {
            headers.put(name, value);
        }
    }

    @Override
    public <T extends Record> Optional<T> routeSettings(Class<T> type) {
        routeLookups++;
        return type.isInstance(routeSettings) ? Optional.of(type.cast(routeSettings)) : Optional.empty();
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
    public void reply(int status, Map<String, String> replyHeaders, ByteBuffer body) {
        if (proceeded || reply != null) {
            throw new IllegalStateException("replied " + (proceeded ? "after proceeding" : "twice"));
        }
        reply = respondHeaders(status, replyHeaders);
    }

    @Override
    public void reject(int httpStatus, String message) {
        throw new UnsupportedOperationException("this plugin never rejects: " + httpStatus + " " + message);
    }

    /** The request body the upstream gets for {@code chunks}, the last ending the body. */
    byte[] sendBody(byte[]... chunks) {
        ByteArrayOutputStream upstream = new ByteArrayOutputStream();
        for (int i = 0; i < chunks.length; i++) {
            ByteBuffer chunk = ByteBuffer.wrap(chunks[i]);
            for (RequestBodyFilter filter : bodyFilters) {
                chunk = filter.onBody(chunk, i == chunks.length - 1);
            }
            upstream.writeBytes(Frames.bytes(chunk));
        }
        return upstream.toByteArray();
    }

    /** The response headers after the response filters saw them, last registered first. */
    TestResponse respondHeaders(int status, Map<String, String> responseHeaders) {
        TestResponse response = new TestResponse(status, responseHeaders);
        for (int i = responseFilters.size() - 1; i >= 0; i--) {
            responseFilters.get(i).onHeaders(response);
        }
        return response;
    }

    /** What the caller gets for a whole upstream response: its body after every filter; {@code trailers} changed in place. */
    byte[] respondBody(TestResponse response, Map<String, String> trailers, byte[]... chunks) {
        ByteArrayOutputStream caller = new ByteArrayOutputStream();
        for (byte[] bytes : chunks) {
            ByteBuffer chunk = ByteBuffer.wrap(bytes);
            for (int i = responseFilters.size() - 1; i >= 0; i--) {
                chunk = responseFilters.get(i).onBody(chunk);
            }
            if (chunk.hasRemaining()) {
                response.committed = true;
            }
            caller.writeBytes(Frames.bytes(chunk));
        }
        for (int i = responseFilters.size() - 1; i >= 0; i--) {
            caller.writeBytes(Frames.bytes(responseFilters.get(i).onEnd(response, trailers)));
        }
        return caller.toByteArray();
    }
}
