package com.acme.requestid;

/**
 * The {@code request_id} plugin's settings, from the {@code ambassador} Module's {@code spec.config.request_id}.
 *
 * @param header the request header that carries the id; {@code x-request-id} when not set
 * @param echo   whether the id is also sent back on the response headers; true when not set
 */
public record RequestIdSettings(String header, Boolean echo) {

    public static final String DEFAULT_HEADER = "x-request-id";

    public RequestIdSettings {
        header = header == null ? DEFAULT_HEADER : header;
        echo = echo == null || echo;
    }
}
