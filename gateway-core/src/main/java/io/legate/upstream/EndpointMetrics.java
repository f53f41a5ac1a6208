package io.legate.upstream;

import io.prometheus.metrics.core.metrics.CounterWithCallback;
import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BinaryOperator;
import java.util.function.ToDoubleBiFunction;
import java.util.function.ToDoubleFunction;

/**
 * Per-endpoint series, read from the clusters when the metrics are scraped: nothing is counted twice on a call's
 * path. An endpoint two clusters share (two Mappings to one service under different policies) is summed.
 */
final class EndpointMetrics {

    private static final String[] LABELS = {"upstream", "endpoint"};

    private EndpointMetrics() {
    }

    static void register(Clusters clusters, PrometheusRegistry registry) {
        counter(clusters, registry, "legate_upstream_endpoint_calls_total",
                "Tries sent to each endpoint, retries included", Endpoint::calls);
        counter(clusters, registry, "legate_upstream_endpoint_failures_total",
                "Tries that failed before the endpoint answered (connect, reset, timeout)", Endpoint::failures);
        counter(clusters, registry, "legate_upstream_endpoint_ejections_total",
                "Times the endpoint was taken out of rotation for failing calls", Endpoint::ejections);
        GaugeWithCallback.builder()
                .name("legate_upstream_endpoint_in_flight")
                .help("Calls in flight on each endpoint")
                .labelNames(LABELS)
                .callback(callback -> sum(clusters, Endpoint::inFlight)
                        .forEach((labels, value) -> callback.call(value, labels.get(0), labels.get(1))))
                .register(registry);
        GaugeWithCallback.builder()
                .name("legate_upstream_endpoint_healthy")
                .help("1 when the endpoint takes calls (active health checks pass and it is not ejected), else 0")
                .labelNames(LABELS)
                .callback(callback -> {
                    long now = System.nanoTime();
                    // An endpoint two clusters share is healthy when both take it.
                    each(clusters, (cluster, endpoint) -> cluster.healthy(endpoint) && !endpoint.ejected(now) ? 1 : 0,
                            Math::min).forEach((labels, value) -> callback.call(value, labels.get(0), labels.get(1)));
                })
                .register(registry);
    }

    private static void counter(Clusters clusters, PrometheusRegistry registry, String name, String help,
                                ToDoubleFunction<Endpoint> value) {
        CounterWithCallback.builder()
                .name(name)
                .help(help)
                .labelNames(LABELS)
                .callback(callback -> sum(clusters, value)
                        .forEach((labels, sum) -> callback.call(sum, labels.get(0), labels.get(1))))
                .register(registry);
    }

    private static Map<List<String>, Double> sum(Clusters clusters, ToDoubleFunction<Endpoint> value) {
        return each(clusters, (cluster, endpoint) -> value.applyAsDouble(endpoint), Double::sum);
    }

    /** The value of every endpoint of every cluster, by upstream and endpoint, those of one merged. */
    private static Map<List<String>, Double> each(Clusters clusters, ToDoubleBiFunction<Cluster, Endpoint> value,
                                                  BinaryOperator<Double> merge) {
        Map<List<String>, Double> values = new LinkedHashMap<>();
        for (Cluster cluster : clusters.all()) {
            for (Endpoint endpoint : cluster.endpoints()) {
                values.merge(List.of(cluster.upstream().origin(), endpoint.toString()),
                        value.applyAsDouble(cluster, endpoint), merge);
            }
        }
        return values;
    }
}
