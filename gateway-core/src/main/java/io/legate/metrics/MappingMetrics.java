package io.legate.metrics;

import io.prometheus.metrics.core.datapoints.CounterDataPoint;
import io.prometheus.metrics.core.datapoints.DistributionDataPoint;
import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.model.snapshots.Unit;
import java.util.Arrays;

/**
 * The data points of one Mapping (or of the requests no Mapping routed): bound when its route table is swapped
 * in, or on the first use of a status, so that counting a request looks no label value up.
 */
public final class MappingMetrics {

    /** The grpc-status codes that are labels of their own; any other value a caller got is counted as UNKNOWN. */
    static final int GRPC_CODES = 17;
    static final int NO_GRPC_STATUS = -1;

    private final String name;
    private final Counter requests;
    private final DistributionDataPoint duration;
    private final LazyPoints<CounterDataPoint> upstreamFailures;
    // One row per HTTP status seen, few in practice (a gRPC route has 200 alone); copied on the rare addition.
    private volatile StatusRow[] rows = new StatusRow[0];

    MappingMetrics(String name, Counter requests, DistributionDataPoint duration, Counter upstreamFailures) {
        this.name = name;
        this.requests = requests;
        this.duration = duration;
        UpstreamFailure[] reasons = UpstreamFailure.values();
        this.upstreamFailures = new LazyPoints<>(reasons.length,
                reason -> upstreamFailures.labelValues(name, reasons[reason].label()));
    }

    /** The Mapping's name, {@code ""} for the requests no Mapping routed. */
    String name() {
        return name;
    }

    /** Counts an upstream exchange of this Mapping that failed. */
    void upstreamFailed(UpstreamFailure reason) {
        upstreamFailures.get(reason.ordinal()).inc();
    }

    /** @param grpcStatus 0 to 16, or {@link #NO_GRPC_STATUS} */
    void ended(int httpStatus, int grpcStatus, long nanos) {
        requests(httpStatus).get(grpcStatus + 1).inc();
        duration.observe(Unit.nanosToSeconds(nanos));
    }

    private LazyPoints<CounterDataPoint> requests(int httpStatus) {
        for (StatusRow row : rows) {
            if (row.httpStatus() == httpStatus) {
                return row.byGrpcStatus();
            }
        }
        return addRow(httpStatus);
    }

    private synchronized LazyPoints<CounterDataPoint> addRow(int httpStatus) {
        StatusRow[] current = rows;
        for (StatusRow row : current) {
            if (row.httpStatus() == httpStatus) {
                return row.byGrpcStatus();
            }
        }
        String code = Integer.toString(httpStatus);
        LazyPoints<CounterDataPoint> byGrpcStatus = new LazyPoints<>(GRPC_CODES + 1,
                slot -> requests.labelValues(name, code, slot == 0 ? "" : Integer.toString(slot - 1)));
        StatusRow[] next = Arrays.copyOf(current, current.length + 1);
        next[current.length] = new StatusRow(httpStatus, byGrpcStatus);
        rows = next;
        return byGrpcStatus;
    }

    /** The counters of one HTTP status, by grpc-status: slot 0 for none, slot s for code s - 1. */
    private record StatusRow(int httpStatus, LazyPoints<CounterDataPoint> byGrpcStatus) {
    }
}
