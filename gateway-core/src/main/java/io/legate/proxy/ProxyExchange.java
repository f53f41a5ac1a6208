package io.legate.proxy;

import io.legate.metrics.RequestMeter;
import io.legate.plugin.Exchange;
import io.legate.plugin.RequestBodyFilter;
import io.legate.plugin.ResponseFilter;
import io.legate.routing.RequestFacts;
import io.legate.routing.RouteMatch;
import io.legate.routing.RouteTable;
import jakarta.servlet.http.HttpServletRequest;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * One request through the forwarder: what the filters changed in its head, its route (matched lazily, and again
 * after a filter changed what routing sees), the body and response hooks they registered, a reply one of them
 * made, and what measures it.
 */
final class ProxyExchange implements Exchange {

    private final HttpServletRequest request;
    private final RouteTable routes;
    private final Map<String, String> changedHeaders = new LinkedHashMap<>();
    private final List<RequestBodyFilter> bodyFilters = new ArrayList<>(0);
    private final ResponseHooks responseHooks = new ResponseHooks();
    private final RequestMeter meter;
    private RouteMatch route;
    private boolean routed;
    private String plugin;
    private boolean forwarding;
    private Reply reply;
    private long timeoutMs;
    private long startedNanos;

    /** What a filter answered instead of proceeding. */
    sealed interface Reply permits Raw, Local {
    }

    record Raw(int status, Map<String, String> headers, ByteBuffer body) implements Reply {
    }

    record Local(LocalReply reply) implements Reply {
    }

    ProxyExchange(HttpServletRequest request, RouteTable routes, RequestMeter meter) {
        this.request = request;
        this.routes = routes;
        this.meter = meter;
    }

    @Override
    public HttpServletRequest servletRequest() {
        return request;
    }

    @Override
    public String header(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (changedHeaders.containsKey(key)) {
            return changedHeaders.get(key);
        }
        return switch (key) {
            case ":method" -> request.getMethod();
            case ":scheme" -> request.getScheme();
            case ":authority" -> CallerAuthority.of(request);
            case ":path" -> request.getQueryString() == null ? request.getRequestURI()
                    : request.getRequestURI() + "?" + request.getQueryString();
            default -> request.getHeader(key);
        };
    }

    @Override
    public void setHeader(String name, String value) {
        String key = name.toLowerCase(Locale.ROOT);
        if (key.equals("host")) {
            key = ":authority";
        }
        if (key.startsWith(":") && !key.equals(":authority")) {
            throw new IllegalArgumentException(name + ": only :authority of the pseudo-headers can be set");
        }
        changedHeaders.put(key, value);
        routed = false;
    }

    @Override
    public <T extends Record> Optional<T> routeSettings(Class<T> type) {
        RouteMatch match = route();
        return match == null ? Optional.empty() : match.route().settings(type);
    }

    @Override
    public void transformRequestBody(RequestBodyFilter filter) {
        bodyFilters.add(new NamedBodyFilter(plugin, filter));
    }

    @Override
    public void onResponse(ResponseFilter filter) {
        responseHooks.add(plugin, filter);
    }

    @Override
    public void reply(int status, Map<String, String> headers, ByteBuffer body) {
        replyWith(new Raw(status, Map.copyOf(headers), body == null ? ByteBuffer.allocate(0) : body.slice()));
    }

    @Override
    public void reject(int httpStatus, String message) {
        replyWith(new Local(new LocalReply(GrpcStatus.forHttp(httpStatus), message, httpStatus)));
    }

    private void replyWith(Reply next) {
        if (reply != null) {
            throw PluginFailure.contract(plugin, "replied twice");
        }
        if (forwarding) {
            throw PluginFailure.contract(plugin, "replied after the chain went on to the upstream");
        }
        reply = next;
    }

    /** The route, matched now if the head changed since (or was never matched); null when none matches. */
    RouteMatch route() {
        if (!routed) {
            route = routes.match(facts()).orElse(null);
            routed = true;
        }
        return route;
    }

    private RequestFacts facts() {
        return new RequestFacts(request.getMethod(), request.getScheme(), header(":authority"), request.getRequestURI(),
                request.getQueryString(), this::header);
    }

    /** Marks the plugin whose filter runs now, for the errors that must name it; returns the one before. */
    String enter(String next) {
        String previous = plugin;
        plugin = next;
        return previous;
    }

    void forwarding() {
        forwarding = true;
    }

    boolean replied() {
        return reply != null;
    }

    Reply reply() {
        return reply;
    }

    /** The headers filters set (null: removed), by lower-case name, {@code :authority} included. */
    Map<String, String> changedHeaders() {
        return changedHeaders;
    }

    List<RequestBodyFilter> bodyFilters() {
        return bodyFilters;
    }

    ResponseHooks responseHooks() {
        return responseHooks;
    }

    RequestMeter meter() {
        return meter;
    }

    /** A body filter that names its plugin when it fails. */
    private record NamedBodyFilter(String plugin, RequestBodyFilter filter) implements RequestBodyFilter {
        @Override
        public ByteBuffer onBody(ByteBuffer chunk, boolean last) {
            try {
                return filter.onBody(chunk, last);
            } catch (IllegalArgumentException e) {
                throw PluginFailure.badRequest(e);
            } catch (RuntimeException e) {
                throw PluginFailure.thrown(plugin, "its request body filter", e);
            }
        }
    }

    /** The exchange with the upstream starts now, with this timeout (0 for none). */
    void startDeadline(long timeoutMs) {
        this.timeoutMs = timeoutMs;
        this.startedNanos = System.nanoTime();
    }

    long timeoutMs() {
        return timeoutMs;
    }

    /**
     * The caller's {@code grpc-timeout} travels upstream too, and the upstream may give up (reset the stream) a
     * moment before the gateway's own timer fires: past the deadline, any failure is the deadline's.
     */
    boolean pastDeadline() {
        return timeoutMs > 0 && System.nanoTime() - startedNanos >= TimeUnit.MILLISECONDS.toNanos(timeoutMs);
    }
}
