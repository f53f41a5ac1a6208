package io.legate.testing;

import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * The samples of a Prometheus text exposition, read line by line as a scraper reads them, each by its series as
 * written: {@code legate_requests_total{mapping="a",code="200",grpc_status="0"}}.
 */
public final class MetricSamples {

    private static final long SETTLE_MS = 5_000;

    private final String text;
    private final Map<String, Double> values = new LinkedHashMap<>();

    private MetricSamples(String text) {
        this.text = text;
        for (String line : text.split("\n")) {
            if (!line.isEmpty() && !line.startsWith("#")) {
                int space = line.lastIndexOf(' ');
                values.put(line.substring(0, space), Double.parseDouble(line.substring(space + 1)));
            }
        }
    }

    public static MetricSamples parse(String text) {
        return new MetricSamples(text);
    }

    /** {@code registry} as {@code GET /metrics} writes it. */
    public static MetricSamples of(PrometheusRegistry registry) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            PrometheusTextFormatWriter.create().write(out, registry.scrape());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return parse(out.toString(StandardCharsets.UTF_8));
    }

    /**
     * The samples once no request is in flight any more: a caller may read its reply's end a moment before the
     * gateway's stream ends, which is when the request is counted. Scraped once more after that: a scrape may
     * read the counters before a request ends and the in-flight gauge after.
     */
    public static MetricSamples settled(Callable<MetricSamples> scrape) throws Exception {
        long deadline = System.nanoTime() + SETTLE_MS * 1_000_000;
        while (scrape.call().value("legate_requests_in_flight") != 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        return scrape.call();
    }

    /** The value of {@code series}; fails, showing the metric's samples, when there is no such sample. */
    public double value(String series) {
        Double value = values.get(series);
        if (value == null) {
            throw new AssertionError("no sample " + series + " among:\n" + String.join("\n", series(metricName(series))));
        }
        return value;
    }

    /** Every series written for the metric {@code name} (its samples, and those of its suffixes). */
    public List<String> series(String name) {
        return values.keySet().stream().filter(series -> metricName(series).startsWith(name)).toList();
    }

    private static String metricName(String series) {
        int brace = series.indexOf('{');
        return brace < 0 ? series : series.substring(0, brace);
    }

    @Override
    public String toString() {
        return text;
    }
}
