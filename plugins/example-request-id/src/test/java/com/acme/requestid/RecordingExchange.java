package com.acme.requestid;

import io.legate.plugin.Exchange;
import io.legate.plugin.RequestBodyFilter;
import io.legate.plugin.ResponseFilter;
import jakarta.servlet.http.HttpServletRequest;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** An exchange that keeps the request headers and the response filters a filter registers; nothing else works. */
final class RecordingExchange implements Exchange {

    final Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    final List<ResponseFilter> responseFilters = new ArrayList<>();

    RecordingExchange(Map<String, String> headers) {
        this.headers.putAll(headers);
    }

    @Override
    public String header(String name) {
        return headers.get(name);
    }

    @Override
    public void setHeader(String name, String value) {
        headers.put(name, value);
    }

    @Override
    public void onResponse(ResponseFilter filter) {
        responseFilters.add(filter);
    }

    @Override
    public HttpServletRequest servletRequest() {
        throw new UnsupportedOperationException();
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
    public void reply(int status, Map<String, String> headers, ByteBuffer body) {
        throw new UnsupportedOperationException();
    }

    @Override
    public void reject(int httpStatus, String message) {
        throw new UnsupportedOperationException();
    }
}
