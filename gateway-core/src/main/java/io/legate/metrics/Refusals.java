package io.legate.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.util.EnumMap;
import java.util.Map;

/** {@code legate_refused_total{reason}}: each time a limit against hostile peers refused something. */
public final class Refusals {

    private final Map<Refusal, CounterDataPoint> points = new EnumMap<>(Refusal.class);

    Refusals(PrometheusRegistry registry) {
        Counter counter = Counter.builder()
                .name("legate_refused_total")
                .help("Calls and connections refused for breaking a limit, by reason")
                .labelNames("reason")
                .withoutExemplars()
                .register(registry);
        // Every reason shows from the start, at 0, so that a rate over it needs no special case.
        for (Refusal reason : Refusal.values()) {
            points.put(reason, counter.labelValues(reason.label()));
        }
    }

    public void count(Refusal reason) {
        points.get(reason).inc();
    }
}
