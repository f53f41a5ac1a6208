package io.legate.admin.api;

import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.ExpositionFormats;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/**
 * {@code GET /metrics}: the gateway's metrics in the Prometheus text format, or in OpenMetrics when {@code Accept}
 * asks for it. Needs no token, as the health checks.
 */
@Path("/metrics")
public final class MetricsEndpoint {

    private final PrometheusRegistry registry;
    private final ExpositionFormats formats = ExpositionFormats.init();

    MetricsEndpoint(PrometheusRegistry registry) {
        this.registry = registry;
    }

    @GET
    public Response metrics(@HeaderParam(HttpHeaders.ACCEPT) String accept) {
        ExpositionFormatWriter writer = formats.findWriter(accept);
        // The protobuf format's writer is not shipped: a scraper that prefers it gets text, as it accepts too.
        ExpositionFormatWriter available = writer.isAvailable() ? writer : formats.getPrometheusTextFormatWriter();
        MetricSnapshots snapshots = registry.scrape();
        return Response.ok((StreamingOutput) out -> available.write(out, snapshots))
                .header(HttpHeaders.CONTENT_TYPE, available.getContentType())
                .build();
    }
}
