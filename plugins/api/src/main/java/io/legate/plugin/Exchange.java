package io.legate.plugin;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.Optional;

/**
 * One request on its way through the filter chain, and what the filters arrange for its body and response. Used
 * by one thread at a time: the filter's, or, after {@link Chain#suspend}, the thread that resumes the chain.
 */
public interface Exchange extends RequestHead {

    /** The caller's connection: its addresses, the listener's port, and TLS. */
    Connection connection();

    /**
     * Sets a request header for routing and for the upstream (null removes it). Of the pseudo-headers only
     * {@code :authority} may be set; it replaces the {@code Host} of an HTTP/1.1 request.
     *
     * @throws IllegalArgumentException for another pseudo-header
     */
    void setHeader(String name, String value);

    /**
     * The settings of type {@code type} of the Mapping this request is routed by ({@code spec.plugins.<name>} and
     * the plugin's {@link PluginFactory#mappingKeys() Mapping fields}), or empty when no Mapping routes it or that
     * Mapping does not configure the plugin. Routes the request if it was not routed yet.
     */
    <T extends Record> Optional<T> routeSettings(Class<T> type);

    /** Sends the request body through {@code filter} on its way upstream, after those registered before it. */
    void transformRequestBody(RequestBodyFilter filter);

    /** Lets {@code filter} see and change the response, before those registered earlier. */
    void onResponse(ResponseFilter filter);

    /**
     * Answers the caller and ends the chain: {@code status}, {@code headers} and {@code body} as given, after
     * the response filters registered so far saw them. Call {@link Chain#proceed()} no more.
     */
    void reply(int status, Map<String, String> headers, ByteBuffer body);

    /**
     * Answers the caller with an error and ends the chain, in the caller's protocol: a gRPC caller gets a
     * trailers-only reply whose {@code grpc-status} is the usual mapping of {@code httpStatus} (401 becomes
     * UNAUTHENTICATED, 403 PERMISSION_DENIED, 404 UNIMPLEMENTED, 429 and 503 UNAVAILABLE, ...) and whose
     * {@code grpc-message} is {@code message}; another caller gets {@code httpStatus} and a short JSON body.
     */
    void reject(int httpStatus, String message);
}
