package io.legate.proxy;

import io.legate.plugin.Connection;
import io.legate.plugin.Exchange;
import io.legate.plugin.RequestBodyFilter;
import io.legate.plugin.ResponseFilter;
import io.legate.routing.RequestFacts;
import io.legate.routing.RouteMatch;
import io.legate.routing.RouteTable;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpURI;
import org.eclipse.jetty.server.Request;

/**
 * What the plugins see of one call and arrange for it: the head as they changed it, its route (matched lazily,
 * and again after a filter changed what routing sees), the body and response filters they registered, and a reply
 * one of them made instead of proceeding.
 */
final class CallExchange implements Exchange {

    private final Request request;
    private final RouteTable routes;
    // Made when a filter first needs them: a call through an idle chain allocates none.
    private Map<String, String> changedHeaders = Map.of();
    private List<RequestBodyFilter> bodyFilters = List.of();
    private ResponseHooks responseHooks = ResponseHooks.NONE;
    private Connection connection;
    private RouteMatch route;
    private boolean routed;
    private String plugin;
    private boolean forwarding;
    private FilterReply reply;
    private ChainRun.Step step;
    private ChainRun.Step suspended;

    CallExchange(Request request, RouteTable routes) {
        this.request = request;
        this.routes = routes;
    }

    @Override
    public Connection connection() {
        if (connection == null) {
            connection = new CallerConnection(request);
        }
        return connection;
    }

    @Override
    public String header(String name) {
        String key = name.toLowerCase(Locale.ROOT);
        if (!changedHeaders.isEmpty() && changedHeaders.containsKey(key)) {
            return changedHeaders.get(key);
        }
        HttpURI uri = request.getHttpURI();
        return switch (key) {
            case ":method" -> request.getMethod();
            case ":scheme" -> uri.getScheme();
            case ":authority" -> authority(request);
            case ":path" -> uri.getQuery() == null ? uri.getPath() : uri.getPath() + "?" + uri.getQuery();
            default -> request.getHeaders().get(key);
        };
    }

    /** The authority the caller asked for, as sent: {@code Host} over HTTP/1.1, {@code :authority} over HTTP/2. */
    static String authority(Request request) {
        String host = request.getHeaders().get(HttpHeader.HOST);
        return host != null ? host : request.getHttpURI().getAuthority();
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
        if (changedHeaders.isEmpty()) {
            changedHeaders = new LinkedHashMap<>();
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
        if (bodyFilters.isEmpty()) {
            bodyFilters = new ArrayList<>(1);
        }
        bodyFilters.add(new NamedBodyFilter(plugin, filter));
    }

    @Override
    public void onResponse(ResponseFilter filter) {
        if (responseHooks == ResponseHooks.NONE) {
            responseHooks = new ResponseHooks();
        }
        responseHooks.add(plugin, filter);
    }

    @Override
    public void reply(int status, Map<String, String> headers, ByteBuffer body) {
        replyWith(new FilterReply.Raw(status, Map.copyOf(headers), body == null ? ByteBuffer.allocate(0) : body.slice()));
    }

    @Override
    public void reject(int httpStatus, String message) {
        replyWith(new FilterReply.Local(new GatewayReply(GrpcStatus.forHttp(httpStatus), message, httpStatus)));
    }

    private void replyWith(FilterReply next) {
        ChainRun.Step step = suspended != null ? suspended : this.step;
        String plugin = step != null ? step.plugin() : this.plugin;
        if (forwarding || reply != null) {
            String broken = forwarding ? "replied after the chain went on to the upstream" : "replied twice";
            throw step != null ? step.broken(broken) : PluginFailure.contract(plugin, broken);
        }
        reply = next;
        if (step != null) {
            step.replied();
        }
    }

    /** The route, matched now if the head changed since (or was never matched); null when none matches. */
    RouteMatch route() {
        if (!routed) {
            HttpURI uri = request.getHttpURI();
            route = routes.match(new RequestFacts(request.getMethod(), uri.getScheme(), header(":authority"),
                    uri.getPath(), uri.getQuery(), this::header)).orElse(null);
            routed = true;
        }
        return route;
    }

    /** Marks the filter that runs now, for the errors that must name its plugin; returns the one before. */
    ChainRun.Step enter(ChainRun.Step next) {
        ChainRun.Step previous = step;
        step = next;
        plugin = next == null ? null : next.plugin();
        return previous;
    }

    /** The chain waits on {@code step}'s filter (null: on none), which may reply from any thread. */
    void suspendedAt(ChainRun.Step step) {
        suspended = step;
    }

    void forwarding() {
        forwarding = true;
    }

    boolean replied() {
        return reply != null;
    }

    FilterReply reply() {
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
}
