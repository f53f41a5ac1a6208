package io.legate.admin.store;

import io.prometheus.metrics.core.metrics.GaugeWithCallback;
import io.prometheus.metrics.model.registry.PrometheusRegistry;

/** {@code legate_store_up} and {@code legate_store_revision}, read from the store at each scrape. */
public final class StoreMetrics {

    private StoreMetrics() {
    }

    public static void register(ResourceStore store, PrometheusRegistry registry) {
        GaugeWithCallback.builder()
                .name("legate_store_up")
                .help("1 while the store answers; 0 while it does not (etcd away: the last good routes serve)")
                .callback(callback -> callback.call(store.status().up() ? 1 : 0))
                .register(registry);
        GaugeWithCallback.builder()
                .name("legate_store_revision")
                .help("The store revision this gateway serves (etcd's revision; 0 for the file store)")
                .callback(callback -> callback.call(store.status().revision()))
                .register(registry);
    }
}
