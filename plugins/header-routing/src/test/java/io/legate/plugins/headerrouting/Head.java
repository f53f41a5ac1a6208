package io.legate.plugins.headerrouting;

import io.legate.plugin.RequestHead;
import jakarta.servlet.http.HttpServletRequest;

import java.util.Map;
import java.util.TreeMap;

/** A request head with the headers given (pseudo-headers included), looked up case-insensitively as the SPI says. */
final class Head implements RequestHead {

    private final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);

    private Head(Map<String, String> headers) {
        this.headers.putAll(headers);
    }

    /** A gRPC call to {@code path} for {@code authority}, over cleartext, with the extra headers given. */
    static Head grpc(String authority, String path, Map<String, String> extra) {
        Map<String, String> headers = new TreeMap<>(extra);
        headers.put(":method", "POST");
        headers.put(":scheme", "http");
        headers.put(":authority", authority);
        headers.put(":path", path);
        headers.put("content-type", "application/grpc");
        return new Head(headers);
    }

    @Override
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public HttpServletRequest servletRequest() {
        throw new UnsupportedOperationException("header conditions read the head only");
    }
}
