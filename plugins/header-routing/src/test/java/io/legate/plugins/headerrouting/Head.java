package io.legate.plugins.headerrouting;

import io.legate.plugin.RequestHead;

import java.util.Map;
import java.util.TreeMap;

/** Request heads for tests: the headers given, pseudo-headers included, looked up case-insensitively as the SPI says. */
final class Head {

    private Head() {
    }

    /** A gRPC call to {@code path} for {@code authority}, over cleartext, with the extra headers given. */
    static RequestHead grpc(String authority, String path, Map<String, String> extra) {
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        headers.putAll(extra);
        headers.put(":method", "POST");
        headers.put(":scheme", "http");
        headers.put(":authority", authority);
        headers.put(":path", path);
        headers.put("content-type", "application/grpc");
        return headers::get;
    }
}
