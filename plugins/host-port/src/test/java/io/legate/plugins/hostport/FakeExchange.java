package io.legate.plugins.hostport;

import io.legate.plugin.Exchange;
import io.legate.plugin.RequestBodyFilter;
import io.legate.plugin.ResponseFilter;
import jakarta.servlet.http.HttpServletRequest;

import java.lang.reflect.Proxy;
import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An exchange for a request taken by a listener on {@code localPort}, with the headers given: as much of
 * {@link Exchange} as the host-port filter uses, keeping its rules for pseudo-headers. The rest is not supported.
 */
final class FakeExchange implements Exchange {

    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    private final HttpServletRequest servletRequest;

    FakeExchange(int localPort, Map<String, String> headers) {
        this.headers.putAll(headers);
        this.servletRequest = (HttpServletRequest) Proxy.newProxyInstance(getClass().getClassLoader(),
                new Class<?>[] {HttpServletRequest.class}, (proxy, method, args) -> {
                    if (method.getName().equals("getLocalPort")) {
                        return localPort;
                    }
                    throw new UnsupportedOperationException(method.getName());
                });
    }

    @Override
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public HttpServletRequest servletRequest() {
        return servletRequest;
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
        throw new UnsupportedOperationException();
    }

    @Override
    public void transformRequestBody(RequestBodyFilter filter) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void onResponse(ResponseFilter filter) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void reply(int status, Map<String, String> headers, ByteBuffer body) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void reject(int httpStatus, String message) {
        throw new UnsupportedOperationException();
    }
}
