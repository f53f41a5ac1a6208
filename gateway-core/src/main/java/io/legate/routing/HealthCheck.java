package io.legate.routing;

import java.util.List;

/**
 * An active health check of every endpoint of an upstream: one of {@code grpc} and {@code http} is set.
 * Emissary's defaults: every 5 s, 3 s timeout, unhealthy after 2 failures, healthy again after 1 success.
 */
public record HealthCheck(
        long intervalMs,
        long timeoutMs,
        int unhealthyThreshold,
        int healthyThreshold,
        Grpc grpc,
        Http http) {

    /** {@code grpc.health.v1.Health/Check}; SERVING is healthy. */
    public record Grpc(String upstreamName, String authority) {
    }

    /** A GET of {@code path}; healthy when its status is in one of the ranges (200 to 299 when none is given). */
    public record Http(String path, String hostname, List<StatusRange> expectedStatuses) {

        public Http {
            expectedStatuses = List.copyOf(expectedStatuses);
        }
    }

    /** Statuses from {@code min} included to {@code max} excluded, as Envoy reads Emissary's ranges. */
    public record StatusRange(int min, int max) {

        public boolean contains(int status) {
            return status >= min && status < max;
        }
    }
}
