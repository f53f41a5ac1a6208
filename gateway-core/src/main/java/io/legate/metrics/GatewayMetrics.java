package io.legate.metrics;

import io.legate.routing.RouteTable;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.instrumentation.jvm.JvmBufferPoolMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmClassLoadingMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmCompilationMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmGarbageCollectorMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmMemoryMetrics;
import io.prometheus.metrics.instrumentation.jvm.JvmRuntimeInfoMetric;
import io.prometheus.metrics.instrumentation.jvm.JvmThreadsMetrics;
import io.prometheus.metrics.instrumentation.jvm.ProcessMetrics;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.function.DoubleSupplier;
import org.eclipse.jetty.server.Request;

/**
 * The metrics of one gateway, in a registry of its own (never Prometheus' default one), so that gateways started
 * side by side in one JVM count apart: its requests, route tables and upstream failures, the JVM's and the
 * process's. Other parts add theirs to {@link #registry()}.
 */
public final class GatewayMetrics {

    /**
     * From a local unary call (well under a millisecond through the gateway) to long streams; the sub-millisecond
     * buckets are the ones a gateway's own cost shows in.
     */
    private static final double[] DURATION_BUCKETS = {
            0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 300};

    private final PrometheusRegistry registry = new PrometheusRegistry();
    // Exemplars are off: with no tracer to sample from they would only cost a check on every count.
    private final Counter requests = Counter.builder()
            .name("legate_requests_total")
            .help("Requests answered, by the Mapping that routed them (\"\" for none), the HTTP status and the"
                    + " grpc-status the caller got (\"\" when not gRPC)")
            .labelNames("mapping", "code", "grpc_status")
            .withoutExemplars()
            .register(registry);
    private final Histogram durations = Histogram.builder()
            .name("legate_request_duration_seconds")
            .help("From the start of a request to the end of its reply, trailers included, by Mapping")
            .unit(Unit.SECONDS)
            .labelNames("mapping")
            .classicOnly()
            .classicUpperBounds(DURATION_BUCKETS)
            .withoutExemplars()
            .register(registry);
    private final Counter upstreamFailures = Counter.builder()
            .name("legate_upstream_failures_total")
            .help("Upstream exchanges that failed, by Mapping and reason (unreachable, tls, timeout, reset)")
            .labelNames("mapping", "reason")
            .withoutExemplars()
            .register(registry);
    private final Counter routeTableSwaps = Counter.builder()
            .name("legate_route_table_swaps_total")
            .help("Route tables swapped in since start (each accepted change of resources swaps one)")
            .withoutExemplars()
            .register(registry);
    // Read at scrape time rather than a Gauge: two contended atomic updates fewer per request.
    private final RequestsInFlight inFlight;
    private final CallLog callLog;
    private final MappingMetrics unrouted = mapping("");
    private final Refusals refusals = new Refusals(registry);

    /**
     * @param maxRequestsInFlight requests served at once ({@code limits.max_requests_in_flight}), 0 for no limit
     * @param callLog             told of each call once it ended
     */
    public GatewayMetrics(int maxRequestsInFlight, CallLog callLog) {
        this.inFlight = new RequestsInFlight(maxRequestsInFlight);
        this.callLog = callLog;
        gauge("legate_requests_in_flight", "Requests whose reply has not ended yet", inFlight::count);
        registerJvmMetrics();
    }

    /**
     * The JVM and process metrics, each registered apart: {@code JvmMetrics.builder()} keeps every registry it
     * ever saw in a static set. Left out: the memory pools' allocation counters, which add listeners to the JVM's
     * MXBeans that would outlive this gateway, and native memory, which needs {@code -XX:NativeMemoryTracking}.
     */
    private void registerJvmMetrics() {
        JvmThreadsMetrics.builder().register(registry);
        JvmMemoryMetrics.builder().register(registry);
        JvmGarbageCollectorMetrics.builder().register(registry);
        JvmBufferPoolMetrics.builder().register(registry);
        JvmClassLoadingMetrics.builder().register(registry);
        JvmCompilationMetrics.builder().register(registry);
        JvmRuntimeInfoMetric.builder().register(registry);
        ProcessMetrics.builder().register(registry);
    }

    /** What {@code GET /metrics} shows; other parts of the gateway register their metrics here. */
    public PrometheusRegistry registry() {
        return registry;
    }

    /** A gauge read when the metrics are scraped. */
    public void gauge(String name, String help, DoubleSupplier value) {
        GaugeWithCallback.builder()
                .name(name)
                .help(help)
                .callback(callback -> callback.call(value.getAsDouble()))
                .register(registry);
    }

    /** Binds the data points of {@code table}'s Mappings, once, before the table serves. */
    public RouteMetrics bind(RouteTable table) {
        return new RouteMetrics(table.routes().stream().map(route -> mapping(route.name())).toList(), unrouted);
    }

    /** {@code legate_refused_total}, counted by the limits against hostile peers. */
    public Refusals refusals() {
        return refusals;
    }

    public void routeTableSwapped() {
        routeTableSwaps.inc();
    }

    /**
     * Starts measuring {@code request}, which is counted once, when Jetty ends its stream: after the last byte
     * of the reply, or when the stream failed (the caller went away). A request over the limit of requests in
     * flight is measured too, as not {@link RequestMeter#admitted()}.
     */
    public RequestMeter meter(Request request) {
        RequestMeter meter = new RequestMeter(this, request, inFlight.enter(), unrouted);
        request.addHttpStreamWrapper(meter);
        return meter;
    }

    void ended(RequestMeter call) {
        inFlight.leave();
        callLog.ended(call);
    }

    private MappingMetrics mapping(String name) {
        return new MappingMetrics(name, requests, durations.labelValues(name), upstreamFailures);
    }
}
